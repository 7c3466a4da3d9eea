package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// SiteFile is a file of an imported site's static folder, served at Path.
type SiteFile struct {
	Path       string // URL path, unescaped ("/img/logo.png")
	StoredName string // in the media folder
	MediaType  string
	Size       int64
}

// SaveSiteFiles records static files by path in one transaction, replacing what a path held.
func (s *Store) SaveSiteFiles(ctx context.Context, files []SiteFile) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save site files: %w", err)
	}
	defer tx.Rollback()
	w := newWriteTx(ctx, tx)
	now := s.now().Unix()
	for _, f := range files {
		if _, err := w.exec(`INSERT INTO site_files (path, stored_name, media_type, size, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (path) DO UPDATE SET stored_name = excluded.stored_name, media_type = excluded.media_type,
			size = excluded.size, updated_at = excluded.updated_at WHERE site_files.stored_name <> excluded.stored_name`,
			f.Path, f.StoredName, f.MediaType, f.Size, now); err != nil {
			return fmt.Errorf("save site file %s: %w", f.Path, err)
		}
	}
	if err := s.commit(ctx, tx); err != nil {
		return fmt.Errorf("save site files: %w", err)
	}
	return nil
}

// SiteFileAt returns the static file served at a URL path; ErrNotFound when there is none.
func (s *Store) SiteFileAt(ctx context.Context, path string) (SiteFile, error) {
	f := SiteFile{Path: path}
	err := s.db.QueryRowContext(ctx, "SELECT stored_name, media_type, size FROM site_files WHERE path = ?", path).
		Scan(&f.StoredName, &f.MediaType, &f.Size)
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrNotFound
	}
	if err != nil {
		return f, fmt.Errorf("site file %s: %w", path, err)
	}
	return f, nil
}

// SiteFilesIn are the URL paths of the site files directly in a folder ("/img/trip/"), by
// name: what a theme's `gallery dir=` shortcode reads with readDir.
func (s *Store) SiteFilesIn(ctx context.Context, dir string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT path FROM site_files WHERE path >= ? AND path < ? ORDER BY path", dir, dir+"\U0010FFFF")
	if err != nil {
		return nil, fmt.Errorf("site files in %s: %w", dir, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("site files in %s: %w", dir, err)
		}
		if !strings.Contains(p[len(dir):], "/") {
			out = append(out, p)
		}
	}
	return out, rows.Err()
}
