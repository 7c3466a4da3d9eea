package replica

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/superfly/ltx"
)

// Follow keeps dbPath a copy of the replica until ctx ends: a warm standby. The first time it
// restores the replica's latest state (or, when dbPath exists, resumes from the position its
// -txid file names), then every interval it applies the transactions the primary shipped
// since, in place, and fetches new media files. A server opened on the same file with
// data.OpenReadOnly, in another process, serves the copy; see applyLTX for why it sees whole
// transactions and notices each one.
//
// Litestream's own follow mode (RestoreOptions.Follow) was the first choice, but it leaves
// two things a reading SQLite needs: the first restore of a WAL database still says "WAL" in
// its header (a reader of a WAL file holds a lock as long as it is open, so the follower
// waits forever), and a transaction that does not touch page 1 leaves the file change
// counter alone, so readers keep their cached pages and the standby shows a change only
// when a later one happens to touch page 1 (seen as ~28 s behind).
//
// ready, if not nil, is called once the copy may be opened, with the position it holds.
func Follow(ctx context.Context, cfg Config, dbPath, mediaRoot string, interval time.Duration, log *slog.Logger, ready func(txid uint64)) error {
	t, err := openTarget(cfg)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o750); err != nil {
		return fmt.Errorf("follow replica: %w", err)
	}
	f := &follower{client: t.ltx, dbPath: dbPath, log: log}
	if err := f.start(ctx); err != nil {
		return fmt.Errorf("follow %s: %w", t.name, err)
	}
	if err := fetchMissingMedia(ctx, t, mediaRoot); err != nil {
		return fmt.Errorf("follow %s: media: %w", t.name, err)
	}
	if ready != nil {
		ready(uint64(f.txid))
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		if err := f.catchUp(ctx); err != nil && ctx.Err() == nil {
			log.Warn("follow replica", "replica", t.name, "txid", f.txid.String(), "err", err)
		}
		// Media files come with the articles that name them; a listing every few looks is
		// enough (an S3 listing costs more than a level-0 one).
		if i%4 == 0 {
			if err := fetchMissingMedia(ctx, t, mediaRoot); err != nil && ctx.Err() == nil {
				log.Warn("follow media", "replica", t.name, "err", err)
			}
		}
	}
}

// IsFollowedCopy reports whether dbPath is a standby's copy kept by Follow (its -txid file is
// there): it must not be opened for writing until it is promoted.
func IsFollowedCopy(dbPath string) bool {
	_, err := os.Stat(litestream.TXIDPath(dbPath))
	return err == nil
}

// Promote makes a followed copy an ordinary database: Follow must have stopped. The -txid
// file goes, so a follower started by mistake on the promoted copy refuses to resume (the
// copy now has writes the replica never had).
func Promote(dbPath string) error {
	if !IsFollowedCopy(dbPath) {
		return fmt.Errorf("promote: %s is not a standby's copy (no %s)", dbPath, filepath.Base(litestream.TXIDPath(dbPath)))
	}
	if err := os.Remove(litestream.TXIDPath(dbPath)); err != nil {
		return fmt.Errorf("promote: %w", err)
	}
	return nil
}

// follower applies a replica's transactions to one file.
type follower struct {
	client litestream.ReplicaClient
	dbPath string
	log    *slog.Logger
	txid   ltx.TXID
}

// start restores the replica into dbPath when it does not exist, or resumes from its -txid.
func (f *follower) start(ctx context.Context) error {
	if _, err := os.Stat(f.dbPath); err == nil {
		txid, err := litestream.ReadTXIDFile(f.dbPath)
		if err != nil {
			return err
		}
		if txid == 0 {
			return fmt.Errorf("%s exists and is not a standby's copy (no -txid file): follow into a new data directory", f.dbPath)
		}
		f.txid = txid
		return f.catchUp(ctx)
	}
	plan, err := litestream.CalcRestorePlan(ctx, f.client, 0, time.Time{}, slog.New(slog.DiscardHandler))
	if err != nil {
		return fmt.Errorf("plan the first restore: %w", err)
	}
	txid := plan[len(plan)-1].MaxTXID
	// Restored under another name and renamed whole: a reader never opens half a restore, and
	// the header says rollback journal before anyone can open it.
	tmp := f.dbPath + ".restoring"
	for _, stale := range []string{tmp, tmp + ".tmp"} {
		if err := os.Remove(stale); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	opt := litestream.NewRestoreOptions()
	opt.OutputPath, opt.TXID, opt.IntegrityCheck = tmp, txid, litestream.IntegrityCheckQuick
	if err := litestream.NewReplicaWithClient(nil, f.client).Restore(ctx, opt); err != nil {
		return fmt.Errorf("first restore: %w", err)
	}
	if err := markRestored(tmp); err != nil {
		return err
	}
	if err := litestream.WriteTXIDFile(f.dbPath, txid); err != nil {
		return err
	}
	if err := os.Rename(tmp, f.dbPath); err != nil {
		return fmt.Errorf("first restore: %w", err)
	}
	os.Remove(tmp + "-wal") // left by the integrity check, if at all; empty
	os.Remove(tmp + "-shm")
	f.txid = txid
	f.log.Info("restored the replica, following", "database", f.dbPath, "txid", txid.String())
	return nil
}

// catchUp applies every transaction after f.txid that the replica holds: level-0 files one
// by one, and where they have a gap (the follower was away longer than the primary keeps
// them) the newest compacted file that covers it, up to a whole snapshot.
func (f *follower) catchUp(ctx context.Context) error {
	for {
		next, err := f.nextFile(ctx)
		if err != nil || next == nil {
			return err
		}
		if err := applyLTX(ctx, f.client, next, f.dbPath); err != nil {
			return fmt.Errorf("apply %s-%s (level %d): %w", next.MinTXID, next.MaxTXID, next.Level, err)
		}
		if err := litestream.WriteTXIDFile(f.dbPath, next.MaxTXID); err != nil {
			return err
		}
		f.log.Debug("applied", "from", f.txid.String(), "to", next.MaxTXID.String(), "level", next.Level)
		f.txid = next.MaxTXID
	}
}

// nextFile is the file that continues from f.txid: the level-0 file starting right after it,
// or, when level 0 has a gap there (files already removed after compaction), the compacted
// file reaching furthest among those that start at or before it. nil when the copy is up to
// date. An up-to-date look costs one listing of level 0 (one request on S3).
func (f *follower) nextFile(ctx context.Context) (*ltx.FileInfo, error) {
	l0, gap, err := f.covering(ctx, 0)
	if err != nil || l0 != nil || !gap {
		return l0, err
	}
	var best *ltx.FileInfo
	for level := 1; level <= litestream.SnapshotLevel; level++ {
		info, _, err := f.covering(ctx, level)
		if err != nil {
			return nil, err
		}
		if info != nil && (best == nil || info.MaxTXID > best.MaxTXID) {
			best = info
		}
	}
	return best, nil
}

// covering returns the file of level that holds f.txid+1 and starts at or before it,
// reaching furthest (nil if none), and whether a file of that level starts later (a gap).
func (f *follower) covering(ctx context.Context, level int) (*ltx.FileInfo, bool, error) {
	seek := ltx.TXID(0)
	if level == 0 {
		seek = f.txid + 1 // level-0 files are a transaction or a few each: seek, don't list all
	}
	itr, err := f.client.LTXFiles(ctx, level, seek, false)
	if err != nil {
		return nil, false, fmt.Errorf("list level %d: %w", level, err)
	}
	defer itr.Close()
	var best *ltx.FileInfo
	gap := false
	for itr.Next() {
		info := itr.Item()
		if info.MinTXID > f.txid+1 {
			gap = true
			break // sorted by MinTXID: the rest start later still
		}
		if info.MaxTXID > f.txid && (best == nil || info.MaxTXID > best.MaxTXID) {
			best = info
		}
	}
	if err := itr.Err(); err != nil {
		return nil, false, fmt.Errorf("list level %d: %w", level, err)
	}
	return best, gap, nil
}

// fetchMissingMedia fetches the media files the replica has and the folder lacks.
func fetchMissingMedia(ctx context.Context, t *target, mediaRoot string) error {
	remote, err := t.media.List(ctx)
	if err != nil {
		return err
	}
	local, err := listFolder(mediaRoot)
	if err != nil {
		return err
	}
	for name := range remote {
		if !local[name] {
			if err := t.media.Fetch(ctx, name, filepath.Join(mediaRoot, filepath.FromSlash(name))); err != nil {
				return err
			}
		}
	}
	return nil
}

// FollowPosition is where a followed copy stands: the last transaction applied and when.
func FollowPosition(dbPath string) (uint64, time.Time, error) {
	txid, err := litestream.ReadTXIDFile(dbPath)
	if err != nil {
		return 0, time.Time{}, err
	}
	st, err := os.Stat(litestream.TXIDPath(dbPath))
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("follow position: %w", err)
	}
	return uint64(txid), st.ModTime(), nil
}
