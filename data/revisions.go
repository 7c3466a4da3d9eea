package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ConflictError says an article changed since the editor opened it: Current is what is stored
// now, so the desk can show both versions side by side.
type ConflictError struct {
	Current Article
	Version int
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("article %d changed meanwhile (now version %d)", e.Current.ID, e.Version)
}

// Unwrap lets errors.Is(err, ErrConflict) match.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// Revision is one saved state of an article.
type Revision struct {
	ID        int64
	ArticleID int64
	Version   int
	EditorID  int64
	Editor    string // name, "" when the editor was deleted
	Note      string // what the save did ("published", "restored revision 3")
	Article   Article
	CreatedAt time.Time
}

// DeskState is what the desk tracks beside an article: its version and whether it is trashed.
type DeskState struct {
	Version int
	Trashed bool
}

// ArticleDeskState returns an article's version and trash mark.
func (s *Store) ArticleDeskState(ctx context.Context, id int64) (DeskState, error) {
	var st DeskState
	var trashed sql.NullInt64
	err := s.db.QueryRowContext(ctx, "SELECT version, trashed_at FROM articles WHERE id = ?", id).Scan(&st.Version, &trashed)
	if errors.Is(err, sql.ErrNoRows) {
		return st, ErrNotFound
	}
	if err != nil {
		return st, fmt.Errorf("article %d state: %w", id, err)
	}
	st.Trashed = trashed.Valid
	return st, nil
}

// SaveDeskArticle saves an article written on the desk through the same upsert as imports, in
// one transaction with its checks: the version the editor started from must still be current
// (else a *ConflictError), and the URL must not belong to another article (else a
// ValidationError on "slug" that suggests a free one). It returns the new version and keeps a
// revision. baseVersion is ignored for a new article (ID 0).
func (s *Store) SaveDeskArticle(ctx context.Context, a *Article, baseVersion int, editorID int64, note string) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("save article: %w", err)
	}
	defer tx.Rollback()
	version := 1
	if a.ID != 0 {
		var current int
		err := tx.QueryRowContext(ctx, "SELECT version FROM articles WHERE id = ?", a.ID).Scan(&current)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, ErrNotFound
		}
		if err != nil {
			return 0, fmt.Errorf("save article: %w", err)
		}
		if current != baseVersion {
			cur, err := s.Article(ctx, a.ID)
			if err != nil {
				return 0, err
			}
			return 0, &ConflictError{Current: cur, Version: current}
		}
		version = current + 1
	}
	// What the article already had is kept even where it is shared: an imported site may give
	// two pages one URL (Hugo serves one), and saving one of them must not fail for it.
	var had Article
	if a.ID != 0 {
		var aliases string
		if err := tx.QueryRowContext(ctx, "SELECT permalink, aliases FROM articles WHERE id = ?", a.ID).Scan(&had.Permalink, &aliases); err != nil {
			return 0, fmt.Errorf("save article: %w", err)
		}
		if err := json.Unmarshal([]byte(aliases), &had.Aliases); err != nil {
			return 0, fmt.Errorf("save article: %w", err)
		}
	}
	if a.Permalink != had.Permalink {
		if err := checkPathFree(ctx, tx, a); err != nil {
			return 0, err
		}
	}
	if err := checkAliasesFree(ctx, tx, a, had.Aliases); err != nil {
		return 0, err
	}
	snapshot, err := json.Marshal(revisionOf(a))
	if err != nil {
		return 0, fmt.Errorf("save article: %w", err)
	}
	sum := sha256.Sum256(append(snapshot, strconv.Itoa(version)...))
	a.ContentHash = "desk:" + hex.EncodeToString(sum[:16])
	if _, err := s.saveArticle(deskWriteTx(ctx, tx), a); err != nil {
		return 0, fmt.Errorf("save article: %w", err)
	}
	now := s.now().Unix()
	if _, err := tx.ExecContext(ctx, "UPDATE articles SET version = ? WHERE id = ?", version, a.ID); err != nil {
		return 0, fmt.Errorf("save article: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_revisions (article_id, version, editor_id, note, snapshot, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, a.ID, version, nullID(editorID), note, string(snapshot), now); err != nil {
		return 0, fmt.Errorf("save revision: %w", err)
	}
	if err := s.commit(ctx, tx); err != nil {
		return 0, fmt.Errorf("save article: %w", err)
	}
	return version, nil
}

// checkPathFree refuses a permalink that another article already answers at (as its page or
// as a redirect), suggesting the first free "-2", "-3" … variant of the slug.
func checkPathFree(ctx context.Context, tx *sql.Tx, a *Article) error {
	taken := func(p string) (bool, error) {
		var n int
		err := tx.QueryRowContext(ctx, "SELECT count(*) FROM paths WHERE path = ? AND article_id <> ?", p, a.ID).Scan(&n)
		return n > 0, err
	}
	busy, err := taken(a.Permalink)
	if err != nil || !busy {
		return err
	}
	base := a.Permalink[:len(a.Permalink)-len(a.Slug)-1]
	for i := 2; i < 1000; i++ {
		slug := a.Slug + "-" + strconv.Itoa(i)
		busy, err := taken(base + slug + "/")
		if err != nil {
			return err
		}
		if !busy {
			return &ValidationError{Fields: map[string]string{"slug": fmt.Sprintf("Another article already uses %s. Try %q.", a.Permalink, slug)}}
		}
	}
	return &ValidationError{Fields: map[string]string{"slug": "Another article already uses " + a.Permalink + "."}}
}

// checkAliasesFree refuses an alias that is another article's URL (its permalink, published or
// not, or one of its redirects): the path index keeps the first claim, so it would never lead here.
func checkAliasesFree(ctx context.Context, tx *sql.Tx, a *Article, had []string) error {
	kept := map[string]bool{}
	for _, al := range had {
		kept[al] = true
	}
	for _, al := range a.Aliases {
		if kept[al] {
			continue
		}
		var n int
		err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM paths WHERE path = ?1 AND article_id <> ?2)
			+ (SELECT count(*) FROM articles WHERE permalink = ?1 AND id <> ?2)`, al, a.ID).Scan(&n)
		if err != nil {
			return fmt.Errorf("check aliases: %w", err)
		}
		if n > 0 {
			return &ValidationError{Fields: map[string]string{"aliases": "Another article already answers at " + al + ": remove it from this list."}}
		}
	}
	return nil
}

// revisionOf is the part of an article a revision keeps: what the editor wrote, not what was
// rendered from it.
func revisionOf(a *Article) Article {
	r := *a
	// Rendered fields are made again from the markdown; the front matter stays, since fields
	// such as the author live only there.
	r.BodyHTML, r.SummaryHTML, r.PlainText, r.TOCHeadings, r.ContentHash = "", "", "", nil, ""
	return r
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Revisions lists an article's revisions, newest first.
func (s *Store) Revisions(ctx context.Context, articleID int64) ([]Revision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.article_id, r.version, coalesce(r.editor_id, 0), coalesce(e.name, ''),
		r.note, r.snapshot, r.created_at FROM article_revisions r LEFT JOIN editors e ON e.id = r.editor_id
		WHERE r.article_id = ? ORDER BY r.version DESC, r.id DESC`, articleID)
	if err != nil {
		return nil, fmt.Errorf("revisions: %w", err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		rev, err := scanRevision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, rev)
	}
	return out, rows.Err()
}

// Revision returns one revision of an article.
func (s *Store) Revision(ctx context.Context, articleID, revID int64) (Revision, error) {
	rev, err := scanRevision(s.db.QueryRowContext(ctx, `SELECT r.id, r.article_id, r.version, coalesce(r.editor_id, 0),
		coalesce(e.name, ''), r.note, r.snapshot, r.created_at FROM article_revisions r LEFT JOIN editors e ON e.id = r.editor_id
		WHERE r.article_id = ? AND r.id = ?`, articleID, revID))
	if errors.Is(err, sql.ErrNoRows) {
		return rev, ErrNotFound
	}
	return rev, err
}

func scanRevision(sc scanner) (Revision, error) {
	var r Revision
	var snap string
	var created int64
	if err := sc.Scan(&r.ID, &r.ArticleID, &r.Version, &r.EditorID, &r.Editor, &r.Note, &snap, &created); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return r, err
		}
		return r, fmt.Errorf("revision: %w", err)
	}
	if err := json.Unmarshal([]byte(snap), &r.Article); err != nil {
		return r, fmt.Errorf("revision %d: %w", r.ID, err)
	}
	r.CreatedAt = time.Unix(created, 0).UTC()
	return r, nil
}
