package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"gazette/data"
	"gazette/hugosite"
)

// importMemoryLimit is the Go heap an import aims to stay under (see runImport).
const importMemoryLimit = 320 << 20

// importCacheMiB is the import's page cache: the article indexes it writes in no particular
// order stay in memory (see data.CacheSize); bounded so the whole import stays under 500 MiB.
const importCacheMiB = 32

// importCheckpointPages is how large the import lets the write-ahead log grow (256 MiB of
// 4 KiB pages) before copying it into the store: its batches rewrite the same index pages,
// which a checkpoint after every batch or two copied and synced each time.
const importCheckpointPages = 65536

// importBusyTimeout is how long an import's write waits for another writer's transaction.
const importBusyTimeout = 5 * time.Minute

// runImport imports a Hugo site (or loose content files) into the store.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", stderr)
	dataDir := fs.String("data", defaultDataDir, "data directory")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `Usage: gazette import [--data DIR] SITE_OR_FILES...

Imports a Hugo site (a folder with config.toml, hugo.toml or config/) or content files and
folders. Importing again updates changed articles and leaves the others alone.`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, getenv); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("import: name a Hugo site folder or content files")
	}
	// The import streams (memory holds a few batches and the site's URLs), but rendering makes
	// garbage fast; past this soft limit the collector runs sooner instead of letting the heap
	// grow to twice what is live.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	// Another import (or a server's save) may hold the write lock for a whole batch: wait for
	// it as long as a batch can take on a loaded machine rather than fail the import.
	store, media, err := openStore(ctx, *dataDir, data.BusyTimeout(importBusyTimeout), data.CacheSize(importCacheMiB),
		data.WALCheckpointEvery(importCheckpointPages))
	if err != nil {
		return err
	}
	defer store.Close()
	// GAZETTE_CPUPROFILE names a file for a CPU profile of the whole import (for measuring it).
	if path := getenv("GAZETTE_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("import: cpu profile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("import: cpu profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	site, err := hugosite.LoadSources(fs.Args())
	if err != nil {
		return err
	}
	rep, err := hugosite.Import(ctx, store, media, site)
	if err != nil {
		return err
	}
	rep.Print(stdout)
	if rep.Failed > 0 {
		return errReported
	}
	return nil
}
