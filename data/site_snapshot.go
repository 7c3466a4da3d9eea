package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// SiteSnapshot is the whole site as one moment saw it: what an export writes.
type SiteSnapshot struct {
	Settings SiteSettings
	Articles []Article // every article not in the trash, by source path, with front matter and body
	Files    []SiteFile
	// ListPages are the home, section, taxonomy and term pages (_index files), by source path.
	ListPages []ListPage
}

// SiteSnapshot reads settings, articles and static files in one read transaction, so an export
// taken while the server runs and editors save is one consistent site. Writers are not blocked:
// in WAL mode the transaction reads the moment it began.
func (s *Store) SiteSnapshot(ctx context.Context) (SiteSnapshot, error) {
	var snap SiteSnapshot
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return snap, fmt.Errorf("site snapshot: %w", err)
	}
	defer conn.Close()
	// A deferred transaction reads without taking the write lock (the DSN makes BeginTx
	// immediate, which would hold writers back for the whole export).
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return snap, fmt.Errorf("site snapshot: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	if err := readSnapshot(ctx, conn, &snap); err != nil {
		return snap, fmt.Errorf("site snapshot: %w", err)
	}
	return snap, nil
}

func readSnapshot(ctx context.Context, conn *sql.Conn, snap *SiteSnapshot) error {
	snap.Settings = DefaultSiteSettings()
	var raw string
	err := conn.QueryRowContext(ctx, "SELECT value FROM settings WHERE name = ?", siteSettingsName).Scan(&raw)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return err
	default:
		if err := json.Unmarshal([]byte(raw), &snap.Settings); err != nil {
			return fmt.Errorf("settings: %w", err)
		}
	}
	rows, err := conn.QueryContext(ctx, "SELECT "+fullColumns+" FROM articles a WHERE a.trashed_at IS NULL ORDER BY a.source_path")
	if err != nil {
		return err
	}
	for rows.Next() {
		a, err := scanArticle(rows, true)
		if err != nil {
			rows.Close()
			return err
		}
		snap.Articles = append(snap.Articles, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = conn.QueryContext(ctx, "SELECT "+listPageColumns+" FROM list_pages ORDER BY source_path")
	if err != nil {
		return err
	}
	if snap.ListPages, err = scanListPages(rows); err != nil {
		return err
	}
	rows, err = conn.QueryContext(ctx, "SELECT path, stored_name, media_type, size FROM site_files ORDER BY path")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var f SiteFile
		if err := rows.Scan(&f.Path, &f.StoredName, &f.MediaType, &f.Size); err != nil {
			return err
		}
		snap.Files = append(snap.Files, f)
	}
	return rows.Err()
}
