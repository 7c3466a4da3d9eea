package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/metrics"
	"gazette/reads"
	"gazette/static"

	"github.com/prometheus/client_golang/prometheus"
)

// words is the vocabulary of generated articles.
var words = strings.Fields(`harbour council storm ferry market school budget election river bridge festival
	museum library weather coast fishing tourism housing transport energy wind solar port mayor vote report
	science study health hospital doctor police court community club season match team record rain flood`)

// seedStore fills a store with n deterministic articles, made by the content pipeline.
func seedStore(b testing.TB, n int) (*data.Store, *data.MediaDir) {
	b.Helper()
	dir := b.TempDir()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	store, err := data.Open(context.Background(), filepath.Join(dir, "bench.db"), func() time.Time { return now })
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	pl := content.NewPipeline(content.DefaultSiteConfig())
	rng := rand.New(rand.NewPCG(1, 2))
	sentence := func(k int) string {
		s := make([]string, k)
		for i := range s {
			s[i] = words[rng.IntN(len(words))]
		}
		return strings.ToUpper(s[0][:1]) + strings.Join(s, " ")[1:] + "."
	}
	batch := make([]data.Article, 0, 500)
	for i := 0; i < n; i++ {
		var body strings.Builder
		for p := 0; p < 8; p++ {
			if p == 3 {
				body.WriteString("## " + sentence(3) + "\n\n")
			}
			for k := 0; k < 5; k++ {
				body.WriteString(sentence(8+rng.IntN(10)) + " ")
			}
			body.WriteString("\n\n")
		}
		date := now.Add(-time.Duration(i) * 37 * time.Minute)
		tags := []string{words[rng.IntN(len(words))], words[rng.IntN(len(words))], words[rng.IntN(len(words))]}
		file := fmt.Sprintf("---\ntitle: %q\nlead: %q\ndate: %s\ntags: [%s]\ncategories: [News]\n---\n%s",
			sentence(6), sentence(12), date.Format(time.RFC3339), strings.Join(tags, ", "), body.String())
		a, err := pl.Article(fmt.Sprintf("content/news/article-%05d.md", i), []byte(file))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := pl.Render(&a, nil); err != nil {
			b.Fatal(err)
		}
		batch = append(batch, a)
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := store.SaveArticles(context.Background(), dedupeTerms(batch)); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	media, err := data.NewMediaDir(filepath.Join(dir, "media"))
	if err != nil {
		b.Fatal(err)
	}
	return store, media
}

func dedupeTerms(list []data.Article) []data.Article {
	for i := range list {
		seen := map[string]bool{}
		kept := list[i].Terms[:0]
		for _, t := range list[i].Terms {
			if !seen[t.Taxonomy+t.Key] {
				seen[t.Taxonomy+t.Key] = true
				kept = append(kept, t)
			}
		}
		list[i].Terms = kept
	}
	return list
}

func benchmarkPage(b *testing.B, h http.Handler, path string, header ...string) {
	benchmarkStatus(b, h, path, http.StatusOK, header...)
}

func benchmarkStatus(b *testing.B, h http.Handler, path string, status int, header ...string) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != status {
		b.Fatalf("%s: status %d", path, w.Code)
	}
	b.SetBytes(int64(w.Body.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
	}
}

// BenchmarkPages renders each page type from a store of 10,000 articles with the response cache
// bypassed (a query string), as the first reader after an edit pays it; widget lists are
// computed once per store generation, so they are not in these figures.
func BenchmarkPages(b *testing.B) {
	store, media := seedStore(b, 10_000)
	assets, err := static.New()
	if err != nil {
		b.Fatal(err)
	}
	h := New(Deps{Store: store, Media: media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	b.Run("home", func(b *testing.B) { benchmarkPage(b, h, "/?uncached") })
	b.Run("home-page-500", func(b *testing.B) { benchmarkPage(b, h, "/page/500/?uncached") })
	b.Run("article", func(b *testing.B) { benchmarkPage(b, h, "/news/article-05000/?uncached") })
	b.Run("section", func(b *testing.B) { benchmarkPage(b, h, "/news/page/3/?uncached") })
	b.Run("tags", func(b *testing.B) { benchmarkPage(b, h, "/tags/?uncached") })
	b.Run("term", func(b *testing.B) { benchmarkPage(b, h, "/tags/harbour/page/2/?uncached") })
	b.Run("archive", func(b *testing.B) { benchmarkPage(b, h, "/archive/?uncached") })
	b.Run("not-found", func(b *testing.B) { benchmarkStatus(b, h, "/no/such/page/?uncached", http.StatusNotFound) })
}

// BenchmarkPagesCached is the same pages served from the response cache, as every reader after
// the first one gets them until the store changes.
func BenchmarkPagesCached(b *testing.B) {
	store, media := seedStore(b, 10_000)
	assets, err := static.New()
	if err != nil {
		b.Fatal(err)
	}
	h := New(Deps{Store: store, Media: media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for name, p := range map[string]string{"home": "/", "article": "/news/article-05000/", "term": "/tags/harbour/page/2/"} {
		b.Run(name, func(b *testing.B) { benchmarkPage(b, h, p, "Accept-Encoding", "gzip") })
	}
}

// BenchmarkCacheHit is a cached article as the server answers it: the whole middleware chain
// with metrics and reading figures on, into a writer that keeps nothing but, like net/http,
// starts each response with an empty header map and writes the header block out. So the
// figure is Gazette's own cost of a hit plus the part of net/http's that grows with the
// headers a hit sends; "ceiling" is ../shared/bench/hello's handler (four headers) in the same
// writer. Parsing the request and the socket writes come on top, the same for both.
func BenchmarkCacheHit(b *testing.B) {
	store, media := seedStore(b, 1_000)
	assets, err := static.New()
	if err != nil {
		b.Fatal(err)
	}
	h := New(Deps{Store: store, Media: media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Metrics: metrics.New(prometheus.NewRegistry()), Reads: reads.NewCounter(100_000)})
	req := httptest.NewRequest(http.MethodGet, "/news/article-00500/", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	for range 2 { // the second answer is the cache's
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
	b.Run("gazette", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			h.ServeHTTP(&headerWriter{h: http.Header{}}, req)
		}
	})
	// An https site sends Strict-Transport-Security as a ninth header (security_headers_test.go).
	ts := newTestServer(b, basicSite)
	hs := New(Deps{Store: ts.store, Media: ts.media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Metrics: metrics.New(prometheus.NewRegistry()), Reads: reads.NewCounter(100_000)})
	hreq := httptest.NewRequest(http.MethodGet, "/post/one/", nil)
	hreq.Header.Set("Accept-Encoding", "gzip, deflate, br")
	for range 3 {
		hs.ServeHTTP(httptest.NewRecorder(), hreq)
	}
	b.Run("gazette-https", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			hs.ServeHTTP(&headerWriter{h: http.Header{}}, hreq)
		}
	})
	body := make([]byte, 5_000)
	ceiling := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Encoding", "gzip")
		h.Set("Vary", "Accept-Encoding")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
	b.Run("ceiling", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ceiling.ServeHTTP(&headerWriter{h: http.Header{}}, req)
		}
	})
}

// headerWriter keeps nothing but writes the header block as net/http does (sorted, checked).
type headerWriter struct {
	h     http.Header
	wrote bool
}

func (w *headerWriter) Header() http.Header { return w.h }

func (w *headerWriter) WriteHeader(int) {
	if !w.wrote {
		w.wrote = true
		w.h.Write(io.Discard)
	}
}

func (w *headerWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return len(b), nil
}
