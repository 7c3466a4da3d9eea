package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// MediaText is what an image says besides its pixels.
type MediaText struct {
	Alt, Caption, Credit string
}

// MediaByID finds an upload by its id.
func (s *Store) MediaByID(ctx context.Context, id int64) (MediaFile, error) {
	m, err := scanMedia(s.db.QueryRowContext(ctx, "SELECT "+mediaColumns+" FROM media WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	if err != nil {
		return m, fmt.Errorf("media %d: %w", id, err)
	}
	return m, nil
}

// SetMediaText writes an image's alt text, caption and credit. Pages showing the image are
// rendered with it, so the change names every page (the `*` key, migration 0130's trigger):
// an image's words are rare edits, and which articles show an upload is not indexed.
func (s *Store) SetMediaText(ctx context.Context, id int64, t MediaText) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("media text: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE media SET alt = ?, caption = ?, credit = ? WHERE id = ?", t.Alt, t.Caption, t.Credit, id)
	if err := oneRow(res, err, "media text"); err != nil {
		return err
	}
	if err := s.commit(ctx, tx); err != nil {
		return fmt.Errorf("media text: %w", err)
	}
	return nil
}

// FindMedia lists uploads whose file name, alt text, caption or credit holds query (any case),
// newest first, and how many match; an empty query lists them all.
func (s *Store) FindMedia(ctx context.Context, query string, limit, offset int) ([]MediaFile, int, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return s.MediaFiles(ctx, limit, offset)
	}
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(query) + "%"
	where := ` WHERE name LIKE ?1 ESCAPE '\' OR alt LIKE ?1 ESCAPE '\' OR caption LIKE ?1 ESCAPE '\' OR credit LIKE ?1 ESCAPE '\'`
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM media"+where, like).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("find media: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+mediaColumns+" FROM media"+where+" ORDER BY id DESC LIMIT ?2 OFFSET ?3", like, limit, max(offset, 0))
	if err != nil {
		return nil, 0, fmt.Errorf("find media: %w", err)
	}
	defer rows.Close()
	var out []MediaFile
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("find media: %w", err)
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}
