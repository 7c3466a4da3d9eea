package data

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// ChangeWatcher tells whether what readers see may have changed: a generation number that moves
// on every committed write to the database, from this process or any other (an import run
// beside the server), and at the next instant a scheduled article appears or an article expires.
// Caches keyed by the generation therefore never serve a page older than the store.
type ChangeWatcher struct {
	store *Store

	mu      sync.Mutex
	conn    *sql.Conn // dedicated: PRAGMA data_version only moves for other connections' commits
	version int64
	public  int64     // public_changes.n at the last check
	next    time.Time // the next publish or expiry instant after the last check; zero = none
	gen     uint64
	started bool
}

// WatchChanges returns a watcher holding one connection of the pool for as long as the store is
// open.
func (s *Store) WatchChanges(ctx context.Context) (*ChangeWatcher, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("watch changes: %w", err)
	}
	return &ChangeWatcher{store: s, conn: conn}, nil
}

// Generation returns the current generation. It costs one PRAGMA on the watcher's connection
// while nothing was written; after a write, one row read tells whether readers could see it
// (migration 0006 counts those changes), and only then does the generation move.
func (w *ChangeWatcher) Generation(ctx context.Context) (uint64, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var v int64
	if err := w.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("data version: %w", err)
	}
	now := w.store.Now()
	scheduled := !w.next.IsZero() && !now.Before(w.next)
	if w.started && v == w.version && !scheduled {
		return w.gen, nil
	}
	var public int64
	if err := w.conn.QueryRowContext(ctx, "SELECT n FROM public_changes WHERE id = 1").Scan(&public); err != nil {
		return 0, fmt.Errorf("public changes: %w", err)
	}
	w.version = v
	if w.started && public == w.public && !scheduled {
		return w.gen, nil // a write readers cannot see
	}
	next, err := w.store.nextScheduledChange(ctx, w.conn, now)
	if err != nil {
		return 0, err
	}
	w.public, w.next, w.started = public, next, true
	w.gen++
	return w.gen, nil
}

// nextScheduledChange is the earliest publish or expiry instant after now: the moment the set of
// published articles changes without any write.
func (s *Store) nextScheduledChange(ctx context.Context, conn *sql.Conn, now time.Time) (time.Time, error) {
	var next sql.NullInt64
	err := conn.QueryRowContext(ctx, `SELECT min(t) FROM (
		SELECT min(publish_unix) AS t FROM articles WHERE publish_unix > ?1
		UNION ALL SELECT min(expiry_unix) FROM articles WHERE expiry_unix > ?1)`, now.Unix()).Scan(&next)
	if err != nil {
		return time.Time{}, fmt.Errorf("next scheduled change: %w", err)
	}
	if !next.Valid {
		return time.Time{}, nil
	}
	return time.Unix(next.Int64, 0), nil
}

// Close gives the watcher's connection back to the pool.
func (w *ChangeWatcher) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.conn.Close()
}
