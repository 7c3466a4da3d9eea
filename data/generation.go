package data

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// ChangeSet is what one look at the store found changed: the dependency keys of migration 0010
// ("a:12", "home:en", "t:7", "*", …). Caches drop what depends on them and nothing else.
type ChangeSet struct {
	Keys []string
}

// ChangeWatcher pushes the store's changes to the caches that subscribed. Writes through this
// Store are pushed before the write call returns (so a saved correction is never served old
// after the save); writes by another process (an import beside the server) are found by a poll
// every PollInterval; scheduled publish and expiry instants, which no write marks, are found
// by the poll and by Due on the serving path. Nothing on the serving path queries SQLite.
type ChangeWatcher struct {
	store *Store

	syncMu    sync.Mutex // one look at a time, so subscribers see changes in order
	lastSeq   int64
	lastCheck int64 // the clock (Unix seconds) at the last scheduled-instant check
	subs      []func(ChangeSet)

	gen  atomic.Uint64
	next atomic.Int64 // the next publish or expiry instant (Unix seconds); 0 = none
	stop chan struct{}
	done chan struct{}
}

// PollInterval is how often the watcher looks for other processes' writes and for scheduled
// instants: well inside the one second a change may take to show.
const PollInterval = 100 * time.Millisecond

// Changes returns the store's one watcher, starting it on first use.
func (s *Store) Changes() *ChangeWatcher {
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	if s.watcher == nil {
		w := &ChangeWatcher{store: s, stop: make(chan struct{}), done: make(chan struct{})}
		ctx := context.Background()
		if err := w.init(ctx); err != nil {
			// The first poll tries again; until then nothing is cached wrongly because nothing
			// has been delivered yet.
			w.lastSeq = -1
		}
		go w.loop()
		s.watcher = w
	}
	return s.watcher
}

// init starts watching from the store's present state.
func (w *ChangeWatcher) init(ctx context.Context) error {
	var seq int64
	if err := w.store.db.QueryRowContext(ctx, "SELECT n FROM public_changes WHERE id = 1").Scan(&seq); err != nil {
		return fmt.Errorf("watch changes: %w", err)
	}
	now := w.store.now().Unix()
	next, err := w.store.nextScheduledChange(ctx, now)
	if err != nil {
		return err
	}
	w.lastSeq, w.lastCheck = seq, now
	w.next.Store(next)
	w.gen.Store(1)
	return nil
}

func (w *ChangeWatcher) loop() {
	defer close(w.done)
	t := time.NewTicker(PollInterval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			if err := w.Sync(ctx); err != nil {
				w.store.log("watch changes", err)
			}
			cancel()
		}
	}
}

// Subscribe calls fn with every later change set, in order, on the goroutine that found it.
// fn must be quick: a writer waits for it.
func (w *ChangeWatcher) Subscribe(fn func(ChangeSet)) {
	w.syncMu.Lock()
	defer w.syncMu.Unlock()
	w.subs = append(w.subs, fn)
}

// Generation is a number that moves with every change set delivered: a cheap way for a cache
// of anything to tell that something changed, without asking what.
func (w *ChangeWatcher) Generation() uint64 { return w.gen.Load() }

// Due reports whether a scheduled instant has passed that the watcher has not delivered yet:
// the serving path then calls Sync before it trusts any cache. It costs two atomic loads.
func (w *ChangeWatcher) Due(now time.Time) bool {
	next := w.next.Load()
	return next != 0 && now.Unix() >= next
}

// Sync looks for changes now and delivers them to every subscriber before it returns.
func (w *ChangeWatcher) Sync(ctx context.Context) error {
	w.syncMu.Lock()
	defer w.syncMu.Unlock()
	if w.lastSeq < 0 {
		if err := w.init(ctx); err != nil {
			return err
		}
		w.deliver(ChangeSet{Keys: []string{"*"}})
		return nil
	}
	keys, seq, err := w.store.changedKeys(ctx, w.lastSeq)
	if err != nil {
		return err
	}
	now := w.store.now().Unix()
	if next := w.next.Load(); (next != 0 && now >= next) || len(keys) > 0 {
		// A scheduled instant passed, or a write may have scheduled a new one.
		if next != 0 && now >= next {
			due, err := w.store.scheduledKeys(ctx, w.lastCheck, now)
			if err != nil {
				return err
			}
			keys = append(keys, due...)
		}
		n, err := w.store.nextScheduledChange(ctx, now)
		if err != nil {
			return err
		}
		w.lastCheck = now
		w.next.Store(n)
	}
	w.lastSeq = max(w.lastSeq, seq)
	if len(keys) > 0 {
		w.deliver(ChangeSet{Keys: dedupe(keys)})
	}
	return nil
}

func (w *ChangeWatcher) deliver(c ChangeSet) {
	w.gen.Add(1)
	for _, fn := range w.subs {
		fn(c)
	}
}

// close stops the poll.
func (w *ChangeWatcher) close() {
	close(w.stop)
	<-w.done
}

// changedKeys returns the keys changed after seq and the newest seq among them.
func (s *Store) changedKeys(ctx context.Context, after int64) ([]string, int64, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT key, seq FROM changes WHERE seq > ? ORDER BY seq", after)
	if err != nil {
		return nil, 0, fmt.Errorf("changed keys: %w", err)
	}
	defer rows.Close()
	var keys []string
	last := after
	for rows.Next() {
		var k string
		var seq int64
		if err := rows.Scan(&k, &seq); err != nil {
			return nil, 0, fmt.Errorf("changed keys: %w", err)
		}
		keys, last = append(keys, k), max(last, seq)
	}
	return keys, last, rows.Err()
}

// scheduledKeys returns the keys of the articles that appeared or expired in (from, to]: no
// write marks those instants, so they are found here, and their keys' change time is set to
// the instant so that list pages' Last-Modified moves with them.
func (s *Store) scheduledKeys(ctx context.Context, from, to int64) ([]string, error) {
	const due = `SELECT id FROM articles WHERE publish_unix > ?1 AND publish_unix <= ?2
		UNION SELECT id FROM articles WHERE expiry_unix > ?1 AND expiry_unix <= ?2`
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT key FROM article_change_keys WHERE article_id IN ("+due+")", from, to)
	if err != nil {
		return nil, fmt.Errorf("scheduled keys: %w", err)
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scheduled keys: %w", err)
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scheduled keys: %w", err)
	}
	if len(keys) > 0 && !s.readOnly { // a standby's copy gets the primary's record
		// Not a change count: other watchers find the same instant themselves.
		if _, err := s.db.ExecContext(ctx, `INSERT INTO changes (key, seq, changed_at) SELECT value, 0, ?2 FROM json_each(?1) WHERE true
			ON CONFLICT (key) DO UPDATE SET changed_at = max(changed_at, excluded.changed_at)`, jsonText(keys), to); err != nil {
			// A read-only store still serves; only Last-Modified misses the instant.
			s.log("record scheduled change", err)
		}
	}
	return keys, nil
}

// KeysChangedAt returns the latest change time of any of keys (zero when none changed since
// migration 0010): with the list's newest article it makes a list's Last-Modified, which
// must move forward when an article leaves the list too.
func (s *Store) KeysChangedAt(ctx context.Context, keys ...string) (time.Time, error) {
	var t sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT max(changed_at) FROM changes WHERE key IN (SELECT value FROM json_each(?))",
		jsonText(keys)).Scan(&t); err != nil {
		return time.Time{}, fmt.Errorf("keys changed at: %w", err)
	}
	if !t.Valid {
		return time.Time{}, nil
	}
	return time.Unix(t.Int64, 0), nil
}

// nextScheduledChange is the earliest publish or expiry instant after now (Unix seconds, 0 =
// none): the moment the set of published articles changes without any write.
func (s *Store) nextScheduledChange(ctx context.Context, now int64) (int64, error) {
	var next sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT min(t) FROM (
		SELECT min(publish_unix) AS t FROM articles WHERE publish_unix > ?1
		UNION ALL SELECT min(expiry_unix) FROM articles WHERE expiry_unix > ?1)`, now).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("next scheduled change: %w", err)
	}
	return next.Int64, nil
}

// written is called after every committed write through this store: the watcher, if anyone
// watches, delivers the change before the writer's call returns.
func (s *Store) written(ctx context.Context) {
	s.watchMu.Lock()
	w := s.watcher
	s.watchMu.Unlock()
	if w == nil {
		return
	}
	if err := w.Sync(context.WithoutCancel(ctx)); err != nil {
		s.log("push changes", err)
	}
}

func dedupe(keys []string) []string {
	seen := make(map[string]bool, len(keys))
	out := keys[:0]
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
