package replica

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/benbjohnson/litestream"
)

// Restored says what a restore from the replica brought back.
type Restored struct {
	Found      bool // false: the replica held nothing yet, so nothing was restored
	MediaFiles int
}

// Restore fills a data directory from the replica: the database at dbPath (which must not exist)
// as of the last commit the replica received, then every media file the folder lacks.
func Restore(ctx context.Context, cfg Config, dbPath, mediaRoot string, log *slog.Logger) (Restored, error) {
	var out Restored
	if _, err := os.Stat(dbPath); err == nil {
		return out, fmt.Errorf("restore from replica: %s already exists", dbPath)
	}
	t, err := openTarget(cfg)
	if err != nil {
		return out, err
	}
	r := litestream.NewReplicaWithClient(nil, t.ltx)
	opt := litestream.NewRestoreOptions()
	opt.OutputPath = dbPath
	opt.IntegrityCheck = litestream.IntegrityCheckFull
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o750); err != nil {
		return out, fmt.Errorf("restore from replica: %w", err)
	}
	err = r.Restore(ctx, opt)
	if errors.Is(err, litestream.ErrNoSnapshots) || errors.Is(err, litestream.ErrTxNotAvailable) {
		return out, nil
	}
	if err != nil {
		return out, fmt.Errorf("restore database from %s: %w", t.name, err)
	}
	out.Found = true
	remote, err := t.media.List(ctx)
	if err != nil {
		return out, err
	}
	local, err := listFolder(mediaRoot)
	if err != nil {
		return out, err
	}
	for name := range remote {
		if local[name] {
			continue
		}
		if err := t.media.Fetch(ctx, name, filepath.Join(mediaRoot, filepath.FromSlash(name))); err != nil {
			return out, fmt.Errorf("restore media from %s: %w", t.name, err)
		}
		out.MediaFiles++
	}
	log.Info("restored from replica", "replica", t.name, "media_files", out.MediaFiles)
	return out, nil
}
