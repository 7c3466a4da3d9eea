package data

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// testClockMu guards the clocks of openTestStore's stores: the change watcher's goroutine reads
// them while a test moves them with setNow.
var testClockMu sync.Mutex

// setNow moves a test store's clock.
func setNow(now *time.Time, t time.Time) {
	testClockMu.Lock()
	defer testClockMu.Unlock()
	*now = t
}

func openTestStore(t testing.TB, now *time.Time) *Store {
	t.Helper()
	clock := func() time.Time {
		testClockMu.Lock()
		defer testClockMu.Unlock()
		return *now
	}
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func article(src, permalink, title string, date time.Time) Article {
	return Article{SourcePath: src, Lang: "en", TranslationKey: src, Permalink: permalink, Title: title,
		Date: date, PublishDate: date, Lastmod: date, ContentHash: title,
		Terms: []Term{{Taxonomy: "tags", Key: "harbour", Name: "Harbour"}}}
}

func TestMigrationsRunOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "twice.db")
	for i := 0; i < 2; i++ {
		s, err := Open(context.Background(), path, nil)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		var n int
		s.db.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n)
		files, _ := fs.Glob(migrationFiles, "migrations/*.sql")
		if n != len(files) {
			t.Errorf("open #%d: %d migrations recorded, want %d", i+1, n, len(files))
		}
		var mode string
		s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
		var fk int
		s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
		if mode != "wal" || fk != 1 {
			t.Errorf("pragmas: journal_mode %q foreign_keys %d", mode, fk)
		}
		s.Close()
	}
}

func TestSaveArticlesOutcomesAndRoundTrip(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	zone := time.FixedZone("", 8*3600)
	a := article("content/a.md", "/a/", "A", time.Date(2026, 1, 2, 3, 4, 5, 0, zone))
	yes := true
	a.Pager, a.Widgets, a.FrontMatter = &yes, []string{"recent"}, map[string]any{"Title": "A", "custom": []any{"x"}}
	out, err := s.SaveArticles(ctx, []Article{a})
	if err != nil || out[0] != Inserted {
		t.Fatalf("insert: %v %v", out, err)
	}
	out, _ = s.SaveArticles(ctx, []Article{a})
	if out[0] != Unchanged {
		t.Errorf("same hash: %v", out)
	}
	a.Title, a.ContentHash = "A2", "A2"
	out, _ = s.SaveArticles(ctx, []Article{a})
	if out[0] != Updated {
		t.Errorf("changed hash: %v", out)
	}
	tgt, err := s.ResolvePath(ctx, "/a/")
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, tgt.ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "A2" || got.Date.Format(time.RFC3339) != "2026-01-02T03:04:05+08:00" || got.Pager == nil || !*got.Pager ||
		got.Comments != nil || got.Widgets[0] != "recent" || got.FrontMatter["Title"] != "A" || len(got.Terms) != 1 {
		t.Errorf("round trip: %+v", got)
	}
}

func TestPermalinkChangeLeavesRedirect(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	a := article("content/a.md", "/old/", "A", now.Add(-time.Hour))
	s.SaveArticles(ctx, []Article{a})
	a.Permalink, a.ContentHash = "/new/", "moved"
	s.SaveArticles(ctx, []Article{a})
	old, err := s.ResolvePath(ctx, "/old/")
	if err != nil || !old.IsRedirect || old.Permalink != "/new/" {
		t.Errorf("old path: %+v %v", old, err)
	}
	if _, err := s.ResolvePath(ctx, "/nowhere/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown path: %v", err)
	}
}

func TestListPublished(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	var list []Article
	for i := 0; i < 25; i++ {
		list = append(list, article("content/"+string(rune('a'+i))+".md", "/"+string(rune('a'+i))+"/", string(rune('A'+i)), now.Add(-time.Duration(i+1)*time.Hour)))
	}
	list[0].Draft = true
	list[1].PublishDate = now.Add(time.Hour)
	list[2].ExpiryDate = now.Add(-time.Minute)
	list[3].Weight = 1
	if _, err := s.SaveArticles(ctx, list); err != nil {
		t.Fatal(err)
	}
	page, total, err := s.ListPublished(ctx, ListQuery{Lang: "en", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if total != 22 || len(page) != 10 || page[0].Title != "D" || page[1].Title != "E" {
		t.Errorf("total %d, first %q %q", total, page[0].Title, page[1].Title)
	}
	tagged, total, _ := s.ListPublished(ctx, ListQuery{Lang: "en", Taxonomy: "tags", TermKey: "harbour", Limit: 50})
	if total != 22 || len(tagged) != 22 || len(tagged[0].Terms) != 1 {
		t.Errorf("by term: %d %d", total, len(tagged))
	}
	setNow(&now, now.Add(2*time.Hour))
	_, total, _ = s.ListPublished(ctx, ListQuery{Lang: "en"})
	if total != 23 {
		t.Errorf("after the scheduled time: %d published, want 23", total)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	now := time.Now()
	s := openTestStore(t, &now)
	ctx := context.Background()
	if has, _ := s.HasSiteSettings(ctx); has {
		t.Error("new store has settings")
	}
	set, _ := s.SiteSettings(ctx)
	if set.Title != "Gazette" {
		t.Errorf("default title %q", set.Title)
	}
	set.Title = "Harbour News"
	if err := s.SaveSiteSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	got, _ := s.SiteSettings(ctx)
	if got.Title != "Harbour News" {
		t.Errorf("saved title %q", got.Title)
	}
}

// TestImportKeepsDeskEdits: once an editor changed an imported article, a later import of a
// changed file leaves the editor's version (and its unpublished state) alone.
func TestImportKeepsDeskEdits(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	a := article("content/a.md", "/a/", "From the file", now.Add(-time.Hour))
	if _, err := s.SaveArticles(ctx, []Article{a}); err != nil {
		t.Fatal(err)
	}
	tgt, err := s.ResolvePath(ctx, "/a/")
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := s.Article(ctx, tgt.ArticleID)
	stored.Title, stored.Draft = "Corrected in the desk", true
	if _, err := s.SaveDeskArticle(ctx, &stored, 1, 0, "unpublish"); err != nil {
		t.Fatal(err)
	}
	a.Title, a.ContentHash = "File changed upstream", "changed"
	out, err := s.SaveArticles(ctx, []Article{a})
	if err != nil || out[0] != KeptDeskEdit {
		t.Fatalf("re-import: %v %v", out, err)
	}
	got, _ := s.Article(ctx, stored.ID)
	if got.Title != "Corrected in the desk" || !got.Draft {
		t.Errorf("desk edit lost: title %q draft %v", got.Title, got.Draft)
	}
}

// TestRevisionsKeepFrontMatter: a revision restores fields that live only in the front matter
// (the author, imported keys).
func TestRevisionsKeepFrontMatter(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	a := article("gazette/x.md", "/x/", "X", now)
	a.FrontMatter = map[string]any{"author": "Ada", "custom": "kept"}
	if _, err := s.SaveDeskArticle(ctx, &a, 0, 0, "saved"); err != nil {
		t.Fatal(err)
	}
	revs, err := s.Revisions(ctx, a.ID)
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions: %v %v", revs, err)
	}
	if fm := revs[0].Article.FrontMatter; fm["author"] != "Ada" || fm["custom"] != "kept" {
		t.Errorf("revision front matter %v", fm)
	}
}

// TestPurgeStale removes expired editor sessions, used or expired setup links and year-old
// reader details, and keeps everything still usable.
func TestPurgeStale(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	ed, err := s.CreateEditor(ctx, NewEditor{Email: "a@example.com", Name: "A", Role: RoleAdmin, Password: "a long enough password"})
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		func() error { _, err := s.CreateSession(ctx, ed.ID); return err }(),
		func() error { _, err := s.CreateReaderSession(ctx, "Ann", "", ""); return err }(),
		func() error { _, err := s.CreateSetupToken(ctx, time.Hour); return err }(),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	setNow(&now, now.Add(ReaderSessionIdle+24*time.Hour))
	if _, err := s.CreateSession(ctx, ed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateReaderSession(ctx, "Bo", "", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeStale(ctx, SessionLimits{Idle: time.Hour, Absolute: 24 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	var sessions, readers, links int
	s.db.QueryRow("SELECT count(*) FROM sessions").Scan(&sessions)
	s.db.QueryRow("SELECT count(*) FROM reader_sessions").Scan(&readers)
	s.db.QueryRow("SELECT count(*) FROM setup_tokens").Scan(&links)
	if sessions != 1 || readers != 1 || links != 0 {
		t.Errorf("after purge: %d sessions (want 1), %d reader sessions (want 1), %d setup links (want 0)", sessions, readers, links)
	}
}

// TestOpenOptionsReachEveryConnection: an import's options are pragmas of the DSN, so every
// pooled connection has them, not only the first.
func TestOpenOptionsReachEveryConnection(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "g.db"), nil, CacheSize(8), WALCheckpointEvery(5000))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conns := make([]*sql.Conn, 3)
	for i := range conns {
		if conns[i], err = s.db.Conn(ctx); err != nil {
			t.Fatal(err)
		}
		defer conns[i].Close()
		var cache, pages int
		if err := conns[i].QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
			t.Fatal(err)
		}
		if err := conns[i].QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&pages); err != nil {
			t.Fatal(err)
		}
		if cache != -8<<10 || pages != 5000 {
			t.Errorf("connection %d: cache_size %d, wal_autocheckpoint %d; want -8192 and 5000", i, cache, pages)
		}
	}
}
