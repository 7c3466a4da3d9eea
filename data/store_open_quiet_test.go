package data

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// TestANewStoreGivesTheCachesNothingToDrop: opening a new store and reading what a first page
// reads (the comment form's secret) writes nothing the change watcher would deliver, so the
// first pages a new server renders are kept. Made on first use, the secret's settings row
// reached every cache as "all changed" a poll after the server's first page.
func TestANewStoreGivesTheCachesNothingToDrop(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "gazette.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var delivered atomic.Int32
	s.Changes().Subscribe(func(c ChangeSet) {
		delivered.Add(1)
		t.Logf("delivered %v", c.Keys)
	})
	if _, err := s.CommentFormSecret(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * PollInterval) // the watcher's poll would find a write by now
	if n := delivered.Load(); n != 0 {
		t.Errorf("%d change sets delivered to the caches of a store nobody wrote to", n)
	}
}
