package data

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// SnapshotInto writes a consistent copy of the whole database to a new file at dst while
// readers and writers carry on (VACUUM INTO reads one snapshot of the WAL database). The copy
// is compact, has no WAL beside it and is the file a restore puts back.
func (s *Store) SnapshotInto(ctx context.Context, dst string) error {
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return fmt.Errorf("snapshot database into %s: %w", dst, err)
	}
	return nil
}

// SnapshotInfo describes a database file that is not being served: a backup or a restored copy.
type SnapshotInfo struct {
	Schema []string         // applied migration names, in order
	Counts map[string]int64 // rows per table that matters to a newsroom
	Files  []string         // media-folder stored names the rows refer to, sorted, unique
}

// countedTables are the tables a backup's manifest counts, so a person can see at a glance
// that a restore brought back what they expected.
var countedTables = []string{"articles", "comments", "editors", "media", "site_files", "terms", "article_revisions"}

// InspectSnapshot opens a database file read-only, checks its integrity and reports its schema,
// row counts and the media files it refers to.
func InspectSnapshot(ctx context.Context, file string) (SnapshotInfo, error) {
	var info SnapshotInfo
	db, err := sql.Open("sqlite", "file:"+file+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return info, fmt.Errorf("open %s: %w", file, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := integrityCheck(ctx, db); err != nil {
		return info, fmt.Errorf("%s: %w", file, err)
	}
	if info.Schema, err = appliedMigrations(ctx, db); err != nil {
		return info, fmt.Errorf("%s: %w", file, err)
	}
	info.Counts = map[string]int64{}
	for _, table := range countedTables {
		var n int64
		// Table names come from the fixed list above, never from input.
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			return info, fmt.Errorf("%s: count %s: %w", file, table, err)
		}
		info.Counts[table] = n
	}
	if info.Files, err = referencedFiles(ctx, db); err != nil {
		return info, fmt.Errorf("%s: %w", file, err)
	}
	return info, nil
}

// IntegrityCheck runs SQLite's integrity_check on the live store.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	return integrityCheck(ctx, s.db.DB)
}

func integrityCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check failed: %s", strings.Join(problems, "; "))
	}
	return nil
}

func appliedMigrations(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM schema_migrations ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		names = append(names, path.Base(n))
	}
	return names, rows.Err()
}

// KnownMigrations lists the migrations this binary carries, by file name ("0001_init.sql").
// A database that has applied one not in this list was made by a newer Gazette.
func KnownMigrations() []string {
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql") // the pattern is valid
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = path.Base(n)
	}
	sort.Strings(out)
	return out
}

// referencedFiles lists every media-folder file the database points at: uploads and their
// resized variants, page-bundle resources, and imported static files.
func referencedFiles(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT stored_name FROM media
		UNION SELECT json_extract(v.value, '$.stored_name') FROM media, json_each(media.variants) AS v
		UNION SELECT json_extract(r.value, '$.stored_name') FROM articles, json_each(articles.resources) AS r
		UNION SELECT stored_name FROM site_files`)
	if err != nil {
		return nil, fmt.Errorf("list referenced files: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n sql.NullString
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("list referenced files: %w", err)
		}
		if n.Valid && n.String != "" {
			names = append(names, n.String)
		}
	}
	sort.Strings(names)
	return names, rows.Err()
}
