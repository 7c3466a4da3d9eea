package handlers

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"gazette/data"
	"gazette/static"
)

// largeStoreDir is a data directory holding ../shared/tools/gen_corpus.py 100000 imported by
// `gazette import`, made once by scripts/bench.sh (it takes minutes) and reused.
func largeStoreDir() string {
	if d := os.Getenv("GAZETTE_BENCH_DATA"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "gazette-lab", "data-100000")
}

// BenchmarkPagesLarge renders the hard cases of a 100,000-article newsroom with the response
// cache bypassed (a query string): the largest tag (34,770 articles), deep pagination, the
// taxonomy index and an archive month, as well as an article and the home page.
func BenchmarkPagesLarge(b *testing.B) {
	dir := largeStoreDir()
	if _, err := os.Stat(filepath.Join(dir, "gazette.db")); err != nil {
		b.Skipf("no 100,000-article store at %s: run scripts/bench.sh once to seed it", dir)
	}
	ctx := context.Background()
	store, err := data.Open(ctx, filepath.Join(dir, "gazette.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	media, err := data.NewMediaDir(filepath.Join(dir, "media"))
	if err != nil {
		b.Fatal(err)
	}
	assets, err := static.New()
	if err != nil {
		b.Fatal(err)
	}
	h := New(Deps{Store: store, Media: media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, c := range largeCases {
		b.Run(c.name, func(b *testing.B) { benchmarkPage(b, h, c.path+"?uncached", "Accept-Encoding", "gzip") })
	}
}

// largeCases are the pages the 100,000-article benchmarks measure, with the paths
// ../shared/bench uses where it has them.
var largeCases = []struct{ name, path string }{
	{"article", "/post/what-to-know-about-the-energy-prices-fight-in-texas-0/"},
	{"home", "/"},
	{"home-page-500", "/page/500/"},
	{"section", "/post/"},
	{"tag-34770", "/tags/jessica-walker/"},
	{"tags", "/tags/"},
	{"category", "/categories/thehill/"},
	{"archive-month", "/archive/2024/06/"},
	{"rss", "/index.xml"},
}
