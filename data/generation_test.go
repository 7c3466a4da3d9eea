package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestChangeWatcherSeesEveryWriter checks that the generation moves for a write from another
// process's connection (a second Store on the same file stands in for `gazette import`), and at
// a scheduled article's publish instant with no write at all.
func TestChangeWatcherSeesEveryWriter(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "shared.db")
	ctx := context.Background()
	server, err := Open(ctx, path, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	importer, err := Open(ctx, path, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	defer importer.Close()
	w, err := server.WatchChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	gen := func() uint64 {
		t.Helper()
		g, err := w.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	g1 := gen()
	if gen() != g1 {
		t.Fatal("generation moved without a change")
	}
	scheduled := article("content/later.md", "/later/", "Later", now.Add(time.Hour))
	if _, err := importer.SaveArticles(ctx, []Article{scheduled}); err != nil {
		t.Fatal(err)
	}
	g2 := gen()
	if g2 == g1 {
		t.Fatal("a write by another connection did not move the generation")
	}
	if err := server.SaveSiteSettings(ctx, DefaultSiteSettings()); err != nil {
		t.Fatal(err)
	}
	g3 := gen()
	if g3 == g2 {
		t.Fatal("a write through the server's own pool did not move the generation")
	}
	now = now.Add(time.Hour)
	g4 := gen()
	if g4 == g3 {
		t.Fatal("the scheduled article's publish instant did not move the generation")
	}
	// Writes readers cannot see leave the generation (and so every cached page) alone.
	tgt, err := server.ResolvePath(ctx, "/later/")
	if err != nil {
		t.Fatal(err)
	}
	ids, err := server.AddComments(ctx, []NewComment{{ArticleID: tgt.ArticleID, Status: CommentPending, Name: "Ann", Body: "Held", IP: "192.0.2.1"}})
	if err != nil {
		t.Fatal(err)
	}
	if gen() != g4 {
		t.Fatal("a comment held for moderation moved the generation")
	}
	if err := server.SetCommentStatus(ctx, ids, CommentApproved); err != nil {
		t.Fatal(err)
	}
	if gen() == g4 {
		t.Fatal("approving a comment did not move the generation")
	}
}
