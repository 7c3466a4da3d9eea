package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// List page kinds, as Hugo names them.
const (
	KindHome     = "home"
	KindSection  = "section"
	KindTaxonomy = "taxonomy"
	KindTerm     = "term"
)

// ListPage is a page that is not an article: the home page, a section, a taxonomy or a term,
// from a Hugo branch bundle's _index file. Its title, description and body belong to the list
// it heads; its front matter's `cascade` reaches the pages below it.
type ListPage struct {
	ID         int64
	SourcePath string // from the site root ("content/post/_index.md"); unique
	Lang       string
	Kind       string // KindHome, KindSection, KindTaxonomy or KindTerm
	// Dir is the branch's folder inside its content folder: "" for the home page, "post",
	// "post/2024", "tags", "tags/go".
	Dir         string
	Permalink   string // site-relative, unescaped ("/post/", "/es/tags/go/")
	Title       string
	LinkTitle   string
	Description string
	Weight      int
	Draft       bool
	Menus       map[string]MenuEntry // the menus the list puts itself in (`menu` in its front matter)

	FrontMatter    map[string]any // every key as written
	FrontMatterFmt string
	// FrontMatterText is everything before the body as written (a BOM and blank lines
	// included), so FrontMatterText + BodyMarkdown is the file byte for byte.
	FrontMatterText string
	BodyMarkdown    string
	BodyHTML        string
	ContentHash     string
}

const listPageColumns = `id, source_path, lang, kind, dir, permalink, title, link_title, description, weight, draft, menus,
	front_matter, front_matter_fmt, front_matter_text, body_markdown, body_html, content_hash`

// SaveListPages writes list pages by source path in one transaction; a page whose content
// hash is unchanged is not written again (so a re-import empties no cache).
func (s *Store) SaveListPages(ctx context.Context, pages []ListPage) error {
	if len(pages) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save list pages: %w", err)
	}
	defer tx.Rollback()
	w := newWriteTx(ctx, tx)
	now := s.now().Unix()
	for _, p := range pages {
		fm, err := json.Marshal(p.FrontMatter)
		if err != nil {
			return fmt.Errorf("save list page %s: front matter: %w", p.SourcePath, err)
		}
		menus := ""
		if len(p.Menus) > 0 {
			b, err := json.Marshal(p.Menus)
			if err != nil {
				return fmt.Errorf("save list page %s: menus: %w", p.SourcePath, err)
			}
			menus = string(b)
		}
		if _, err := w.exec(`INSERT INTO list_pages (source_path, lang, kind, dir, permalink, title, link_title, description,
				weight, draft, menus, front_matter, front_matter_fmt, front_matter_text, body_markdown, body_html, content_hash, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (source_path) DO UPDATE SET lang = excluded.lang, kind = excluded.kind, dir = excluded.dir,
				permalink = excluded.permalink, title = excluded.title, link_title = excluded.link_title,
				description = excluded.description, weight = excluded.weight, draft = excluded.draft, menus = excluded.menus,
				front_matter = excluded.front_matter, front_matter_fmt = excluded.front_matter_fmt,
				front_matter_text = excluded.front_matter_text, body_markdown = excluded.body_markdown,
				body_html = excluded.body_html, content_hash = excluded.content_hash, updated_at = excluded.updated_at
			WHERE list_pages.content_hash <> excluded.content_hash`,
			p.SourcePath, p.Lang, p.Kind, p.Dir, p.Permalink, p.Title, p.LinkTitle, p.Description, p.Weight, p.Draft, menus,
			string(fm), p.FrontMatterFmt, p.FrontMatterText, p.BodyMarkdown, p.BodyHTML, p.ContentHash, now); err != nil {
			return fmt.Errorf("save list page %s: %w", p.SourcePath, err)
		}
	}
	if err := s.commit(ctx, tx); err != nil {
		return fmt.Errorf("save list pages: %w", err)
	}
	return nil
}

// ListPageAt is the list page published at a permalink in a language; drafts are never
// shown. ErrNotFound when the list has no page of its own (Hugo then makes up its title).
func (s *Store) ListPageAt(ctx context.Context, lang, permalink string) (ListPage, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+listPageColumns+" FROM list_pages WHERE permalink = ? AND lang = ? AND draft = 0 ORDER BY source_path LIMIT 1", permalink, lang)
	p, err := scanListPage(row)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("list page %s: %w", permalink, err)
	}
	return p, nil
}

// menuListPages are the published list pages that put themselves in a menu (a section's
// `menu: main`), as menu entries beside the articles'.
func (s *Store) menuListPages(ctx context.Context) ([]ArticleRef, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+listPageColumns+" FROM list_pages WHERE menus <> '' AND draft = 0 ORDER BY source_path")
	if err != nil {
		return nil, fmt.Errorf("menu list pages: %w", err)
	}
	pages, err := scanListPages(rows)
	if err != nil {
		return nil, fmt.Errorf("menu list pages: %w", err)
	}
	out := make([]ArticleRef, len(pages))
	for i, p := range pages {
		out[i] = ArticleRef{Title: p.Title, Permalink: p.Permalink, Lang: p.Lang, Menus: p.Menus}
	}
	return out, nil
}

// ListPages is every list page, by source path: what cascades and exports read.
func (s *Store) ListPages(ctx context.Context) ([]ListPage, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+listPageColumns+" FROM list_pages ORDER BY source_path")
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	pages, err := scanListPages(rows)
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	return pages, nil
}

func scanListPages(rows *sql.Rows) ([]ListPage, error) {
	defer rows.Close()
	var pages []ListPage
	for rows.Next() {
		p, err := scanListPage(rows)
		if err != nil {
			return nil, err
		}
		pages = append(pages, p)
	}
	return pages, rows.Err()
}

func scanListPage(row interface{ Scan(...any) error }) (ListPage, error) {
	var p ListPage
	var fm, menus string
	if err := row.Scan(&p.ID, &p.SourcePath, &p.Lang, &p.Kind, &p.Dir, &p.Permalink, &p.Title, &p.LinkTitle, &p.Description,
		&p.Weight, &p.Draft, &menus, &fm, &p.FrontMatterFmt, &p.FrontMatterText, &p.BodyMarkdown, &p.BodyHTML, &p.ContentHash); err != nil {
		return p, err
	}
	if err := json.Unmarshal([]byte(fm), &p.FrontMatter); err != nil {
		return p, fmt.Errorf("list page %s: front matter: %w", p.SourcePath, err)
	}
	if menus != "" {
		if err := json.Unmarshal([]byte(menus), &p.Menus); err != nil {
			return p, fmt.Errorf("list page %s: menus: %w", p.SourcePath, err)
		}
	}
	return p, nil
}
