package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"gazette/content"
	"gazette/hugosite"
)

// BenchmarkImportCorpus imports each shared Hugo corpus into a new store: read, render, save.
func BenchmarkImportCorpus(b *testing.B) {
	for _, name := range []string{"xmr-ru__xmr_ru", "ropensci__roweb3", "sky-bro__blog-src"} {
		b.Run(name, func(b *testing.B) {
			dir := corpusDir(b, name)
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				store, media, err := openStore(context.Background(), b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				site, err := content.LoadSite(dir)
				if err != nil {
					b.Fatal(err)
				}
				rep, err := hugosite.Import(context.Background(), store, media, site)
				if err != nil || rep.Failed > 0 {
					b.Fatalf("import: %v, %d failed", err, rep.Failed)
				}
				b.StopTimer()
				store.Close()
				b.StartTimer()
			}
		})
	}
}

// BenchmarkImportGenerated runs `gazette import` of the shared news generator's corpus
// (../shared/tools/gen_corpus.py, 2,000 articles; GAZETTE_BENCH_IMPORT_N for another size)
// into a new store each time. It reports the process's CPU time per article beside the wall
// time, since this machine is shared, and its peak resident memory, which must stay bounded
// by the import's batches, not the corpus: compare two sizes.
func BenchmarkImportGenerated(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("GAZETTE_BENCH_IMPORT_N")); err == nil && v > 0 {
		n = v
	}
	site := filepath.Join(b.TempDir(), "site")
	gen := filepath.Join("..", "..", "..", "shared", "tools", "gen_corpus.py")
	if out, err := exec.Command("python3", gen, strconv.Itoa(n), filepath.Join(site, "content", "post")).CombinedOutput(); err != nil {
		b.Fatalf("gen_corpus.py: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(site, "hugo.toml"), []byte("baseURL = \"https://news.example/\"\ntitle = \"Generated\"\n[taxonomies]\ntag = \"tags\"\ncategory = \"categories\"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	cpu := processCPU()
	for b.Loop() {
		out, errOut, err := gazette(b, "import", "--data", filepath.Join(b.TempDir(), "data"), site)
		if err != nil || !strings.HasPrefix(out, "imported "+strconv.Itoa(n)+",") {
			b.Fatalf("import: %v\n%s%s", err, out, errOut)
		}
	}
	b.ReportMetric(float64((processCPU()-cpu).Microseconds())/float64(b.N*n), "cpu-µs/article")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/article")
	b.ReportMetric(float64(maxRSS())/(1<<20), "peak-RSS-MiB")
}

// processCPU is the user and system time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// maxRSS is the process's peak resident memory in bytes (Linux reports KiB).
func maxRSS() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss << 10
}
