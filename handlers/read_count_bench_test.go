package handlers

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"gazette/data"
	"gazette/reads"
	"gazette/static"
)

// BenchmarkCacheHitCounting is a cache hit of an article page with and without the reading
// figures' counting in front of the cache: the difference is what counting costs a reader.
func BenchmarkCacheHitCounting(b *testing.B) {
	store, media := seedStore(b, 1_000)
	assets, err := static.New()
	if err != nil {
		b.Fatal(err)
	}
	for _, counting := range []bool{false, true} {
		d := Deps{Store: store, Media: media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		name := "without-counting"
		if counting {
			d.Reads, name = reads.NewCounter(100_000), "with-counting"
		}
		h := New(d)
		b.Run(name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/news/article-00500/", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			req.Header.Set("User-Agent", browserUA)
			req.Header.Set("Referer", "https://www.search.example/?q=harbour")
			for range 2 { // the second answer is the cache's
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if got := cacheAnswer(w.Header()); got != "HIT" {
				b.Fatalf("cache answer %q, want HIT", got)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				h.ServeHTTP(discardWriter{h: http.Header{}}, req)
			}
		})
	}
}

// discardWriter is a ResponseWriter that keeps nothing, so the figures are the handler's.
type discardWriter struct{ h http.Header }

func (d discardWriter) Header() http.Header         { return d.h }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}

func FuzzReferrerHost(f *testing.F) {
	for _, s := range []string{"https://www.search.example/q?x", "http://user@evil.example:8080/", "", "https://", "http://a@b@c/", "https://ÄÖ.example/", "https://a.example#x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ref string) {
		r := httptest.NewRequest(http.MethodGet, "https://news.example/", nil)
		r.Header.Set("Referer", ref)
		host := referrerHost(r)
		if len(host) > len(ref) {
			t.Fatalf("%q from %q", host, ref)
		}
		clean := data.CleanDomain(host)
		for _, c := range clean {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
				t.Fatalf("stored domain %q from %q", clean, ref)
			}
		}
	})
}
