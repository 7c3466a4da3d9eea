package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// AuthorsTaxonomy is the taxonomy whose terms are an article's authors (Hugo's `authors`
// front matter); every site has it, so an author always has a page.
const AuthorsTaxonomy = "authors"

// AuthorProfile is a person who signs articles: the profile of the `authors` terms whose key is
// Slug, in every language.
type AuthorProfile struct {
	Slug   string
	Name   string
	Bio    string
	Avatar string // an image URL (an upload's /media/… path, or https)
	Links  []AuthorLink
}

// AuthorLink is one of an author's pages elsewhere (a site, a social profile).
type AuthorLink struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// AuthorProfiles returns every profile by name. They are read again only after a profile
// changed (key `authors`, migration 0120).
func (s *Store) AuthorProfiles(ctx context.Context) ([]AuthorProfile, error) {
	return memoGet(ctx, s.memo, "author-profiles", []string{"authors"}, func() ([]AuthorProfile, int, []string, error) {
		out, err := s.readAuthorProfiles(ctx)
		return out, 16*len(out) + 1, nil, err
	})
}

func (s *Store) readAuthorProfiles(ctx context.Context) ([]AuthorProfile, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT slug, name, bio, avatar, links FROM author_profiles ORDER BY name COLLATE NOCASE, slug")
	if err != nil {
		return nil, fmt.Errorf("author profiles: %w", err)
	}
	defer rows.Close()
	var out []AuthorProfile
	for rows.Next() {
		var p AuthorProfile
		var links string
		if err := rows.Scan(&p.Slug, &p.Name, &p.Bio, &p.Avatar, &links); err != nil {
			return nil, fmt.Errorf("author profiles: %w", err)
		}
		if err := json.Unmarshal([]byte(links), &p.Links); err != nil {
			return nil, fmt.Errorf("author profile %s links: %w", p.Slug, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// AuthorProfileBySlug returns one profile, or ErrNotFound.
func (s *Store) AuthorProfileBySlug(ctx context.Context, slug string) (AuthorProfile, error) {
	all, err := s.AuthorProfiles(ctx)
	if err != nil {
		return AuthorProfile{}, err
	}
	for _, p := range all {
		if p.Slug == slug {
			return p, nil
		}
	}
	return AuthorProfile{}, ErrNotFound
}

// SaveAuthorProfile creates a profile (oldSlug "") or replaces the one at oldSlug. A slug that
// another profile has is a ValidationError on the slug field.
func (s *Store) SaveAuthorProfile(ctx context.Context, oldSlug string, p AuthorProfile) error {
	links := p.Links
	if links == nil {
		links = []AuthorLink{}
	}
	var err error
	if oldSlug == "" {
		_, err = s.db.ExecContext(ctx, `INSERT INTO author_profiles (slug, name, bio, avatar, links, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			p.Slug, p.Name, p.Bio, p.Avatar, jsonText(links), s.now().Unix())
	} else {
		var res sql.Result
		res, err = s.db.ExecContext(ctx, `UPDATE author_profiles SET slug = ?, name = ?, bio = ?, avatar = ?, links = ?, updated_at = ? WHERE slug = ?`,
			p.Slug, p.Name, p.Bio, p.Avatar, jsonText(links), s.now().Unix(), oldSlug)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return ErrNotFound
			}
		}
	}
	if isUniqueViolation(err) {
		return &ValidationError{Fields: map[string]string{"slug": "Another author has this address; choose another."}}
	}
	if err != nil {
		return fmt.Errorf("save author %s: %w", p.Slug, err)
	}
	s.written(ctx)
	return nil
}

// DeleteAuthorProfile removes a profile; the articles keep their authors' names.
func (s *Store) DeleteAuthorProfile(ctx context.Context, slug string) error {
	res, err := s.db.ExecContext(ctx, "DELETE FROM author_profiles WHERE slug = ?", slug)
	if err != nil {
		return fmt.Errorf("delete author %s: %w", slug, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	s.written(ctx)
	return nil
}

// AuthorArticleCounts returns how many articles each author key signs in a language, published
// or not (for the desk's author list).
func (s *Store) AuthorArticleCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.key, count(*) FROM terms t JOIN article_terms at ON at.term_id = t.id
		WHERE t.taxonomy = ? GROUP BY t.key`, AuthorsTaxonomy)
	if err != nil {
		return nil, fmt.Errorf("author counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("author counts: %w", err)
		}
		out[k] = n
	}
	return out, rows.Err()
}

// isUniqueViolation reports a UNIQUE or PRIMARY KEY constraint failure.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		return coded.Code() == 1555 || coded.Code() == 2067 // SQLITE_CONSTRAINT_PRIMARYKEY, _UNIQUE
	}
	return false
}
