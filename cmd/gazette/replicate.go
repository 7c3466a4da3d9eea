package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"gazette/backup"
	"gazette/data"
	"gazette/replica"
)

// replicaStatusName is the file a serving replicator refreshes every second for `gazette status`.
const replicaStatusName = "replica-status.json"

// replicaConfig reads an S3-compatible store's settings from the usual AWS variables, so the
// same environment works for AWS, MinIO, Garage and R2.
func replicaConfig(url string, getenv func(string) string) replica.Config {
	endpoint := getenv("AWS_ENDPOINT_URL_S3")
	if endpoint == "" {
		endpoint = getenv("AWS_ENDPOINT_URL")
	}
	region := getenv("AWS_REGION")
	if region == "" {
		region = getenv("AWS_DEFAULT_REGION")
	}
	return replica.Config{URL: url, S3: replica.S3Settings{Endpoint: endpoint, Region: region,
		AccessKeyID: getenv("AWS_ACCESS_KEY_ID"), SecretAccessKey: getenv("AWS_SECRET_ACCESS_KEY")}}
}

// restoreFromReplicaIfNew fills a data directory that has no database from the replica, so a
// fresh VM started with --replicate comes up with the site it replaces.
func restoreFromReplicaIfNew(ctx context.Context, cfg replica.Config, dataDir string, stdout io.Writer, log *slog.Logger) error {
	dbPath := filepath.Join(dataDir, backup.DatabaseName)
	if _, err := os.Stat(dbPath); err == nil {
		return nil
	}
	start := time.Now()
	r, err := replica.Restore(ctx, cfg, dbPath, filepath.Join(dataDir, backup.MediaFolder), log)
	if err != nil {
		return err
	}
	if r.Found {
		fmt.Fprintf(stdout, "Restored the site from the replica in %s (%d media files)\n", time.Since(start).Round(time.Millisecond), r.MediaFiles)
	}
	return nil
}

// runStatus is `gazette status`: the store and, when the server replicates, the replica's lag.
func runStatus(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("status", stderr)
	dataDir := fs.String("data", defaultDataDir, "data directory")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gazette status [--data DIR]\n\nShows the store and how far the replica trails it (when the server runs with --replicate).")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, getenv); err != nil {
		return err
	}
	dbPath := filepath.Join(*dataDir, backup.DatabaseName)
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("status: no Gazette database in %s", *dataDir)
	}
	if replica.IsFollowedCopy(dbPath) {
		// Opening it read-write would turn it to WAL under the follower's feet.
		return standbyStatus(ctx, dbPath, stdout)
	}
	store, err := data.Open(ctx, dbPath, time.Now)
	if err != nil {
		return err
	}
	n, err := store.CountArticles(ctx)
	store.Close()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Store:    %s, %d articles\n", dbPath, n)
	st, err := replica.ReadStatus(filepath.Join(*dataDir, replicaStatusName))
	switch {
	case os.IsNotExist(err):
		fmt.Fprintln(stdout, "Replica:  none (serve with --replicate URL to keep one)")
	case err != nil:
		return err
	case time.Since(st.UpdatedAt) > 5*time.Second:
		fmt.Fprintf(stdout, "Replica:  %s; no report since %s: is the server running?\n", st.Replica, st.UpdatedAt.Local().Format(time.DateTime))
	case st.ReplicaTXID == 0:
		fmt.Fprintf(stdout, "Replica:  %s; nothing shipped yet\n", st.Replica)
		if st.LastError != "" {
			fmt.Fprintf(stdout, "          last error: %s\n", st.LastError)
		}
	default:
		fmt.Fprintf(stdout, "Replica:  %s, %.1f s behind (transaction %d of %d), %d media files\n",
			st.Replica, st.LagSeconds, st.ReplicaTXID, st.LocalTXID, st.MediaFiles)
		if st.LastError != "" {
			fmt.Fprintf(stdout, "          last error: %s\n", st.LastError)
		}
	}
	return nil
}

// restoreFromReplica is `gazette restore URL --data DIR`: the replica's latest state, checked,
// migrated forward, into a data directory that holds no site (or any, with force).
func restoreFromReplica(ctx context.Context, cfg replica.Config, dataDir string, force bool, stdout io.Writer) error {
	start := time.Now()
	if !force {
		if err := backup.CheckEmpty(dataDir); err != nil {
			return err
		}
	}
	dbPath := filepath.Join(dataDir, backup.DatabaseName)
	for _, stale := range []string{dbPath, dbPath + "-wal", dbPath + "-shm", filepath.Join(dataDir, "."+backup.DatabaseName+"-litestream")} {
		if err := os.RemoveAll(stale); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
	}
	r, err := replica.Restore(ctx, cfg, dbPath, filepath.Join(dataDir, backup.MediaFolder), slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	if !r.Found {
		return fmt.Errorf("restore: the replica %s holds no database", cfg.URL)
	}
	// replica.Restore ran integrity_check on the restored file; opening it migrates forward.
	store, err := data.Open(ctx, dbPath, time.Now)
	if err != nil {
		return fmt.Errorf("restore: bring the schema up to date: %w", err)
	}
	defer store.Close()
	n, err := store.CountArticles(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored into %s from the replica in %s: %d articles, %d media files\n", dataDir, time.Since(start).Round(time.Millisecond), n, r.MediaFiles)
	return nil
}
