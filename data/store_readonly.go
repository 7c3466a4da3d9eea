package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"time"
)

// ErrStandby is what a write to a read-only store (a warm standby) answers: a storage fault
// (see StorageFault), so readers go on reading and a writer is told to write on the primary.
var ErrStandby = errors.New("this is a read-only standby")

// OpenReadOnly opens a database that another process keeps up to date page by page: a warm
// standby's copy, which `gazette restore --follow` (replica.Follow) applies the primary's
// transactions to. Nothing is written: no migrations, no WAL (the follower keeps the file in
// rollback-journal mode and takes SQLite's locks while it applies a transaction, so each read
// transaction here sees whole transactions, and it moves the file change counter, so cached
// pages and the change watcher notice). The file is not memory-mapped: the follower may shrink
// it. The schema must be the one this binary knows: a standby runs the primary's version.
func OpenReadOnly(ctx context.Context, path string, now func() time.Time) (*Store, error) {
	if now == nil {
		now = time.Now
	}
	if err := checkRollbackJournal(path); err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Set("mode", "ro")
	for _, p := range []string{"busy_timeout(10000)", "foreign_keys(1)", "temp_store(MEMORY)", "query_only(1)", "mmap_size(0)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	s := newStore(db, now, true)
	if err := s.checkSchemaCurrent(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// ReadOnly reports whether the store was opened with OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.readOnly }

// checkSchemaCurrent fails unless every embedded migration, and no other, has been applied.
func (s *Store) checkSchemaCurrent(ctx context.Context) error {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	var applied int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&applied); err != nil {
		return fmt.Errorf("read-only store: %w", err)
	}
	if applied != len(names) {
		return fmt.Errorf("read-only store: the database has %d migrations applied, this Gazette knows %d: run the primary's version", applied, len(names))
	}
	return nil
}

// checkRollbackJournal refuses a file whose header says WAL (bytes 18-19 = 2): a reader of a
// WAL database holds a shared lock for as long as it is open, so the follower could never
// apply another transaction. replica.Follow stamps its copy before anyone may open it.
func checkRollbackJournal(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read-only store: %w", err)
	}
	defer f.Close()
	var hdr [20]byte
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		return fmt.Errorf("read-only store %s: %w", path, err)
	}
	if hdr[18] == 2 || hdr[19] == 2 {
		return fmt.Errorf("read-only store %s is in WAL mode: serve a copy that `gazette restore --follow` keeps", path)
	}
	return nil
}
