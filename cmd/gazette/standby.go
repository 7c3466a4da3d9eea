package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"

	"gazette/backup"
	"gazette/data"
	"gazette/replica"
)

// A warm standby is two processes on one data directory: `gazette restore URL --follow`
// keeps the copy (followReplica), `gazette serve --read-only` serves it (openStandbyStore).
// They must be two: the follower's SQLite locks are fcntl locks, which belong to a process
// and so would not keep the server's own reads from seeing a half-applied transaction.
// `gazette promote` turns the copy into an ordinary store once both have stopped.

// followLockName is a file the follower holds an flock on while it runs, so that promote can
// tell it is still running.
const followLockName = ".follow.lock"

// followReplica is `gazette restore URL --data DIR --follow`: until stopped.
func followReplica(ctx context.Context, cfg replica.Config, dataDir string, every time.Duration, stdout, stderr io.Writer) error {
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	unlock, err := holdFollowLock(dataDir)
	if err != nil {
		return err
	}
	defer unlock()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return replica.Follow(ctx, cfg, filepath.Join(dataDir, backup.DatabaseName), filepath.Join(dataDir, backup.MediaFolder),
		every, log, func(txid uint64) {
			fmt.Fprintf(stdout, "Following %s into %s every %s (transaction %d); serve it with: gazette serve --read-only --data %s\n",
				cfg.URL, dataDir, every, txid, dataDir)
		})
}

// holdFollowLock takes the data directory's follow lock, failing if a follower has it.
func holdFollowLock(dataDir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dataDir, followLockName), os.O_CREATE|os.O_RDWR, 0o640)
	if err != nil {
		return nil, fmt.Errorf("follow lock: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s is already followed by another `gazette restore --follow`", dataDir)
		}
		return nil, fmt.Errorf("follow lock: %w", err)
	}
	return func() { f.Close() }, nil
}

// openStandbyStore opens a warm standby's data directory read-only (see data.OpenReadOnly).
func openStandbyStore(ctx context.Context, dir string) (*data.Store, *data.MediaDir, error) {
	dbPath := filepath.Join(dir, backup.DatabaseName)
	if !replica.IsFollowedCopy(dbPath) {
		return nil, nil, fmt.Errorf("--read-only serves a standby's copy: start `gazette restore URL --data %s --follow` first and wait for its \"Following\" line", dir)
	}
	store, err := data.OpenReadOnly(ctx, dbPath, time.Now)
	if err != nil {
		return nil, nil, fmt.Errorf("open the standby's store in %s: %w", dir, err)
	}
	media, err := data.NewMediaDir(filepath.Join(dir, backup.MediaFolder))
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return store, media, nil
}

// runPromote is `gazette promote --data DIR`: the standby's copy becomes the site's store.
func runPromote(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("promote", stderr)
	dataDir := fs.String("data", defaultDataDir, "the standby's data directory")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gazette promote --data DIR\n\nTurns a warm standby's copy into the site's store: stop `gazette restore --follow` and\n`gazette serve --read-only` on DIR first (and the old primary, if it still runs). Afterwards,\nserve DIR as usual, with --replicate to a new replica location.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, getenv); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errors.New("promote takes no arguments")
	}
	unlock, err := holdFollowLock(*dataDir)
	if err != nil {
		return fmt.Errorf("promote: stop the follower first: %w", err)
	}
	defer unlock()
	dbPath := filepath.Join(*dataDir, backup.DatabaseName)
	if err := replica.Promote(dbPath); err != nil {
		return err
	}
	// Opening it read-write turns it to WAL and checks it answers; a schema behind this
	// binary's is brought up to date.
	store, err := data.Open(ctx, dbPath, time.Now)
	if err != nil {
		return fmt.Errorf("promote: open %s: %w", dbPath, err)
	}
	defer store.Close()
	if err := store.IntegrityCheck(ctx); err != nil {
		return fmt.Errorf("promote: %w", err)
	}
	n, err := store.CountArticles(ctx)
	if err != nil {
		return err
	}
	os.Remove(filepath.Join(*dataDir, followLockName))
	fmt.Fprintf(stdout, "Promoted %s: %d articles. Serve it with: gazette serve --data %s --replicate NEW_REPLICA_URL\n", *dataDir, n, *dataDir)
	return nil
}

// standbyStatus is `gazette status` on a standby's copy: read-only, with the follower's position.
func standbyStatus(ctx context.Context, dbPath string, stdout io.Writer) error {
	store, err := data.OpenReadOnly(ctx, dbPath, time.Now)
	if err != nil {
		return err
	}
	n, err := store.CountArticles(ctx)
	store.Close()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Store:    %s, %d articles (a warm standby's read-only copy)\n", dbPath, n)
	txid, at, err := replica.FollowPosition(dbPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Standby:  at transaction %d, last applied %s ago (the follower writes nothing while the primary is idle)\n",
		txid, time.Since(at).Round(100*time.Millisecond))
	return nil
}
