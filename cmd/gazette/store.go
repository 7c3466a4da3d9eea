package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gazette/data"
	"gazette/replica"
)

// openStore opens the data directory: the database file and the media folder.
func openStore(ctx context.Context, dir string, opts ...data.OpenOption) (*data.Store, *data.MediaDir, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, nil, fmt.Errorf("data directory: %w", err)
	}
	if replica.IsFollowedCopy(filepath.Join(dir, "gazette.db")) {
		return nil, nil, fmt.Errorf("%s is a warm standby's copy, kept by `gazette restore --follow`: serve it with --read-only, or stop the follower and run `gazette promote --data %s` to write to it", dir, dir)
	}
	store, err := data.Open(ctx, filepath.Join(dir, "gazette.db"), time.Now, opts...)
	if reason := data.StorageFault(err); reason != "" {
		// SQLite in WAL mode writes beside the database even to read it, so a data directory
		// that is read-only or full from the start cannot even be opened: say so plainly.
		return nil, nil, fmt.Errorf("open the store in %s: %s; check that the data directory is writable and has free space: %w", dir, reason, err)
	}
	if err != nil {
		return nil, nil, err
	}
	media, err := data.NewMediaDir(filepath.Join(dir, "media"))
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return store, media, nil
}
