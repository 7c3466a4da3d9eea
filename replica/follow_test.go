package replica

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/benbjohnson/litestream"
	_ "modernc.org/sqlite"
)

// TestFollowAppliesTransactionsAndBridgesGaps follows a replica written by the real
// replicator: the first restore, transactions applied while a reader keeps its connection
// open, a stop and a resume across a gap in level 0 (its files moved to level 1, as after a
// compaction and the level-0 retention), and the header a reading SQLite relies on.
func TestFollowAppliesTransactionsAndBridgesGaps(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	primaryPath, copyPath := filepath.Join(dir, "primary.db"), filepath.Join(dir, "standby", "copy.db")
	replicaRoot := filepath.Join(dir, "replica")
	cfg := Config{URL: "file://" + replicaRoot}
	log := slog.New(slog.DiscardHandler)

	primary := openSQLite(t, primaryPath, "_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)")
	mustExec(t, primary, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
	writeNotes := func(from, to int) {
		t.Helper()
		rep, err := Start(ctx, cfg, primaryPath, filepath.Join(dir, "media"), "", log)
		if err != nil {
			t.Fatal(err)
		}
		for i := from; i < to; i++ { // one transaction each: one level-0 file each, or a few
			mustExec(t, primary, "INSERT INTO notes (id, body) VALUES (?, ?)", i, fmt.Sprintf("note %d", i))
			time.Sleep(2 * syncInterval)
		}
		if err := rep.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
	writeNotes(1, 4)

	follow := func() (stop func()) {
		t.Helper()
		fctx, cancel := context.WithCancel(ctx)
		ready, done := make(chan struct{}), make(chan error, 1)
		go func() {
			done <- Follow(fctx, cfg, copyPath, filepath.Join(dir, "standby", "media"), 20*time.Millisecond, log, func(uint64) { close(ready) })
		}()
		select {
		case <-ready:
		case err := <-done:
			t.Fatalf("follow: %v", err)
		}
		return func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("follow ended with %v", err)
			}
		}
	}
	stop := follow()
	if b := header(t, copyPath); b[18] != 1 || b[19] != 1 {
		t.Errorf("restored copy says journal mode %d/%d, want 1/1 (rollback journal)", b[18], b[19])
	}
	reader := openSQLite(t, copyPath, "mode=ro&_pragma=busy_timeout(5000)")
	reader.SetMaxOpenConns(1) // one connection, kept: its page cache must notice each change
	waitForNotes(t, reader, 3)
	counter := binary.BigEndian.Uint32(header(t, copyPath)[24:28])
	writeNotes(4, 6)
	waitForNotes(t, reader, 5)
	if got := binary.BigEndian.Uint32(header(t, copyPath)[24:28]); got <= counter {
		t.Errorf("file change counter %d after applying, was %d: readers would keep stale pages", got, counter)
	}
	stop()

	// Away for a while: the new transactions' level-0 files are gone, compacted into level 1.
	txid, err := litestream.ReadTXIDFile(copyPath)
	if err != nil || txid == 0 {
		t.Fatalf("position file: %v %v", txid, err)
	}
	writeNotes(6, 9)
	moveLevel0After(t, replicaRoot, uint64(txid))
	stop = follow()
	defer stop()
	waitForNotes(t, reader, 8)
	var check string
	if err := reader.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q %v", check, err)
	}
}

func openSQLite(t *testing.T, path, query string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?"+query)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func header(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, 100)
	if _, err := f.ReadAt(b, 0); err != nil {
		t.Fatal(err)
	}
	return b
}

// waitForNotes polls the reader until it counts n notes (20 s at most: a stuck follower).
func waitForNotes(t *testing.T, db *sql.DB, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var got int
		err := db.QueryRow("SELECT count(*) FROM notes").Scan(&got)
		if err == nil && got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the copy has %d notes (%v), want %d", got, err, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// moveLevel0After moves the level-0 files past txid to level 1 (a one-file compaction each),
// but the newest: level 0 then has a gap right after the follower's position.
func moveLevel0After(t *testing.T, replicaRoot string, txid uint64) {
	t.Helper()
	l0, l1 := filepath.Join(replicaRoot, "db", "ltx", "0"), filepath.Join(replicaRoot, "db", "ltx", "1")
	names, err := filepath.Glob(filepath.Join(l0, "*.ltx"))
	if err != nil || len(names) == 0 {
		t.Fatalf("level 0: %v %v", names, err)
	}
	var moved int
	for _, name := range names[:len(names)-1] { // sorted by TXID (fixed-width hex names)
		var minTXID, maxTXID uint64
		if _, err := fmt.Sscanf(filepath.Base(name), "%016x-%016x.ltx", &minTXID, &maxTXID); err != nil {
			t.Fatal(err)
		}
		if minTXID <= txid {
			continue
		}
		if err := os.MkdirAll(l1, 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(name, filepath.Join(l1, filepath.Base(name))); err != nil {
			t.Fatal(err)
		}
		moved++
	}
	if moved == 0 {
		t.Fatalf("no level-0 file after txid %d to move: %v", txid, names)
	}
}
