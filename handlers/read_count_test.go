package handlers

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"gazette/data"
	"gazette/reads"
	"gazette/static"
)

// countingServer is the test server with reading figures on, and the writer that a test
// flushes by hand (serve flushes every 10 s).
func countingServer(t *testing.T) (*testServer, reads.Writer) {
	t.Helper()
	ts := newTestServer(t, basicSite)
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	counter := reads.NewCounter(1000)
	srv := httptest.NewServer(New(Deps{Store: ts.store, Media: ts.media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Reads: counter}))
	t.Cleanup(srv.Close)
	counting := &testServer{Server: srv, store: ts.store, media: ts.media, clock: ts.clock, dbPath: ts.dbPath}
	return counting, reads.Writer{Counter: counter, Store: ts.store, Every: time.Hour, KeepDays: 30, Log: slog.New(slog.DiscardHandler)}
}

const browserUA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"

func TestReadingFigures(t *testing.T) {
	t.Parallel()
	ts, writer := countingServer(t)
	one, err := ts.store.ResolvePath(context.Background(), "/post/one/")
	if err != nil {
		t.Fatal(err)
	}
	read := func(path string, header ...string) *http.Response {
		t.Helper()
		return ts.get(t, path, append([]string{"User-Agent", browserUA}, header...)...)
	}
	// Six readers from a search engine, one from a tiny blog, three with no referrer; the
	// second and later are cache hits and count the same.
	for i := 0; i < 6; i++ {
		read("/post/one/", "Referer", "https://www.search.example/q?secret-words")
	}
	read("/post/one/", "Referer", "https://tiny.example/one-person")
	for i := 0; i < 3; i++ {
		read("/post/one/")
	}
	if got := cacheAnswer(read("/post/one/").Header); got != "HIT" {
		t.Fatalf("not a cache hit: %q", got)
	}
	read("/post/one/", "Referer", ts.URL+"/") // from this site: no referrer
	// Not counted: robots, HEAD, lists, the desk, missing pages, redirects.
	ts.get(t, "/post/one/", "User-Agent", "Googlebot/2.1")
	ts.get(t, "/post/one/", "User-Agent", "")
	if req, _ := http.NewRequest(http.MethodHead, ts.URL+"/post/one/", nil); req != nil {
		req.Header.Set("User-Agent", browserUA)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}
	read("/")
	read("/old-one/")
	read("/no/such/page/")
	writer.Flush(context.Background())

	_, c := loginTo(t, ts)
	t.Run("the article's own figures", func(t *testing.T) {
		_, d := c.page("/admin/articles/" + strconv.FormatInt(one.ArticleID, 10))
		if got := d.Find("[data-testid=article-reads-total]").Text(); got != "12" {
			t.Errorf("views %q, want 12", got)
		}
		refs := d.Find("[data-testid=article-referrers]").Text()
		if !strings.Contains(refs, "search.example: 6") || strings.Contains(refs, "secret") {
			t.Errorf("referrers %q", refs)
		}
		if strings.Contains(refs, "tiny.example") || !strings.Contains(refs, "Other sites") {
			t.Errorf("a domain with one view is named: %q", refs)
		}
	})
	t.Run("the dashboard's most read", func(t *testing.T) {
		resp, d := c.page("/admin/dashboard")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("dashboard %d", resp.StatusCode)
		}
		row := d.Find("[data-testid=dash-read-row]").First()
		if !strings.Contains(row.Text(), "First story") || !strings.Contains(row.Text(), "12") {
			t.Errorf("most read %q", row.Text())
		}
		if d.Find("[data-testid=dash-read-row]").Length() != 1 {
			t.Errorf("%d rows: lists or redirects were counted", d.Find("[data-testid=dash-read-row]").Length())
		}
	})
	t.Run("an editor's views are not counted", func(t *testing.T) {
		c.page("/post/one/")
		writer.Flush(context.Background())
		got, _ := ts.store.ArticleReadsByDay(context.Background(), one.ArticleID, "2000-01-01")
		if len(got) != 1 || got[0].Views != 12 {
			t.Errorf("after an editor's view: %+v", got)
		}
	})
	t.Run("old days are pruned", func(t *testing.T) {
		ts.clock.Add(40 * 24 * time.Hour)
		if err := ts.store.PruneReads(context.Background(), data.ReadsDay(ts.clock.Now().AddDate(0, 0, -29))); err != nil {
			t.Fatal(err)
		}
		got, _ := ts.store.ArticleReadsByDay(context.Background(), one.ArticleID, "2000-01-01")
		refs, _ := ts.store.ArticleReferrers(context.Background(), one.ArticleID, "2000-01-01", 1)
		if len(got) != 0 || len(refs) != 0 {
			t.Errorf("kept %+v %+v", got, refs)
		}
	})
}

// loginTo logs an editor into a server.
func loginTo(t *testing.T, ts *testServer) (data.Editor, *deskClient) {
	t.Helper()
	ed := addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	return ed, c
}

func TestDashboardListsWhatWaits(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	saveNew(t, c, articleForm(c.token("/admin/articles/new"), "Half-written story", "Text."), "draft")
	later := articleForm(c.token("/admin/articles/new"), "Tomorrow's story", "Text.")
	later.Set("publish_date", "2026-11-28T08:00")
	saveNew(t, c, later, "schedule")
	resp, d := c.page("/admin/dashboard")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if !strings.Contains(d.Find("[data-testid=dash-drafts]").Text(), "Half-written story") {
		t.Error("draft missing")
	}
	sched := d.Find("[data-testid=dash-scheduled]").Text()
	if !strings.Contains(sched, "Tomorrow's story") || !strings.Contains(sched, "Sat 28 Nov 08:00 (UTC)") {
		t.Errorf("scheduled %q", sched)
	}
	if !strings.Contains(d.Find("[data-testid=dash-most-read]").Text(), "No views counted yet") {
		t.Error("most read without figures")
	}
	if d.Find("nav a[aria-current=page]").Text() != "Dashboard" {
		t.Error("menu does not mark the dashboard")
	}
	_ = ts
}

func TestReferrerHost(t *testing.T) {
	t.Parallel()
	for ref, want := range map[string]string{
		"https://www.search.example/q?x": "www.search.example",
		"http://user@evil.example:8080/": "evil.example:8080",
		"https://news.example/other/":    "",
		"android-app://com.example/":     "",
		"":                               "",
		"https://a.example?q":            "a.example",
	} {
		r := httptest.NewRequest(http.MethodGet, "https://news.example/post/one/", nil)
		r.Header.Set("Referer", ref)
		if got := referrerHost(r); got != want {
			t.Errorf("%q: %q, want %q", ref, got, want)
		}
	}
}
