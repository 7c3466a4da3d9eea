package main

import (
	"context"
	"testing"

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
