package handlers

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"gazette/content"
	"gazette/data"
	"gazette/hugosite"
	"gazette/static"
)

// testServer is the real handler over a real SQLite store, filled from a small Hugo site.
type testServer struct {
	*httptest.Server
	store  *data.Store
	media  *data.MediaDir
	clock  *testClock
	dbPath string
}

// testClock is the store's clock in tests: the change watcher and background renders read it
// while a test moves it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock(t time.Time) *testClock { return &testClock{t: t} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newTestServer(t testing.TB, files map[string]string) *testServer {
	t.Helper()
	root := t.TempDir()
	for p, body := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, err := content.LoadSite(root)
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{clock: newTestClock(time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))}
	dir := t.TempDir()
	ts.dbPath = filepath.Join(dir, "test.db")
	store, err := data.Open(context.Background(), ts.dbPath, func() time.Time { return ts.clock.Now() })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	media, err := data.NewMediaDir(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hugosite.Import(context.Background(), store, media, site); err != nil {
		t.Fatal(err)
	}
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	ts.store, ts.media = store, media
	ts.Server = httptest.NewServer(New(Deps{Store: store, Media: media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(ts.Close)
	return ts
}

// get fetches a path without following redirects.
func (ts *testServer) get(t *testing.T, path string, header ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func doc(t *testing.T, resp *http.Response) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var basicSite = map[string]string{
	"config.toml":             "baseURL = \"https://news.example/\"\ntitle = \"Test News\"\n",
	"content/post/one.md":     "---\ntitle: First story\ndate: 2026-11-01\ntags: [Harbour, Weather]\ncategories: [News]\naliases: [/old-one/]\n---\nThe **first** body.\n",
	"content/post/two.md":     "---\ntitle: Second story\ndate: 2026-11-02\n---\nThe second body.\n",
	"content/post/draft.md":   "---\ntitle: Secret draft\ndate: 2026-11-03\ndraft: true\n---\n",
	"content/post/future.md":  "---\ntitle: Tomorrow's news\ndate: 2026-11-28 09:00:00\n---\n",
	"content/post/expired.md": "---\ntitle: Old offer\ndate: 2026-10-01\nexpiryDate: 2026-11-20\n---\n",
}

func TestArticlePage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	resp := ts.get(t, "/post/one/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	d := doc(t, resp)
	if got := d.Find("h1.post__title").Text(); got != "First story" {
		t.Errorf("title %q", got)
	}
	if got := d.Find(".post__content strong").Text(); got != "first" {
		t.Errorf("body not rendered: %q", got)
	}
	if got := d.Find("time").AttrOr("datetime", ""); got != "2026-11-01T00:00:00Z" {
		t.Errorf("date %q", got)
	}
	var tags []string
	d.Find(".post__footer a[rel=tag]").Each(func(_ int, s *goquery.Selection) { tags = append(tags, s.AttrOr("href", "")+" "+s.Text()) })
	if strings.Join(tags, "|") != "/tags/harbour/ Harbour|/tags/weather/ Weather" {
		t.Errorf("tags %v", tags)
	}
	if got := d.Find("a[rel=category]").AttrOr("href", ""); got != "/categories/news/" {
		t.Errorf("category link %q", got)
	}
	if got := d.Find("title").Text(); got != "First story - Test News" {
		t.Errorf("document title %q", got)
	}
}

func TestHomeListsPublishedNewestFirst(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	d := doc(t, ts.get(t, "/"))
	var titles []string
	d.Find("[data-testid=list-item] .list__title").Each(func(_ int, s *goquery.Selection) { titles = append(titles, s.Text()) })
	if strings.Join(titles, "|") != "Second story|First story" {
		t.Errorf("home lists %v; drafts, future and expired articles must not appear", titles)
	}
	// Publication is a function of time: the scheduled article appears once its time comes.
	ts.clock.Set(time.Date(2026, 11, 28, 9, 0, 1, 0, time.UTC))
	d = doc(t, ts.get(t, "/"))
	if first := d.Find("[data-testid=list-item] .list__title").First().Text(); first != "Tomorrow's news" {
		t.Errorf("scheduled article did not appear on time; first item %q", first)
	}
}

func TestUnpublishedArticlesAre404(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	for _, p := range []string{"/post/draft/", "/post/future/", "/post/expired/"} {
		if resp := ts.get(t, p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", p, resp.StatusCode)
		}
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	for path, want := range map[string]string{
		"/post/one": "/post/one/",
		"/old-one/": "/post/one/",
		"/page/1/":  "/",
	} {
		resp := ts.get(t, path)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("%s: %d → %q, want 301 → %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
}

func TestBadURLsAre404(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	for _, p := range []string{"/page/0/", "/page/abc/", "/page/99999/", "/page/-1/", "/%00", "/post/%00/", "/post/../post/one/",
		"/nothing/here/", "/" + strings.Repeat("a", 5000) + "/", "/post/one/missing.png", "/static/nope.css", "/static/style.css",
		"/%2e%2e/%2e%2e/etc/passwd", "/post/one/%2e%2e/"} {
		resp := ts.get(t, p)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%.60s: status %d, want 404", p, resp.StatusCode)
		}
		if p == "/nothing/here/" {
			if got := doc(t, resp).Find("[data-testid=error] h1").Text(); !strings.Contains(got, "404") {
				t.Errorf("404 page says %q", got)
			}
		}
	}
}

func TestConditionalGetAndHead(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	resp := ts.get(t, "/post/one/")
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Last-Modified") == "" || !strings.Contains(resp.Header.Get("Cache-Control"), "public") {
		t.Fatalf("headers: %v", resp.Header)
	}
	if r := ts.get(t, "/post/one/", "If-None-Match", etag); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d", r.StatusCode)
	}
	if r := ts.get(t, "/post/one/", "If-Modified-Since", resp.Header.Get("Last-Modified")); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since: status %d", r.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodHead, ts.URL+"/post/one/", nil)
	head, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer head.Body.Close()
	body, _ := io.ReadAll(head.Body)
	if head.StatusCode != http.StatusOK || len(body) != 0 {
		t.Errorf("HEAD: status %d, %d body bytes", head.StatusCode, len(body))
	}
	if r := ts.get(t, "/post/one/", "Accept-Encoding", "gzip"); r.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("no gzip: %v", r.Header)
	}
}

func TestHealthAndStatic(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	if r := ts.get(t, "/healthz"); r.StatusCode != http.StatusOK {
		t.Errorf("healthz %d", r.StatusCode)
	}
	css := doc(t, ts.get(t, "/")).Find("link[rel=stylesheet]").AttrOr("href", "")
	r := ts.get(t, css)
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Errorf("%s: %d %v", css, r.StatusCode, r.Header)
	}
	if r := ts.get(t, css+"?v=1"); r.StatusCode != http.StatusOK {
		t.Errorf("query string on a static URL: %d", r.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/post/one/", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST to an article: %d", resp.StatusCode)
	}
}
