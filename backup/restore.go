package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gazette/data"
)

// ErrNotEmpty is a restore refused because the data directory already holds a site.
var ErrNotEmpty = errors.New("the data directory is not empty")

// Restored is what a restore did.
type Restored struct {
	Manifest Manifest
	Migrated []string // migrations run forward because the backup was older than this Gazette
}

// Restore checks the backup in src (manifest, every hash, a schema this Gazette knows) and puts
// it into dataDir, then brings the schema up to date. A dataDir that holds anything is refused
// unless force, and then only the database is replaced: media files are named by their
// content, so the ones already there are the same bytes. Nothing in dataDir changes before the
// whole backup has verified.
func Restore(ctx context.Context, src, dataDir string, force bool) (Restored, error) {
	var r Restored
	m, err := Verify(src)
	if err != nil {
		return r, err
	}
	r.Manifest = m
	known := data.KnownMigrations()
	if unknown := m.UnknownMigrations(known); len(unknown) > 0 {
		return r, fmt.Errorf("this backup was made by a newer Gazette (version %s; its schema has %s, which this Gazette does not know): restore it with that version or newer",
			orUnknown(m.GazetteVersion), strings.Join(unknown, ", "))
	}
	if !force {
		if err := CheckEmpty(dataDir); err != nil {
			return r, err
		}
	}
	if err := os.MkdirAll(filepath.Join(dataDir, MediaFolder), 0o750); err != nil {
		return r, fmt.Errorf("restore: %w", err)
	}
	for _, f := range m.Files[1:] {
		dst := filepath.Join(dataDir, filepath.FromSlash(f.Path))
		if _, err := os.Stat(dst); err == nil {
			continue
		}
		if err := placeFile(filepath.Join(src, filepath.FromSlash(f.Path)), dst, ""); err != nil {
			return r, fmt.Errorf("restore %s: %w", f.Path, err)
		}
	}
	dbFile := filepath.Join(dataDir, DatabaseName)
	tmp := dbFile + ".restoring"
	if err := copyFile(filepath.Join(src, DatabaseName), tmp); err != nil {
		return r, fmt.Errorf("restore: %w", err)
	}
	// The old database's WAL and shared memory belong to the old file; beside the restored one
	// they would be replayed into it. A replication state folder describes the old file too.
	for _, stale := range []string{dbFile + "-wal", dbFile + "-shm", filepath.Join(dataDir, "."+DatabaseName+"-litestream")} {
		if err := os.RemoveAll(stale); err != nil {
			return r, fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.Rename(tmp, dbFile); err != nil {
		return r, fmt.Errorf("restore: %w", err)
	}
	store, err := data.Open(ctx, dbFile, time.Now)
	if err != nil {
		return r, fmt.Errorf("restore: bring the schema up to date: %w", err)
	}
	defer store.Close()
	if err := store.IntegrityCheck(ctx); err != nil {
		return r, fmt.Errorf("restore: %w", err)
	}
	for _, name := range known {
		if !slices.Contains(m.Schema, name) {
			r.Migrated = append(r.Migrated, name)
		}
	}
	return r, nil
}

func orUnknown(v string) string {
	if v == "" {
		return "unknown"
	}
	return v
}

// CheckEmpty refuses a data directory that holds anything but empty folders.
func CheckEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() {
			if err := CheckEmpty(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
			continue
		}
		return fmt.Errorf("%w: %s holds %s (restore into a new folder, or add --force to replace its database)", ErrNotEmpty, dir, e.Name())
	}
	return nil
}
