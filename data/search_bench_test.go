package data

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// searchBenchVersion names the cached benchmark stores; change it when the generated corpus
// or the schema it needs changes, and the next run seeds new ones.
const searchBenchVersion = "search-bench-v3"

var searchBenchNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// searchBenchStep is the time between two generated articles: 100,000 of them span about
// three years, as a busy newsroom's archive does.
const searchBenchStep = 17 * time.Minute

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

// benchNames are the people a newsroom writes about: first and last names combined, drawn
// with a Zipf distribution too (a few are in the news every day).
func benchNames() []string {
	first := strings.Fields("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Sandra Steven Ashley")
	last := strings.Fields("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker")
	var names []string
	for _, f := range first {
		for _, l := range last {
			names = append(names, f+" "+l)
		}
	}
	rand.New(rand.NewPCG(5, 5)).Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	return names
}

// openSearchBenchStore opens a store of n generated articles, seeding it on first use into a
// file under the system temp folder so that later runs start at once.
func openSearchBenchStore(b *testing.B, n int) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("gazette-%s-%d.db", searchBenchVersion, n))
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		if err := seedSearchBench(path, n); err != nil {
			b.Fatal(err)
		}
		b.Logf("seeded %d articles into %s in %s", n, path, time.Since(start).Round(time.Second))
	}
	s, err := Open(context.Background(), path, func() time.Time { return searchBenchNow }, benchMmapSize())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := mergeSearchBenchIndexes(s); err != nil {
		b.Fatal(err)
	}
	return s
}

// mergeSearchBenchIndexes merges each search index into one segment, as an import leaves
// them, when it has more: a store seeded before a migration that rebuilt an index holds the
// segments of that rebuild (23 at 100,000 articles), and its searches would measure the
// segments (a third of their CPU), not the search. Once done it stays in the file.
func mergeSearchBenchIndexes(s *Store) error {
	for _, table := range []string{"search_fts", "search_titles", "search_pairs"} {
		var segments int
		if err := s.db.QueryRow("SELECT count(DISTINCT segid) FROM " + table + "_idx").Scan(&segments); err != nil {
			return err
		}
		if segments > 1 {
			if _, err := s.db.Exec("INSERT INTO " + table + " (" + table + ") VALUES ('optimize')"); err != nil {
				return err
			}
		}
	}
	return nil
}

// benchMmapSize lets a run compare SQLite's memory map with the store's default (none):
// GAZETTE_BENCH_MMAP_SIZE=1073741824 maps up to 1 GiB of the file on every connection.
func benchMmapSize() OpenOption {
	return func(q url.Values) {
		size := os.Getenv("GAZETTE_BENCH_MMAP_SIZE")
		if size == "" {
			return
		}
		pragmas := q["_pragma"][:0]
		for _, p := range q["_pragma"] {
			if !strings.HasPrefix(p, "mmap_size(") {
				pragmas = append(pragmas, p)
			}
		}
		q["_pragma"] = append(pragmas, "mmap_size("+size+")")
	}
}

// seedSearchBench writes the corpus to a temporary file and renames it into place, so two
// benchmark runs never share a half-seeded store. Articles are saved in a shuffled order, as
// an import of a Hugo site does, so ids say nothing about dates. One in fifty is a draft,
// scheduled or expired.
func seedSearchBench(path string, n int) error {
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	s, err := Open(context.Background(), tmp, func() time.Time { return searchBenchNow })
	if err != nil {
		return err
	}
	vocab, names := benchVocabulary(), benchNames()
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 2, uint64(len(vocab)-1))
	nameZipf := rand.NewZipf(rand.New(rand.NewPCG(5, 6)), 1.2, 3, uint64(len(names)-1))
	text := func(n int, withNames int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[zipf.Uint64()]
		}
		for range withNames {
			w[rng.IntN(len(w))] = names[nameZipf.Uint64()]
		}
		return strings.Join(w, " ")
	}
	order := rng.Perm(n)
	batch := make([]Article, 0, 1000)
	for j, i := range order {
		date := searchBenchNow.Add(-time.Duration(i) * searchBenchStep)
		title := text(7, 0)
		if i%3 == 0 {
			title = names[nameZipf.Uint64()] + " " + text(5, 0)
		}
		a := Article{SourcePath: fmt.Sprintf("content/%s/a%06d.md", []string{"news", "news", "sport", "culture"}[i%4], i),
			Lang: []string{"en", "en", "en", "de"}[i%4], TranslationKey: fmt.Sprint(i),
			Section: []string{"news", "news", "sport", "culture"}[i%4], Title: title, Lead: text(15, 1),
			PlainText: text(250+rng.IntN(300), 1+rng.IntN(3)), Permalink: fmt.Sprintf("/news/a%06d/", i),
			Date: date, PublishDate: date, Lastmod: date, ContentHash: fmt.Sprint(i)}
		switch i % 150 {
		case 7:
			a.Draft = true
		case 8:
			a.PublishDate = searchBenchNow.Add(time.Hour)
		case 9:
			a.ExpiryDate = searchBenchNow.Add(-time.Hour)
		}
		tags := map[string]bool{}
		for range 3 {
			tags[vocab[rng.IntN(200)]] = true
		}
		for tag := range tags {
			a.Terms = append(a.Terms, Term{Taxonomy: "tags", Key: tag, Name: tag})
		}
		a.Terms = append(a.Terms, Term{Taxonomy: "categories", Key: "news", Name: "News"})
		batch = append(batch, a)
		if len(batch) == cap(batch) || j == n-1 {
			if _, err := s.SaveArticles(context.Background(), batch); err != nil {
				s.Close()
				return err
			}
			batch = batch[:0]
		}
	}
	if err := mergeSearchBenchIndexes(s); err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// BenchmarkSearch reports the median and 95th-percentile time of a results page (ranking,
// facets, the page's hits with snippets) at 10,000 and 100,000 articles, for 250 distinct
// queries of each kind, generated from the corpus, and of a suggestion list: first-time (each
// query's first run) and repeated (the same list again), in wall time and in CPU time per
// first-time query. It ends with the figures as one table (the issue's), beside the time the
// search gate took to build on each store.
func BenchmarkSearch(b *testing.B) {
	var table searchBenchTable
	for _, n := range []int{10_000, 100_000} {
		size := fmt.Sprintf("%dk", n/1000)
		b.Run(size, func(b *testing.B) {
			s := openSearchBenchStore(b, n)
			cpuStart, start := processCPU(), time.Now()
			if _, err := s.gate.ready(context.Background(), "", ""); err != nil {
				b.Fatal(err)
			}
			table.gates = append(table.gates, fmt.Sprintf("%s: search gate built in %.0f ms (%.0f ms CPU)", size,
				float64(time.Since(start).Microseconds())/1000, float64((processCPU()-cpuStart).Microseconds())/1000))
			for _, k := range searchBenchQueries(b, s, n) {
				b.Run(k.name, func(b *testing.B) {
					row := benchQueries(b, len(k.queries), func(i int) error {
						_, err := s.Search(context.Background(), k.queries[i])
						return err
					})
					table.add(size, k.name, row)
				})
			}
			b.Run("suggest", func(b *testing.B) {
				prefixes := distinctQueries(250, func(rng *rand.Rand) SearchQuery {
					t := benchArticleText(b, s, rng, "title")
					words := strings.Fields(t)
					k := 1 + rng.IntN(min(3, len(words)))
					last := words[k-1]
					return SearchQuery{Text: strings.Join(words[:k-1], " ") + " " + last[:1+rng.IntN(len(last))]}
				})
				row := benchQueries(b, len(prefixes), func(i int) error {
					_, err := s.Suggest(context.Background(), SuggestQuery{Text: prefixes[i].Text, TagKey: strings.ToLower(strings.TrimSpace(prefixes[i].Text)), Limit: 8})
					return err
				})
				table.add(size, "suggest", row)
			})
		})
	}
	if len(table.rows) > 0 {
		// Printed, not logged: a benchmark's log shows only under -v, and make bench is the
		// issue's table.
		fmt.Print(table.String())
	}
}

// searchBenchRow is one kind's figures in ms: p50 and p95 of first-time and repeated wall
// time and of first-time CPU time.
type searchBenchRow struct {
	size, kind        string
	first, again, cpu [2]float64
}

type searchBenchTable struct {
	rows  []searchBenchRow
	gates []string
}

func (t *searchBenchTable) add(size, kind string, r searchBenchRow) {
	r.size, r.kind = size, kind
	t.rows = append(t.rows, r)
}

// String is the table as markdown, with the machine's load beside it: wall time on a shared
// machine waits for a core, CPU time does not.
func (t *searchBenchTable) String() string {
	var b strings.Builder
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(&b, "search, ms per query (p50 / p95), 250 distinct queries per kind; load average %s\n", strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " "))
	for _, g := range t.gates {
		fmt.Fprintln(&b, g)
	}
	fmt.Fprintln(&b, "| articles | kind | first-time | repeated | first-time CPU |")
	fmt.Fprintln(&b, "|---|---|---|---|---|")
	for _, r := range t.rows {
		fmt.Fprintf(&b, "| %s | %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f |\n", r.size, r.kind,
			r.first[0], r.first[1], r.again[0], r.again[1], r.cpu[0], r.cpu[1])
	}
	return b.String()
}

// benchQueries times run over every query index, twice: first-time, then repeated. Beside
// wall time it reports the process's CPU time per first-time query, which other work on a
// shared machine does not inflate (wall time waits for a core; CPU time does not).
func benchQueries(b *testing.B, n int, run func(i int) error) searchBenchRow {
	var first, again, cpu []time.Duration
	for b.Loop() {
		for range 2 {
			for i := range n {
				cpuStart := processCPU()
				start := time.Now()
				if err := run(i); err != nil {
					b.Fatal(err)
				}
				if len(first) < n {
					first = append(first, time.Since(start))
					cpu = append(cpu, processCPU()-cpuStart)
				} else {
					again = append(again, time.Since(start))
				}
			}
		}
	}
	var row searchBenchRow
	for name, m := range map[string]struct {
		took []time.Duration
		to   *[2]float64
	}{"first": {first, &row.first}, "repeat": {again, &row.again}, "cpu": {cpu, &row.cpu}} {
		slices.Sort(m.took)
		pct := func(p float64) float64 { return float64(m.took[int(p*float64(len(m.took)-1))].Microseconds()) / 1000 }
		m.to[0], m.to[1] = pct(0.5), pct(0.95)
		b.ReportMetric(m.to[0], name+"-ms-p50")
		b.ReportMetric(m.to[1], name+"-ms-p95")
	}
	b.ReportMetric(float64(n), "queries")
	return row
}

// processCPU is the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type benchKind struct {
	name    string
	queries []SearchQuery
}

// searchBenchQueries generates the query list from the corpus: words by frequency rank (the
// generator's Zipf order), people's names, phrases and rare phrases cut from stored articles,
// prefixes, filters and later pages. Every kind has 250 distinct queries.
func searchBenchQueries(b *testing.B, s *Store, n int) []benchKind {
	vocab, names := benchVocabulary(), benchNames()
	word := func(rng *rand.Rand, lo, hi int) string { return vocab[lo+rng.IntN(hi-lo)] }
	span := time.Duration(n) * searchBenchStep
	tags := vocab[:200]
	return []benchKind{
		{"common-word", distinctQueries(250, func(rng *rand.Rand) SearchQuery { return SearchQuery{Text: word(rng, 0, 250)} })},
		{"mid-word", distinctQueries(250, func(rng *rand.Rand) SearchQuery { return SearchQuery{Text: word(rng, 250, 2000)} })},
		{"rare-word", distinctQueries(250, func(rng *rand.Rand) SearchQuery { return SearchQuery{Text: word(rng, 4000, 8000)} })},
		{"name", distinctQueries(250, func(rng *rand.Rand) SearchQuery { return SearchQuery{Text: names[rng.IntN(len(names))]} })},
		{"two-words", distinctQueries(250, func(rng *rand.Rand) SearchQuery {
			return SearchQuery{Text: word(rng, 0, 2000) + " " + word(rng, 0, 2000)}
		})},
		{"phrase", distinctQueries(250, func(rng *rand.Rand) SearchQuery {
			return SearchQuery{Text: `"` + benchSlice(benchArticleText(b, s, rng, "plain_text"), rng, 2) + `"`}
		})},
		{"rare-phrase", distinctQueries(250, func(rng *rand.Rand) SearchQuery {
			return SearchQuery{Text: `"` + benchSlice(benchArticleText(b, s, rng, "plain_text"), rng, 4) + `"`}
		})},
		{"exact-title", distinctQueries(250, func(rng *rand.Rand) SearchQuery {
			return SearchQuery{Text: benchArticleText(b, s, rng, "title")}
		})},
		{"prefix", distinctQueries(250, func(rng *rand.Rand) SearchQuery {
			w := word(rng, 0, 2000)
			return SearchQuery{Text: w[:3+rng.IntN(3)] + "*"}
		})},
		{"filtered", distinctQueries(250, func(rng *rand.Rand) SearchQuery {
			q := SearchQuery{Text: word(rng, 0, 2000)}
			switch rng.IntN(4) {
			case 0:
				q.Lang = "de"
			case 1:
				q.Tag = tags[rng.IntN(len(tags))]
			case 2:
				q.To = searchBenchNow.Add(-time.Duration(rng.Int64N(int64(span))))
				q.From = q.To.Add(-span / 10)
			default:
				q.Lang, q.Section, q.Tag = "en", "sport", tags[rng.IntN(len(tags))]
			}
			return q
		})},
		{"page-2+", distinctQueries(250, func(rng *rand.Rand) SearchQuery {
			return SearchQuery{Text: word(rng, 0, 1000), Offset: 10 * (1 + rng.IntN(20))}
		})},
	}
}

// distinctQueries draws queries until it has n different ones.
func distinctQueries(n int, next func(*rand.Rand) SearchQuery) []SearchQuery {
	rng := rand.New(rand.NewPCG(11, uint64(n)))
	seen := map[string]bool{}
	var out []SearchQuery
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		q := next(rng)
		key := fmt.Sprintf("%+v", q)
		if !seen[key] {
			seen[key] = true
			out = append(out, q)
		}
	}
	return out
}

// benchArticleText is a column of a random stored article.
func benchArticleText(b *testing.B, s *Store, rng *rand.Rand, column string) string {
	var n int64
	if err := s.db.QueryRow("SELECT max(id) FROM articles").Scan(&n); err != nil {
		b.Fatal(err)
	}
	var text string
	if err := s.db.QueryRow("SELECT "+column+" FROM articles WHERE id = ?", 1+rng.Int64N(n)).Scan(&text); err != nil {
		b.Fatal(err)
	}
	return text
}

// benchSlice is n consecutive words of text from a random place.
func benchSlice(text string, rng *rand.Rand, n int) string {
	words := strings.Fields(text)
	i := rng.IntN(max(1, len(words)-n))
	return strings.Join(words[i:min(len(words), i+n)], " ")
}
