package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// MediaFile is an uploaded image in the media library, with its resized variants.
type MediaFile struct {
	ID         int64
	StoredName string // content-hash name in the media folder ("ab/ab12….jpg")
	Name       string // the uploader's file name, shown only as a label
	MediaType  string // from the bytes, never from the name
	Width      int
	Height     int
	Size       int64
	Variants   []MediaVariant // smaller copies, narrowest first
	Alt        string         // the text alternative; "" = not written yet (the desk warns on publish)
	Caption    string         // shown under the image
	Credit     string         // who made it, shown after the caption
	CreatedAt  time.Time
}

// MediaVariant is a resized copy of an image.
type MediaVariant struct {
	StoredName string `json:"stored_name"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
}

// AddMedia records an upload. The same bytes uploaded twice are one file: the existing record
// is returned.
func (s *Store) AddMedia(ctx context.Context, m MediaFile, editorID int64) (MediaFile, error) {
	variants, err := json.Marshal(m.Variants)
	if err != nil {
		return m, fmt.Errorf("add media: %w", err)
	}
	now := s.now()
	_, err = s.db.ExecContext(ctx, `INSERT INTO media (stored_name, name, media_type, width, height, size, variants, alt, caption, credit, editor_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stored_name) DO NOTHING`,
		m.StoredName, m.Name, m.MediaType, m.Width, m.Height, m.Size, string(variants), m.Alt, m.Caption, m.Credit, nullID(editorID), now.Unix())
	if err != nil {
		return m, fmt.Errorf("add media: %w", err)
	}
	return s.MediaByStoredName(ctx, m.StoredName)
}

const mediaColumns = "id, stored_name, name, media_type, width, height, size, variants, alt, caption, credit, created_at"

func scanMedia(sc scanner) (MediaFile, error) {
	var m MediaFile
	var variants string
	var created int64
	if err := sc.Scan(&m.ID, &m.StoredName, &m.Name, &m.MediaType, &m.Width, &m.Height, &m.Size, &variants, &m.Alt, &m.Caption, &m.Credit, &created); err != nil {
		return m, err
	}
	m.CreatedAt = time.Unix(created, 0).UTC()
	if err := json.Unmarshal([]byte(variants), &m.Variants); err != nil {
		return m, fmt.Errorf("media %d variants: %w", m.ID, err)
	}
	return m, nil
}

// MediaByStoredName finds an upload by its stored name.
func (s *Store) MediaByStoredName(ctx context.Context, stored string) (MediaFile, error) {
	m, err := scanMedia(s.db.QueryRowContext(ctx, "SELECT "+mediaColumns+" FROM media WHERE stored_name = ?", stored))
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	if err != nil {
		return m, fmt.Errorf("media %s: %w", stored, err)
	}
	return m, nil
}

// MediaFiles lists uploads, newest first, and how many there are.
func (s *Store) MediaFiles(ctx context.Context, limit, offset int) ([]MediaFile, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM media").Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count media: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+mediaColumns+" FROM media ORDER BY id DESC LIMIT ? OFFSET ?", limit, max(offset, 0))
	if err != nil {
		return nil, 0, fmt.Errorf("list media: %w", err)
	}
	defer rows.Close()
	var out []MediaFile
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list media: %w", err)
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// MediaByStoredNames finds the uploads behind several stored names in one query (a list page's
// thumbnails); names that are not uploads are absent from the map.
func (s *Store) MediaByStoredNames(ctx context.Context, stored []string) (map[string]MediaFile, error) {
	out := map[string]MediaFile{}
	if len(stored) == 0 {
		return out, nil
	}
	args := make([]any, len(stored))
	for i, name := range stored {
		args[i] = name
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+mediaColumns+" FROM media WHERE stored_name IN (?"+
		strings.Repeat(", ?", len(args)-1)+")", args...)
	if err != nil {
		return nil, fmt.Errorf("media by names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, fmt.Errorf("media by names: %w", err)
		}
		out[m.StoredName] = m
	}
	return out, rows.Err()
}
