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
	"strings"
	"testing"
	"time"

	"gazette/content/markdown"
	"gazette/data"
	"gazette/static"
)

// words is the vocabulary of generated articles.
var words = strings.Fields(`harbour council storm ferry market school budget election river bridge festival
	museum library weather coast fishing tourism housing transport energy wind solar port mayor vote report
	science study health hospital doctor police court community club season match team record rain flood`)

// seedStore fills a store with n deterministic articles, rendered through the real renderer.
func seedStore(b testing.TB, n int) (*data.Store, *data.MediaDir) {
	b.Helper()
	dir := b.TempDir()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	store, err := data.Open(context.Background(), filepath.Join(dir, "bench.db"), func() time.Time { return now })
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	r := markdown.New(markdown.Options{})
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
		res, err := r.Render([]byte(body.String()), markdown.Page{})
		if err != nil {
			b.Fatal(err)
		}
		date := now.Add(-time.Duration(i) * 37 * time.Minute)
		a := data.Article{
			SourcePath: fmt.Sprintf("content/news/article-%05d.md", i), Lang: "en", Section: "news", Type: "news",
			TranslationKey: fmt.Sprintf("news/article-%05d", i), Title: sentence(6), Lead: sentence(12),
			Permalink: fmt.Sprintf("/news/article-%05d/", i), Date: date, PublishDate: date, Lastmod: date,
			BodyMarkdown: body.String(), BodyHTML: res.HTML, SummaryHTML: res.SummaryHTML, Truncated: res.Truncated,
			PlainText: res.PlainText, WordCount: res.WordCount, ContentHash: fmt.Sprint(i),
		}
		for k := 0; k < 3; k++ {
			w := words[rng.IntN(len(words))]
			a.Terms = append(a.Terms, data.Term{Taxonomy: "tags", Key: w, Name: w})
		}
		a.Terms = append(a.Terms, data.Term{Taxonomy: "categories", Key: "news", Name: "News"})
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
