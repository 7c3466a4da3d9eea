package handlers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"gazette/metrics"
	"gazette/static"
)

// sharedCacheServer serves ts's store again with the given shared-cache settings, metrics and
// a JSON log it returns.
func sharedCacheServer(t *testing.T, ts *testServer, sc SharedCache, m *metrics.Metrics) (*httptest.Server, *lockedBuffer) {
	t.Helper()
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := httptest.NewServer(New(Deps{Store: ts.store, Media: ts.media, Assets: assets, Logger: log, SharedCache: sc, Metrics: m}))
	t.Cleanup(srv.Close)
	return srv, logs
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func fetchURL(t *testing.T, u string) *http.Response {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// cacheAnswer is what the response cache did with a request, as a reader can tell: X-Cache
// says MISS or STALE (and HIT under debug logging); a plain hit says nothing and, unlike
// anything rendered, carries no request id. "" is a response the cache did not answer.
func cacheAnswer(h http.Header) string {
	if x := h.Get("X-Cache"); x != "" {
		return x
	}
	if h.Get("X-Request-Id") == "" {
		return "HIT"
	}
	return ""
}

func TestSharedCacheHeaders(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	t.Run("off by default: no keys, the browser's policy", func(t *testing.T) {
		for range 2 { // a miss, then a hit from the response cache
			for p, want := range map[string]cachePolicy{"/": cachePublic, "/post/one/": cacheRevalidate} {
				resp := fetchURL(t, ts.URL+p)
				if k := resp.Header.Get("Surrogate-Key"); k != "" {
					t.Errorf("%s: Surrogate-Key %q sent without the setting", p, k)
				}
				if cc := resp.Header.Get("Cache-Control"); cc != string(want) {
					t.Errorf("%s: Cache-Control %q, want %q", p, cc, want)
				}
			}
		}
	})
	t.Run("Surrogate-Key and s-maxage", func(t *testing.T) {
		srv, _ := sharedCacheServer(t, ts, SharedCache{KeysHeader: "Surrogate-Key", MaxAge: 5 * time.Minute, StaleIfError: time.Hour}, nil)
		for _, how := range []string{"MISS", "HIT"} {
			resp := fetchURL(t, srv.URL+"/post/one/")
			if got := cacheAnswer(resp.Header); got != how {
				t.Fatalf("cache answer %q, want %s", got, how)
			}
			keys := strings.Fields(resp.Header.Get("Surrogate-Key"))
			if len(keys) != 2 || !strings.HasPrefix(keys[0], "a:") || keys[1] != allPagesKey {
				t.Errorf("%s: Surrogate-Key %q, want the article's key and %q", how, keys, allPagesKey)
			}
			// An article with a discussion: browsers ask every time, the shared cache is purged.
			want := "public, max-age=0, s-maxage=300, stale-if-error=3600"
			if cc := resp.Header.Get("Cache-Control"); cc != want {
				t.Errorf("%s: Cache-Control %q, want %q", how, cc, want)
			}
			want = "public, max-age=60, s-maxage=300, stale-if-error=3600, stale-while-revalidate=30"
			if cc := fetchURL(t, srv.URL+"/").Header.Get("Cache-Control"); cc != want {
				t.Errorf("home %s: Cache-Control %q, want %q", how, cc, want)
			}
		}
		// A page without keys cannot be purged, so it keeps the browser's short policy.
		resp := fetchURL(t, srv.URL+"/search?q=first")
		if cc := resp.Header.Get("Cache-Control"); strings.Contains(cc, "s-maxage") || resp.Header.Get("Surrogate-Key") != "" {
			t.Errorf("search page: Cache-Control %q, Surrogate-Key %q; want neither s-maxage nor keys", cc, resp.Header.Get("Surrogate-Key"))
		}
		if resp := fetchURL(t, srv.URL+"/admin/login"); strings.Contains(resp.Header.Get("Cache-Control"), "s-maxage") {
			t.Errorf("the desk's login page may be kept: %q", resp.Header.Get("Cache-Control"))
		}
	})
	t.Run("Cloudflare's Cache-Tag is comma-separated", func(t *testing.T) {
		srv, _ := sharedCacheServer(t, ts, SharedCache{KeysHeader: "Cache-Tag"}, nil)
		resp := fetchURL(t, srv.URL+"/tags/harbour/")
		tags := resp.Header.Get("Cache-Tag")
		if !strings.HasPrefix(tags, "t:") || !strings.HasSuffix(tags, ","+allPagesKey) || strings.Contains(tags, " ") {
			t.Errorf("Cache-Tag %q, want t:<id>,…,all", tags)
		}
		if k := resp.Header.Get("Surrogate-Key"); k != "" {
			t.Errorf("Surrogate-Key %q sent besides Cache-Tag", k)
		}
	})
}

// TestCacheHitsCarryAnIDOnlyWhenItNamesSomething: without debug logging a plain hit writes no
// log line and is the cache's usual answer, so it goes out without X-Request-Id and X-Cache
// (two headers less on the hottest path), while a rendered page, an error page and a hit a
// proxy named still carry their ids, and a miss says so.
func TestCacheHitsCarryAnIDOnlyWhenItNamesSomething(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	srv := httptest.NewServer(New(Deps{Store: ts.store, Media: ts.media, Assets: assets, Metrics: metrics.New(reg),
		Logger: slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))}))
	t.Cleanup(srv.Close)

	miss := fetchURL(t, srv.URL+"/post/one/")
	if miss.Header.Get("X-Cache") != "MISS" || miss.Header.Get("X-Request-Id") == "" {
		t.Errorf("rendered page: X-Cache %q, X-Request-Id %q; want MISS and an id", miss.Header.Get("X-Cache"), miss.Header.Get("X-Request-Id"))
	}
	// A render that a change overtook is not kept (the store's watcher may still be settling
	// while tests run in parallel): ask until the cache answers.
	hit := fetchURL(t, srv.URL+"/post/one/")
	for i := 0; i < 20 && cacheAnswer(hit.Header) != "HIT"; i++ {
		hit = fetchURL(t, srv.URL+"/post/one/")
	}
	if hit.Header.Get("X-Cache") != "" || hit.Header.Get("X-Request-Id") != "" {
		t.Errorf("cache hit: X-Cache %q, X-Request-Id %q; want neither", hit.Header.Get("X-Cache"), hit.Header.Get("X-Request-Id"))
	}
	if id := fetchURL(t, srv.URL+"/no/such/page/").Header.Get("X-Request-Id"); id == "" {
		t.Error("an error page carries no request id")
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/post/one/", nil)
	req.Header.Set("X-Request-Id", "edge-4712")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("X-Cache") != "" || resp.Header.Get("X-Request-Id") != "edge-4712" {
		t.Errorf("hit named by a proxy: X-Cache %q, X-Request-Id %q; want no X-Cache and edge-4712",
			resp.Header.Get("X-Cache"), resp.Header.Get("X-Request-Id"))
	}
	// The two answers taken for hits above were hits: the cache says so in its metrics.
	if n := cacheResultCount(t, reg, "hit"); n != 2 {
		t.Errorf("gazette_response_cache_total{result=\"hit\"} = %v, want 2", n)
	}
}

// cacheResultCount is the response cache's count of one result in reg.
func cacheResultCount(t *testing.T, reg *prometheus.Registry, result string) float64 {
	t.Helper()
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() != "gazette_response_cache_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "result" && l.GetValue() == result {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}

func TestRequestIDsAndMetrics(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	reg := prometheus.NewRegistry()
	srv, logs := sharedCacheServer(t, ts, SharedCache{}, metrics.New(reg))
	a, b := fetchURL(t, srv.URL+"/post/one/"), fetchURL(t, srv.URL+"/post/one/")
	// A render that a change overtook is not kept (the store's watcher may still be settling
	// while tests run in parallel): ask until the cache answers, counting the renders.
	misses := 1
	for i := 0; i < 20 && b.Header.Get("X-Cache") != "HIT"; i++ {
		b, misses = fetchURL(t, srv.URL+"/post/one/"), misses+1
	}
	idA, idB := a.Header.Get("X-Request-Id"), b.Header.Get("X-Request-Id")
	if idA == "" || idA == idB {
		t.Errorf("request ids %q, %q: want two different ones, the cached page included", idA, idB)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/no/such/page/", nil)
	req.Header.Set("X-Request-Id", "edge-4711")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("X-Request-Id"); got != "edge-4711" {
		t.Errorf("a proxy's request id came back as %q", got)
	}
	req.Header.Set("X-Request-Id", "bad id\twith spaces")
	if resp, _ := http.DefaultClient.Do(req); resp.Header.Get("X-Request-Id") == "bad id\twith spaces" {
		t.Error("a malformed request id was echoed")
	}
	// The log is JSON, one record a line, and every request's record names its id.
	found := false
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if rec["msg"] == "request" && rec["request_id"] == idB && rec["cache"] == "hit" {
			found = true
		}
	}
	if !found {
		t.Errorf("no request record with id %s and cache hit in:\n%s", idB, logs.String())
	}
	want := fmt.Sprintf(`
		# HELP gazette_response_cache_total Public GET requests by what the in-process response cache did: hit, stale (served while re-rendered), miss, bypass.
		# TYPE gazette_response_cache_total counter
		gazette_response_cache_total{result="bypass"} 2
		gazette_response_cache_total{result="hit"} 1
		gazette_response_cache_total{result="miss"} %d
		gazette_response_cache_total{result="stale"} 0
	`, misses)
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "gazette_response_cache_total"); err != nil {
		t.Error(err)
	}
	if n := testutil.CollectAndCount(reg, "gazette_http_requests_total"); n != 2 {
		t.Errorf("%d request series, want 2 (page 200, page 404)", n)
	}
}

func TestRouteKinds(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]string{
		"/": "page", "/post/one/": "page", "/tags/x/": "page", "/static/style.1.css": "static",
		"/admin/": "desk", "/admin/login": "desk", "/search": "search", "/search/suggest": "search",
		"/comments/article/1": "comments", "/index.xml": "feed", "/tags/x/feed.json": "feed",
		"/sitemap.xml": "feed", "/healthz": "health", "/media/ab/c.png": "media",
	} {
		if got := routeKind(p); got != want {
			t.Errorf("routeKind(%q) = %q, want %q", p, got, want)
		}
	}
}
