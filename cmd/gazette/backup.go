package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gazette/backup"
)

// runBackup is `gazette backup DEST`: a verified backup taken while the site may be serving.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("backup", stderr)
	dataDir := fs.String("data", defaultDataDir, "data directory to back up")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gazette backup DEST [--data DIR]\n\nWrites a consistent, verified copy of the database and the media it refers to into the new folder DEST.\nSafe while the site is serving.")
		fs.PrintDefaults()
	}
	dest, err := parseWithOnePath(fs, args, getenv)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*dataDir, backup.DatabaseName)); err != nil {
		return fmt.Errorf("backup: no Gazette database in %s: %w", *dataDir, err)
	}
	store, media, err := openStore(ctx, *dataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	m, err := backup.Create(ctx, store, media, dest, backup.Options{Version: version,
		Progress: func(msg string) { fmt.Fprintln(stdout, "  "+msg) }})
	if err != nil {
		return err
	}
	reportMissing(stderr, m)
	fmt.Fprintf(stdout, "Backed up to %s in %s: %s\n", dest, time.Since(start).Round(time.Millisecond), m.Summary())
	return nil
}

// runRestore is `gazette restore SRC --data DIR`.
func runRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("restore", stderr)
	dataDir := fs.String("data", defaultDataDir, "data directory to restore into")
	force := fs.Bool("force", false, "restore into a data directory that already holds a site, replacing its database")
	follow := fs.Bool("follow", false, "with a replica URL: keep DIR a warm standby, applying the primary's new transactions until stopped (serve it with serve --read-only)")
	followEvery := fs.Duration("follow-every", time.Second, "with --follow: how often to look for new transactions")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gazette restore SRC --data DIR [--force] [--follow [--follow-every 1s]]\n\nChecks the backup folder SRC (manifest and every file's hash) and restores it into DIR,\nthen brings its schema up to date. SRC may also be a replica (file:///path, s3://bucket/path).\nStop the server that uses DIR first. With --follow (a replica only) it keeps running and\nDIR stays a read-only copy of the primary: a warm standby (README, \"Operating Gazette\").")
		fs.PrintDefaults()
	}
	src, err := parseWithOnePath(fs, args, getenv)
	if err != nil {
		return err
	}
	start := time.Now()
	if *follow {
		if !strings.Contains(src, "://") {
			return errors.New("--follow needs a replica URL (file:///path or s3://bucket/path)")
		}
		if *followEvery <= 0 {
			return errors.New("--follow-every must be positive")
		}
		return followReplica(ctx, replicaConfig(src, getenv), *dataDir, *followEvery, stdout, stderr)
	}
	if strings.Contains(src, "://") {
		return restoreFromReplica(ctx, replicaConfig(src, getenv), *dataDir, *force, stdout)
	}
	fmt.Fprintf(stdout, "Checking %s…\n", src)
	r, err := backup.Restore(ctx, src, *dataDir, *force)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored into %s in %s: %s\n", *dataDir, time.Since(start).Round(time.Millisecond), r.Manifest.Summary())
	if len(r.Migrated) > 0 {
		fmt.Fprintf(stdout, "The backup was older than this Gazette; brought its schema up to date: %s\n", strings.Join(r.Migrated, ", "))
	}
	return nil
}

// parseWithOnePath parses flags given before or after exactly one path argument.
func parseWithOnePath(fs *flag.FlagSet, args []string, getenv func(string) string) (string, error) {
	var path string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		path, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args, getenv); err != nil {
		return "", err
	}
	if path == "" && fs.NArg() > 0 {
		path = fs.Arg(0)
		fs.Parse(fs.Args()[1:]) // flags after the path
	}
	if path == "" || fs.NArg() > 0 {
		fs.Usage()
		return "", errors.New("name one folder")
	}
	return path, nil
}

func reportMissing(stderr io.Writer, m backup.Manifest) {
	if len(m.Missing) > 0 {
		fmt.Fprintf(stderr, "warning: %d media files the database refers to were already missing from the data directory (first: %s)\n",
			len(m.Missing), m.Missing[0])
	}
}
