package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path"
	"strings"
)

// mediaReferrers are the columns that may name an upload: an article's thumbnail, text, front
// matter and bundle files (an imported bundle file with the same bytes shares the stored
// file), a list page's text, a setting (a logo, an avatar), an author's picture and an imported static file. A new
// place that stores media URLs belongs here, or deleting an upload could break it.
var mediaReferrers = []struct{ table, column string }{
	{"articles", "thumbnail"}, {"articles", "body_markdown"}, {"articles", "front_matter_text"}, {"articles", "resources"},
	{"list_pages", "body_markdown"}, {"list_pages", "front_matter_text"},
	{"settings", "value"}, {"site_files", "stored_name"}, {"author_profiles", "avatar"},
}

// MediaUses counts the rows that name an upload or one of its variants (by content hash,
// whatever the URL around it); 0 means nothing shows it and it may be deleted.
func (s *Store) MediaUses(ctx context.Context, m MediaFile) (int, error) {
	return mediaUses(ctx, s.db, m)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func mediaUses(ctx context.Context, q queryer, m MediaFile) (int, error) {
	hashes := []string{mediaHash(m.StoredName)}
	for _, v := range m.Variants {
		hashes = append(hashes, mediaHash(v.StoredName))
	}
	total := 0
	for _, ref := range mediaReferrers {
		for _, h := range hashes {
			var n int
			// instr, not LIKE: a hash has no wildcard to escape, and instr is exact.
			err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+ref.table+" WHERE instr("+ref.column+", ?) > 0", h).Scan(&n)
			if err != nil {
				return 0, fmt.Errorf("media uses in %s.%s: %w", ref.table, ref.column, err)
			}
			total += n
		}
	}
	return total, nil
}

// mediaHash is the content hash inside a stored name ("ab/ab12….png" → "ab12…").
func mediaHash(stored string) string {
	return strings.TrimSuffix(path.Base(stored), path.Ext(stored))
}

// ErrMediaInUse is returned when an upload that something shows is to be deleted.
var ErrMediaInUse = errors.New("media in use")

// DeleteMedia deletes an upload nothing refers to, its record and then its files (the original
// and every variant). A file already gone is not an error.
func (s *Store) DeleteMedia(ctx context.Context, dir *MediaDir, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("delete media: %w", err)
	}
	defer tx.Rollback()
	m, err := scanMedia(tx.QueryRowContext(ctx, "SELECT "+mediaColumns+" FROM media WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("delete media: %w", err)
	}
	// Counted inside the write transaction, so an article saved meanwhile waits for it.
	n, err := mediaUses(ctx, tx, m)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("delete media %d: %w (%d uses)", id, ErrMediaInUse, n)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM media WHERE id = ?", id); err != nil {
		return fmt.Errorf("delete media: %w", err)
	}
	if err := s.commit(ctx, tx); err != nil {
		return fmt.Errorf("delete media: %w", err)
	}
	names := []string{m.StoredName}
	for _, v := range m.Variants {
		names = append(names, v.StoredName)
	}
	for _, name := range names {
		if err := dir.Remove(name); err != nil {
			return err
		}
	}
	return nil
}
