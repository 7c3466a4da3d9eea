package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is Gazette's SQLite database. Reads use a pool; writes take an immediate transaction so
// that concurrent writers (a second import, the server) wait for each other instead of failing.
type Store struct {
	db  *pool
	now func() time.Time

	watchMu sync.Mutex
	watcher *ChangeWatcher // one per store, made on first use, closed with the store

	logger *slog.Logger

	memo  *memo
	terms *termCounts
	gate  *searchGate // what a search checks of each match, in memory

	wordSamples *wordSamples // how common each searched word is

	readOnly bool // opened by OpenReadOnly: a standby's copy
}

// OpenOption changes how Open opens the database.
type OpenOption func(pragmas url.Values)

// MaxPages caps the database at n pages (SQLite's max_page_count, on every pooled
// connection): past it writes fail as on a full disk. Operators can bound the file; tests use
// it to fill the store honestly.
func MaxPages(n int) OpenOption {
	return func(q url.Values) { q.Add("_pragma", "max_page_count("+strconv.Itoa(n)+")") }
}

// BusyTimeout sets how long a write waits for another process's write to finish (SQLite's
// busy_timeout) before it fails. The server's default suits an editor waiting on a save; a
// batch job beside another one (two imports, an import beside a busy server on a loaded
// machine) should wait as long as the other's batch takes.
func BusyTimeout(d time.Duration) OpenOption {
	return func(q url.Values) {
		// The driver runs pragmas in sorted order, so the default is replaced, not followed.
		pragmas := q["_pragma"][:0]
		for _, p := range q["_pragma"] {
			if !strings.HasPrefix(p, "busy_timeout(") {
				pragmas = append(pragmas, p)
			}
		}
		q["_pragma"] = append(pragmas, "busy_timeout("+strconv.FormatInt(d.Milliseconds(), 10)+")")
	}
}

// CacheSize gives each connection a page cache of mib MiB (SQLite's cache_size) in place of
// the default 2 MiB. An import's writer inserts into indexes in no particular order: past the
// cache, every page it touches again is read back from the file with a system call.
func CacheSize(mib int) OpenOption {
	return func(q url.Values) { q.Add("_pragma", "cache_size(-"+strconv.Itoa(mib<<10)+")") }
}

// WALCheckpointEvery lets the write-ahead log grow to pages pages (SQLite's
// wal_autocheckpoint, 1,000 by default) before a commit copies it back into the file. An
// import's batches rewrite the same index pages again and again: checkpointed after nearly
// every batch, each of them was copied and synced each time; checkpointed less often, once
// per many batches. The log is that much larger on disk meanwhile.
func WALCheckpointEvery(pages int) OpenOption {
	return func(q url.Values) { q.Add("_pragma", "wal_autocheckpoint("+strconv.Itoa(pages)+")") }
}

// Open opens (creating if needed) the database file at path and brings its schema up to date.
// now is the clock every publication check uses; nil means time.Now.
func Open(ctx context.Context, path string, now func() time.Time, opts ...OpenOption) (*Store, error) {
	if now == nil {
		now = time.Now
	}
	// Pragmas go in the DSN so that every pooled connection gets them, not only the first.
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)",
		// Statement journals (every write whose triggers record change keys) stay in memory, not temp files.
		"temp_store(MEMORY)",
		// No memory map: a mapped file counts in the process's resident memory as far as it has
		// been read (a 100,000-article store: 1 GiB after an hour, 120 MiB without), while reader
		// pages come from the memo and search read as fast through the OS page cache (measured
		// side by side at 100,000 articles; see issue 9's note).
		"mmap_size(0)"} {
		q.Add("_pragma", p)
	}
	for _, o := range opts {
		o(q)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := newStore(db, now, false)
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	// The comment form's secret is made now, before any cache watches the store. Made on first
	// use (a server's first page), its settings row reached the caches a poll later as "all
	// changed", and the pages rendering then were not kept.
	if _, err := s.commentFormSecret(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// newStore wraps an opened database in a Store: the pool's bounds (WAL lets readers run in
// parallel; one connection is the change watcher's), the reader memo and the term counts.
func newStore(db *sql.DB, now func() time.Time, readOnly bool) *Store {
	db.SetMaxOpenConns(max(8, 4*runtime.NumCPU()))
	db.SetMaxIdleConns(max(8, 4*runtime.NumCPU()))
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: newPool(db), now: now, logger: slog.New(slog.DiscardHandler), readOnly: readOnly}
	s.memo = newMemo(s)
	s.terms = newTermCounts(s)
	s.gate = newSearchGate(s)
	s.wordSamples = newWordSamples(s)
	return s
}

// Close closes the database.
func (s *Store) Close() error {
	s.watchMu.Lock()
	w := s.watcher
	s.watcher = nil
	s.watchMu.Unlock()
	if w != nil {
		w.close()
	}
	return s.db.Close()
}

// SetLogger names where the store reports problems it works around (a failed background poll):
// nothing of it reaches a reader, so it has no error to return them.
func (s *Store) SetLogger(l *slog.Logger) {
	if l != nil {
		s.logger = l
	}
}

func (s *Store) log(msg string, err error) { s.logger.Error(msg, "err", err) }

// commit commits a write transaction and pushes its changes to the caches before the writer's
// call returns.
func (s *Store) commit(ctx context.Context, tx *sql.Tx) error {
	if err := tx.Commit(); err != nil {
		return err
	}
	s.written(ctx)
	return nil
}

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// Ping reports whether the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM settings").Scan(&n); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// createMigrationsTable creates the table that records migrations, in an immediate
// transaction: as a plain statement it first reads the schema, and a second process creating
// the same new store at that moment made SQLite refuse it at once (a reader may not wait for
// a writer's lock, which could deadlock) instead of waiting out the busy timeout.
//
// Two processes opening one new store at once (two imports) can still meet while the first
// turns the file to WAL, when SQLite answers busy without waiting; that answer is retried.
func (s *Store) createMigrationsTable(ctx context.Context) error {
	deadline := time.Now().Add(30 * time.Second)
	for wait := 20 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		err := s.tryCreateMigrationsTable(ctx)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (s *Store) tryCreateMigrationsTable(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil) // _txlock=immediate: the write lock first, waiting if need be
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		return err
	}
	return tx.Commit()
}

// isBusy reports whether SQLite answered that another connection holds the lock.
func isBusy(err error) bool {
	code, ok := sqliteResult(err)
	return ok && code == sqlite3.SQLITE_BUSY
}

// migrate applies every embedded migration not yet recorded, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	if err := s.createMigrationsTable(ctx); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	applied := false
	for _, name := range names {
		ran, err := s.applyMigration(ctx, name)
		if err != nil {
			return err
		}
		applied = applied || ran
	}
	if applied {
		// A migration that rebuilds an index leaves it in the WAL (1.3 GB for the search
		// indexes at 100,000 articles), where every read of it is a system call instead of the
		// memory map, until some later commit checkpoints. Copy it into the database now;
		// PASSIVE never waits. Best effort: when another process is checkpointing or reading,
		// the pages are copied by a later commit as before.
		_, _ = s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
	}
	return nil
}

// applyMigration runs one migration unless it ran before; ran says whether it did.
func (s *Store) applyMigration(ctx context.Context, name string) (ran bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	defer tx.Rollback()
	var done int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE name = ?", name).Scan(&done); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if done > 0 {
		return false, nil
	}
	body, err := migrationFiles.ReadFile(name)
	if err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	// The driver runs every statement of a multi-statement string.
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", name, s.now().Unix()); err != nil {
		return false, fmt.Errorf("record migration %s: %w", name, err)
	}
	return true, tx.Commit()
}
