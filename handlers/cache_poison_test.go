package handlers

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"gazette/data"
)

// TestCacheKeepsEncodingsApart: whatever one client accepted, the next client gets a body it
// can read: zstd is never produced, a gzip weight of 0.5 still means gzip, and an identity
// client never receives a compressed body from the cache.
func TestCacheKeepsEncodingsApart(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	for _, first := range []string{"gzip, deflate, br, zstd", "zstd", "gzip;q=0.5", "gzip;q=0", "gzip"} {
		for _, path := range []string{"/", "/post/one/", "/tags/harbour/"} {
			ts.get(t, path, "Accept-Encoding", first) // fills the cache
			plain := ts.get(t, path, "Accept-Encoding", "identity")
			if enc := plain.Header.Get("Content-Encoding"); enc != "" {
				t.Errorf("after %q, an identity client got %q on %s", first, enc, path)
			}
			gz := ts.get(t, path, "Accept-Encoding", "gzip")
			if enc := gz.Header.Get("Content-Encoding"); enc != "gzip" {
				t.Errorf("after %q, a gzip client got %q on %s", first, enc, path)
			}
		}
	}
	if r := ts.get(t, "/", "Accept-Encoding", "gzip;q=0.5"); r.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("gzip;q=0.5 answered with %q", r.Header.Get("Content-Encoding"))
	}
}

// TestCacheServesBrotliOnceMade: a brotli client is never kept waiting for brotli: it gets gzip
// until the background compressor has made the page's brotli body, then brotli, which decodes
// to the same page, with an ETag of its own that answers 304.
func TestCacheServesBrotliOnceMade(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	plain := ts.get(t, "/post/one/", "Accept-Encoding", "identity")
	want, _ := io.ReadAll(plain.Body)
	first := ts.get(t, "/post/one/", "Accept-Encoding", "br, gzip")
	if enc := first.Header.Get("Content-Encoding"); enc != "gzip" && enc != "br" {
		t.Fatalf("first brotli client got %q", enc)
	}
	var br *http.Response
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if br = ts.get(t, "/post/one/", "Accept-Encoding", "br, gzip"); br.Header.Get("Content-Encoding") == "br" {
			break
		}
	}
	if br.Header.Get("Content-Encoding") != "br" {
		t.Fatal("the brotli body never came")
	}
	got, err := io.ReadAll(brotli.NewReader(br.Body))
	if err != nil || string(got) != string(want) {
		t.Fatalf("brotli body decodes to %d bytes (%v), want the page's %d", len(got), err, len(want))
	}
	etag := br.Header.Get("ETag")
	if etag == "" || etag == plain.Header.Get("ETag") || br.Header.Get("Content-Length") == "" {
		t.Errorf("brotli ETag %q (identity %q), Content-Length %q", etag, plain.Header.Get("ETag"), br.Header.Get("Content-Length"))
	}
	if r := ts.get(t, "/post/one/", "Accept-Encoding", "br", "If-None-Match", etag); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the brotli ETag: status %d", r.StatusCode)
	}
}

// TestCacheNotPoisonedByHost: a site whose base URL has no host builds absolute links from the
// request; a forged Host header must not leak into what other readers get from the cache.
func TestCacheNotPoisonedByHost(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for k, v := range basicSite {
		files[k] = v
	}
	files["config.toml"] = "baseURL = \"/\"\ntitle = \"Test News\"\n"
	ts := newTestServer(t, files)
	for _, path := range []string{"/index.xml", "/post/one/", "/sitemap.xml"} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
		req.Host = "evil.example"
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
		resp := ts.get(t, path)
		body, _ := io.ReadAll(resp.Body)
		if strings.Contains(string(body), "evil.example") {
			t.Errorf("%s: a forged Host reached another reader through the cache", path)
		}
	}
}

// TestSearchFloodIsTurnedAway: one address searching without pause gets 429 after its budget,
// with a Retry-After, while pages keep answering.
func TestSearchFloodIsTurnedAway(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	limited := 0
	for i := 0; i < 120; i++ {
		resp := ts.get(t, "/search?q=story")
		switch resp.StatusCode {
		case http.StatusOK:
		case http.StatusTooManyRequests:
			limited++
			if resp.Header.Get("Retry-After") == "" {
				t.Fatal("429 without Retry-After")
			}
		default:
			t.Fatalf("search %d: status %d", i, resp.StatusCode)
		}
	}
	if limited < 40 {
		t.Errorf("only %d of 120 rapid searches were turned away", limited)
	}
	if r := ts.get(t, "/post/one/"); r.StatusCode != http.StatusOK {
		t.Errorf("a page during the flood: %d", r.StatusCode)
	}
}

// TestCacheKeepsPagesAcrossHiddenWrites: a comment held for moderation changes no public page,
// so the cached home page is still served; approving it starts afresh. A quiet site's pages
// are rendered again after the cache's time to live.
func TestCacheKeepsPagesAcrossHiddenWrites(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	etag := ts.get(t, "/").Header.Get("ETag")
	tgt, err := ts.store.ResolvePath(context.Background(), "/post/one/")
	if err != nil {
		t.Fatal(err)
	}
	ids, err := ts.store.AddComments(context.Background(), []data.NewComment{{ArticleID: tgt.ArticleID, Status: data.CommentPending,
		Name: "Ann", Body: "Held for moderation", IP: "192.0.2.1"}})
	if err != nil {
		t.Fatal(err)
	}
	if r := ts.get(t, "/", "If-None-Match", etag); r.StatusCode != http.StatusNotModified {
		t.Errorf("a held comment changed the home page: %d", r.StatusCode)
	}
	if err := ts.store.SetCommentStatus(context.Background(), ids, data.CommentApproved); err != nil {
		t.Fatal(err)
	}
	d := doc(t, ts.get(t, "/"))
	if !strings.Contains(d.Find("[data-testid=list-item]").Text(), "1 comment") {
		t.Error("an approved comment is not counted on the home page at once")
	}
	// The article's discussion closes by the clock (27 days after 1 November, at midnight), with
	// no write to move the generation, so a fresh render after the time to live has a new ETag.
	cs := data.DefaultCommentSettings()
	cs.CloseAfterDays = 27
	if err := ts.store.SaveCommentSettings(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	ts.clock.Set(time.Date(2026, 11, 27, 23, 49, 0, 0, time.UTC))
	first := ts.get(t, "/post/one/").Header.Get("ETag")
	ts.clock.Add(time.Minute)
	if again := ts.get(t, "/post/one/").Header.Get("ETag"); again != first {
		t.Errorf("page re-rendered within the cache's time to live: %s then %s", first, again)
	}
	ts.clock.Add(cacheTTL)
	if later := ts.get(t, "/post/one/").Header.Get("ETag"); later == first {
		t.Error("page still served from the cache after its time to live")
	}
}
