package data

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// searchBenchVersion names the cached benchmark store; change it when the generated corpus
// or the schema it needs changes, and the next run seeds a new one.
const searchBenchVersion = "search-bench-v2"

const searchBenchArticles = 100_000

var searchBenchNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// benchVocabulary is 8,000 made-up words; articles draw from it with a Zipf distribution, as
// real text does, so that common words are in most articles and most words in few.
func benchVocabulary() []string {
	syl := strings.Fields("ka lo mi ne sa tu ri vo pe da fi gu ha je ko lu ma ni po re si ta ve wo ya ze bo ce")
	var words []string
	for _, a := range syl {
		for _, b := range syl {
			for _, c := range syl {
				words = append(words, a+b+c)
			}
		}
	}
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	return words[:8000]
}

// openSearchBenchStore opens the 100,000-article store, seeding it on first use into a file
// under the system temp folder so that later runs start at once.
func openSearchBenchStore(b *testing.B) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), "gazette-"+searchBenchVersion+".db")
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		if err := seedSearchBench(path); err != nil {
			b.Fatal(err)
		}
		b.Logf("seeded %d articles into %s in %s", searchBenchArticles, path, time.Since(start).Round(time.Second))
	}
	s, err := Open(context.Background(), path, func() time.Time { return searchBenchNow })
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// seedSearchBench writes the corpus to a temporary file and renames it into place, so two
// benchmark runs never share a half-seeded store.
func seedSearchBench(path string) error {
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	s, err := Open(context.Background(), tmp, func() time.Time { return searchBenchNow })
	if err != nil {
		return err
	}
	vocab := benchVocabulary()
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 2, uint64(len(vocab)-1))
	text := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(w, " ")
	}
	batch := make([]Article, 0, 1000)
	for i := range searchBenchArticles {
		date := searchBenchNow.Add(-time.Duration(i) * 17 * time.Minute)
		a := Article{SourcePath: fmt.Sprintf("content/news/a%06d.md", i), Lang: []string{"en", "en", "en", "de"}[i%4],
			TranslationKey: fmt.Sprint(i), Section: "news", Title: text(7), Lead: text(15), PlainText: text(250 + rng.IntN(300)),
			Permalink: fmt.Sprintf("/news/a%06d/", i), Date: date, PublishDate: date, Lastmod: date, ContentHash: fmt.Sprint(i)}
		tags := map[string]bool{}
		for range 3 {
			tags[vocab[rng.IntN(200)]] = true
		}
		for tag := range tags {
			a.Terms = append(a.Terms, Term{Taxonomy: "tags", Key: tag, Name: tag})
		}
		a.Terms = append(a.Terms, Term{Taxonomy: "categories", Key: "news", Name: "News"})
		batch = append(batch, a)
		if len(batch) == cap(batch) || i == searchBenchArticles-1 {
			if _, err := s.SaveArticles(context.Background(), batch); err != nil {
				s.Close()
				return err
			}
			batch = batch[:0]
		}
	}
	if _, err := s.db.Exec("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')"); err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// BenchmarkSearch reports the median and 95th-percentile time of a first results page over
// 100,000 articles, for queries of each kind. Words are taken at ranks 20–400 of the
// vocabulary: common enough to match thousands of articles, as real searches do.
func BenchmarkSearch(b *testing.B) {
	s := openSearchBenchStore(b)
	vocab := benchVocabulary()
	rng := rand.New(rand.NewPCG(9, 9))
	word := func() string { return vocab[20+rng.IntN(380)] }
	from, to := searchBenchNow.AddDate(0, -6, 0), searchBenchNow.AddDate(0, -3, 0)
	kinds := []struct {
		name string
		next func() SearchQuery
	}{
		{"one-word", func() SearchQuery { return SearchQuery{Text: word()} }},
		{"two-word", func() SearchQuery { return SearchQuery{Text: word() + " " + word()} }},
		{"phrase", func() SearchQuery { return SearchQuery{Text: `"` + vocab[2+rng.IntN(20)] + " " + word() + `"`} }},
		{"prefix", func() SearchQuery { return SearchQuery{Text: word()[:4] + "*"} }},
		{"filtered", func() SearchQuery {
			return SearchQuery{Text: word(), Lang: "en", Tag: vocab[rng.IntN(200)], From: from, To: to}
		}},
		{"rare-word", func() SearchQuery { return SearchQuery{Text: vocab[4000+rng.IntN(4000)]} }},
		{"most-common-word", func() SearchQuery { return SearchQuery{Text: vocab[2+rng.IntN(3)]} }},
		// A popular search read again, page after page: served from the kept ranking.
		{"repeated-query", func() SearchQuery { return SearchQuery{Text: vocab[25], Offset: 10 * rng.IntN(5)} }},
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			var took []time.Duration
			hits := 0
			for b.Loop() {
				q := k.next()
				start := time.Now()
				res, err := s.Search(context.Background(), q)
				took = append(took, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				hits += res.Total
			}
			slices.Sort(took)
			pct := func(p float64) float64 {
				return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.5), "ms-p50")
			b.ReportMetric(pct(0.95), "ms-p95")
			b.ReportMetric(float64(hits)/float64(len(took)), "hits/query")
		})
	}
}
