package handlers

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"gazette/data"
)

var invalidationSite = map[string]string{
	"config.toml":              "baseURL = \"https://news.example/\"\ntitle = \"Test News\"\n",
	"content/post/one.md":      "---\ntitle: First story\ndate: 2026-11-01\ntags: [Harbour]\n---\nThe first body.\n",
	"content/post/two.md":      "---\ntitle: Second story\ndate: 2026-11-02\ntags: [Weather]\n---\nThe second body.\n",
	"content/news/other.md":    "---\ntitle: Other desk\ndate: 2026-11-03\ntags: [Sport]\n---\nElsewhere.\n",
	"content/post/future.md":   "---\ntitle: Tomorrow's news\ndate: 2026-11-28 09:00:00\ntags: [Harbour]\n---\nLater.\n",
	"content/post/expiring.md": "---\ntitle: Short offer\ndate: 2026-10-01\nexpiryDate: 2026-11-27T18:00:00Z\ntags: [Weather]\n---\nGone soon.\n",
}

// invalidationPages are the pages the test keeps cached and watches.
var invalidationPages = []string{"/", "/post/", "/news/", "/tags/harbour/", "/tags/weather/", "/tags/sport/",
	"/post/one/", "/post/two/", "/news/other/", "/index.xml", "/tags/"}

// fetched is one page as a reader got it.
type fetched struct {
	status   int
	cache    string // HIT, STALE (served while re-rendered in the background) or MISS: cacheAnswer
	body     string
	modified time.Time
}

func fetch(t *testing.T, ts *testServer, path string) fetched {
	t.Helper()
	resp := ts.get(t, path)
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	f := fetched{status: resp.StatusCode, cache: cacheAnswer(resp.Header), body: string(b)}
	f.modified, _ = http.ParseTime(resp.Header.Get("Last-Modified"))
	return f
}

// warm fills the cache with every watched page and checks that a second look is a hit.
func warm(t *testing.T, ts *testServer) map[string]fetched {
	t.Helper()
	for _, p := range invalidationPages {
		fetch(t, ts, p)
	}
	// A background render may still be replacing a stale entry: wait for the cache to settle.
	got := map[string]fetched{}
	for try := 0; try < 100; try++ {
		all := true
		for _, p := range invalidationPages {
			f := fetch(t, ts, p)
			got[p] = f
			if f.status == http.StatusOK && f.cache != "HIT" {
				all = false
			}
		}
		if all {
			return got
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the cache never settled: %v", got)
	return nil
}

// rebuilt fetches every watched page once after a change and returns those a reader had to
// wait for (MISS): the pages the change named. Everything else must come from the cache, at
// most soft-stale.
func rebuilt(t *testing.T, ts *testServer) (map[string]fetched, []string) {
	t.Helper()
	got := map[string]fetched{}
	var miss []string
	for _, p := range invalidationPages {
		f := fetch(t, ts, p)
		got[p] = f
		if f.status == http.StatusOK && f.cache == "MISS" {
			miss = append(miss, p)
		}
	}
	slices.Sort(miss)
	return got, miss
}

func sorted(s ...string) []string { slices.Sort(s); return s }

// TestInvalidationByDependency: each kind of change shows at once on every page that depends
// on it, and no other page is rendered again for a reader (a soft-stale page is served while a
// background render replaces it). List pages' Last-Modified never goes backwards and moves
// past a go-live.
func TestInvalidationByDependency(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t, invalidationSite)
	set, err := ts.store.SiteSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.CommentsMode = "moderated"
	if err := ts.store.SaveSiteSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	lastModified := map[string]time.Time{}
	checkModified := func(step string, pages map[string]fetched) {
		t.Helper()
		for _, p := range []string{"/", "/post/", "/tags/harbour/", "/index.xml"} {
			m := pages[p].modified
			if m.IsZero() {
				t.Errorf("%s: %s has no Last-Modified", step, p)
			}
			if m.Before(lastModified[p]) {
				t.Errorf("%s: %s Last-Modified went backwards: %v then %v", step, p, lastModified[p], m)
			}
			lastModified[p] = m
		}
	}
	checkModified("start", warm(t, ts))

	// A correction: the article, its lists and feed show it at once, nothing else is rebuilt.
	one := articleID(t, ts, "/post/one/")
	a, err := ts.store.Article(ctx, one)
	if err != nil {
		t.Fatal(err)
	}
	a.Title, a.BodyHTML, a.ContentHash = "First story, corrected", "<p>The corrected body.</p>", "corrected"
	if _, err := ts.store.SaveArticles(ctx, []data.Article{a}); err != nil {
		t.Fatal(err)
	}
	got, miss := rebuilt(t, ts)
	if !strings.Contains(got["/post/one/"].body, "The corrected body.") {
		t.Error("correction: the article's old body was served after the save returned")
	}
	for _, p := range []string{"/", "/post/", "/tags/harbour/", "/index.xml"} {
		if !strings.Contains(got[p].body, "First story, corrected") {
			t.Errorf("correction: %s does not show the corrected title", p)
		}
	}
	if want := sorted("/post/one/", "/", "/post/", "/tags/harbour/", "/index.xml", "/tags/"); !slices.Equal(miss, want) {
		t.Errorf("correction rebuilt %v for readers, want %v", miss, want)
	}
	checkModified("correction", got)

	// A retraction: the article is gone from its lists at once.
	warm(t, ts)
	two, err := ts.store.Article(ctx, articleID(t, ts, "/post/two/"))
	if err != nil {
		t.Fatal(err)
	}
	two.Draft, two.ContentHash = true, "retracted"
	if _, err := ts.store.SaveArticles(ctx, []data.Article{two}); err != nil {
		t.Fatal(err)
	}
	got, miss = rebuilt(t, ts)
	if got["/post/two/"].status != http.StatusNotFound {
		t.Errorf("retraction: the article answers %d", got["/post/two/"].status)
	}
	for _, p := range []string{"/", "/post/", "/tags/weather/", "/index.xml"} {
		if strings.Contains(got[p].body, "Second story") {
			t.Errorf("retraction: %s still lists it", p)
		}
	}
	for _, p := range []string{"/news/", "/tags/sport/", "/news/other/", "/tags/harbour/", "/post/one/"} {
		if slices.Contains(miss, p) {
			t.Errorf("retraction rebuilt %s, which does not list the article", p)
		}
	}
	checkModified("retraction", got)

	// An expiry, with no write: gone from the home page at its instant. (The clock moves less
	// than the cache's time to live, after which every page is rendered again anyway.)
	ts.clock.Set(time.Date(2026, 11, 27, 17, 59, 0, 0, time.UTC))
	warm(t, ts)
	ts.clock.Set(time.Date(2026, 11, 27, 18, 0, 1, 0, time.UTC))
	got, miss = rebuilt(t, ts)
	if strings.Contains(got["/"].body, "Short offer") || !slices.Contains(miss, "/") {
		t.Errorf("expiry: the home page still lists the expired article (rebuilt %v)", miss)
	}
	for _, p := range []string{"/news/", "/tags/sport/", "/news/other/", "/tags/harbour/"} {
		if slices.Contains(miss, p) {
			t.Errorf("expiry rebuilt %s", p)
		}
	}
	checkModified("expiry", got)

	// A scheduled article going live, with no write.
	ts.clock.Set(time.Date(2026, 11, 28, 8, 59, 0, 0, time.UTC))
	warm(t, ts)
	goLive := time.Date(2026, 11, 28, 9, 0, 1, 0, time.UTC)
	ts.clock.Set(goLive)
	got, miss = rebuilt(t, ts)
	for _, p := range []string{"/", "/post/", "/tags/harbour/", "/index.xml"} {
		if !strings.Contains(got[p].body, "Tomorrow") {
			t.Errorf("go-live: %s does not list the new article", p)
		}
		if got[p].modified.Before(goLive.Truncate(time.Second)) {
			t.Errorf("go-live: %s Last-Modified %v is before the go-live", p, got[p].modified)
		}
	}
	for _, p := range []string{"/news/", "/tags/sport/", "/news/other/", "/tags/weather/"} {
		if slices.Contains(miss, p) {
			t.Errorf("go-live rebuilt %s", p)
		}
	}
	checkModified("go-live", got)

	// A comment approval: the article and the lists that count its comments.
	warm(t, ts)
	ids, err := ts.store.AddComments(ctx, []data.NewComment{{ArticleID: one, Status: data.CommentPending, Name: "Ada", Body: "Well reported."}})
	if err != nil {
		t.Fatal(err)
	}
	if _, miss = rebuilt(t, ts); len(miss) != 0 {
		t.Errorf("a held comment rebuilt %v", miss)
	}
	if err := ts.store.SetCommentStatus(ctx, ids, data.CommentApproved); err != nil {
		t.Fatal(err)
	}
	got, miss = rebuilt(t, ts)
	if !strings.Contains(got["/post/one/"].body, "Well reported.") {
		t.Error("comment approval: the article does not show the comment")
	}
	// The home feed shares the home list's key, so it is rendered again too.
	if want := sorted("/post/one/", "/", "/post/", "/tags/harbour/", "/index.xml"); !slices.Equal(miss, want) {
		t.Errorf("comment approval rebuilt %v, want %v", miss, want)
	}

	// A settings change shows everywhere.
	warm(t, ts)
	set.Title = "Harbour Gazette"
	if err := ts.store.SaveSiteSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	got, _ = rebuilt(t, ts)
	for _, p := range invalidationPages {
		if got[p].status == http.StatusOK && !strings.Contains(got[p].body, "Harbour Gazette") {
			t.Errorf("settings change: %s still shows the old title", p)
		}
	}

	// A menu change (an article that names a menu) shows on every page at once.
	warm(t, ts)
	other, err := ts.store.Article(ctx, articleID(t, ts, "/news/other/"))
	if err != nil {
		t.Fatal(err)
	}
	other.Menus = map[string]data.MenuEntry{"main": {Name: "Other desk menu"}}
	other.ContentHash = "menu"
	if _, err := ts.store.SaveArticles(ctx, []data.Article{other}); err != nil {
		t.Fatal(err)
	}
	got, _ = rebuilt(t, ts)
	for _, p := range invalidationPages {
		if got[p].status == http.StatusOK && strings.HasSuffix(p, "/") && !strings.Contains(got[p].body, "Other desk menu") {
			t.Errorf("menu change: %s does not show the new menu entry", p)
		}
	}
}
