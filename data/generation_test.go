package data

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// keyLog collects what a watcher delivers.
type keyLog struct {
	mu   sync.Mutex
	sets []ChangeSet
}

func (l *keyLog) add(c ChangeSet) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sets = append(l.sets, c)
}

// take returns the keys delivered since the last take.
func (l *keyLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var keys []string
	for _, c := range l.sets {
		keys = append(keys, c.Keys...)
	}
	l.sets = nil
	slices.Sort(keys)
	return slices.Compact(keys)
}

// TestChangeWatcherDeliversKeys checks that changes reach subscribers as dependency keys: the
// store's own writes before the write returns, another process's writes (a second Store on the
// same file stands in for `gazette import`) at the next look, a scheduled article at its
// publish instant with no write at all, and nothing for writes readers cannot see.
func TestChangeWatcherDeliversKeys(t *testing.T) {
	// Triggers stamp changes with the real clock; the store's clock runs a day ahead of it so
	// that the publish instant is later than any stamp.
	now := time.Now().Add(24 * time.Hour).Truncate(time.Hour)
	// The watcher's poll reads the clock while the test moves it.
	var clockNow atomic.Int64
	clockNow.Store(now.UnixNano())
	clock := func() time.Time { return time.Unix(0, clockNow.Load()) }
	path := filepath.Join(t.TempDir(), "shared.db")
	ctx := context.Background()
	server, err := Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	importer, err := Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer importer.Close()
	var log keyLog
	w := server.Changes()
	w.Subscribe(log.add)

	if _, err := server.SaveArticles(ctx, []Article{article("content/one.md", "/one/", "One", now.Add(-time.Hour))}); err != nil {
		t.Fatal(err)
	}
	one, err := server.ResolvePath(ctx, "/one/")
	if err != nil {
		t.Fatal(err)
	}
	var harbour struct{ ID int64 }
	if err := server.db.QueryRow("SELECT id FROM terms WHERE key = 'harbour'").Scan(&harbour.ID); err != nil {
		t.Fatal(err)
	}
	got := log.take() // no Sync: the writer pushed it
	for _, want := range []string{"a:" + itoa(one.ArticleID), "home:en", "t:" + itoa(harbour.ID), "tax:en:tags", "arch:en:" + now.Add(-time.Hour).Format("2006-01"), "sitemap"} {
		if !slices.Contains(got, want) {
			t.Errorf("own write: keys %v lack %q", got, want)
		}
	}

	scheduled := article("content/later.md", "/later/", "Later", now.Add(time.Hour))
	if _, err := importer.SaveArticles(ctx, []Article{scheduled}); err != nil {
		t.Fatal(err)
	}
	if err := w.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	later, err := server.ResolvePath(ctx, "/later/")
	if err != nil {
		t.Fatal(err)
	}
	if got := log.take(); !slices.Contains(got, "a:"+itoa(later.ArticleID)) {
		t.Errorf("another process's write: keys %v lack the article", got)
	}
	if w.Due(now) {
		t.Fatal("due before the publish instant")
	}
	before, err := server.KeysChangedAt(ctx, "home:en")
	if err != nil {
		t.Fatal(err)
	}

	now = now.Add(time.Hour)
	clockNow.Store(now.UnixNano())
	if !w.Due(now) {
		t.Fatal("the publish instant passed and the watcher does not say so")
	}
	if err := w.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if got := log.take(); !slices.Contains(got, "a:"+itoa(later.ArticleID)) || !slices.Contains(got, "home:en") {
		t.Errorf("publish instant: keys %v lack the article and its lists", got)
	}
	if w.Due(now) {
		t.Error("still due after the instant was delivered")
	}
	after, err := server.KeysChangedAt(ctx, "home:en")
	if err != nil {
		t.Fatal(err)
	}
	if !after.After(before) || !after.Equal(now) {
		t.Errorf("the home list's change time did not move with the publish instant: %v then %v", before, after)
	}

	// Writes readers cannot see deliver nothing.
	ids, err := server.AddComments(ctx, []NewComment{{ArticleID: later.ArticleID, Status: CommentPending, Name: "Ann", Body: "Held", IP: "192.0.2.1"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := log.take(); len(got) != 0 {
		t.Errorf("a comment held for moderation delivered %v", got)
	}
	if err := server.SetCommentStatus(ctx, ids, CommentApproved); err != nil {
		t.Fatal(err)
	}
	if got := log.take(); !slices.Equal(got, []string{"a:" + itoa(later.ArticleID), "home:en", "t:" + itoa(harbour.ID)}) {
		t.Errorf("approving a comment delivered %v, want the article's page and the lists that count its comments", got)
	}
	if err := server.SaveSiteSettings(ctx, DefaultSiteSettings()); err != nil {
		t.Fatal(err)
	}
	if got := log.take(); !slices.Contains(got, "*") {
		t.Errorf("a settings change delivered %v, want everything", got)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
