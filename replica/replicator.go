package replica

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/benbjohnson/litestream/file"
)

// How often the pieces move. Litestream notices a commit within monitorInterval and ships at
// most every syncInterval, so a commit reaches the replica in about half a second; media files
// and the status file follow every few observations.
const (
	monitorInterval = 100 * time.Millisecond
	syncInterval    = 250 * time.Millisecond
	observeEvery    = 100 * time.Millisecond
	shipMediaEvery  = 3 // observations: a new upload leaves within about 300 ms
)

// Replicator ships a store to its replica while the site serves.
type Replicator struct {
	target     *target
	db         *litestream.DB
	lsStore    *litestream.Store
	mediaRoot  string
	statusPath string
	log        *slog.Logger

	mu      sync.Mutex
	shipped map[string]bool // media files known to be in the replica
	lag     lagTracker
	lastErr string

	cancel context.CancelFunc
	done   chan struct{}
}

// Start begins replicating the database at dbPath (already open and in WAL mode) and the media
// folder mediaRoot. statusPath is where it writes its Status every second for `gazette status`.
func Start(ctx context.Context, cfg Config, dbPath, mediaRoot, statusPath string, log *slog.Logger) (*Replicator, error) {
	t, err := openTarget(cfg)
	if err != nil {
		return nil, err
	}
	db := litestream.NewDB(dbPath)
	db.MonitorInterval = monitorInterval
	r := litestream.NewReplicaWithClient(db, t.ltx)
	r.SyncInterval = syncInterval
	db.Replica = r
	if fc, ok := t.ltx.(*file.ReplicaClient); ok {
		fc.Replica = r // keeps the data directory's file modes on the replica's files
	}
	levels := litestream.CompactionLevels{{Level: 0}, {Level: 1, Interval: 30 * time.Second}, {Level: 2, Interval: 10 * time.Minute}}
	st := litestream.NewStore([]*litestream.DB{db}, levels)
	st.Logger = slog.New(quiet{log.Handler()}).With("part", "litestream")
	db.SetLogger(st.Logger)
	if err := st.Open(ctx); err != nil {
		return nil, fmt.Errorf("start replication to %s: %w", t.name, err)
	}
	// Litestream starts shipping at the next commit; a store that is not written to for a while
	// would have no replica until then. Take the first copy now.
	if err := db.SyncAndWait(ctx); err != nil {
		st.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("first copy to %s: %w", t.name, err)
	}
	rep := &Replicator{target: t, db: db, lsStore: st, mediaRoot: mediaRoot, statusPath: statusPath,
		log: log, done: make(chan struct{})}
	loopCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	rep.cancel = cancel
	go rep.loop(loopCtx)
	return rep, nil
}

// Close ships what is left (the last commits, new media files) and stops. Call it after the
// site's own store has closed.
func (r *Replicator) Close(ctx context.Context) error {
	r.cancel()
	<-r.done
	err := r.shipMedia(ctx)
	if cerr := r.lsStore.Close(ctx); cerr != nil && err == nil {
		err = cerr
	}
	r.writeStatus()
	return err
}

func (r *Replicator) loop(ctx context.Context) {
	defer close(r.done)
	t := time.NewTicker(observeEvery)
	defer t.Stop()
	for i := 0; ; i++ {
		r.observe()
		if i%shipMediaEvery == 0 {
			err := r.shipMedia(ctx)
			r.mu.Lock()
			r.lastErr = ""
			if err != nil && ctx.Err() == nil {
				r.lastErr = err.Error()
				r.log.Warn("replicate media", "err", err)
			}
			r.mu.Unlock()
			r.writeStatus()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// shipMedia copies media files the replica does not have yet. Media files never change once
// written (their names are their content's hash), so a name present is a file done.
func (r *Replicator) shipMedia(ctx context.Context) error {
	r.mu.Lock()
	if r.shipped == nil {
		r.mu.Unlock()
		have, err := r.target.media.List(ctx)
		if err != nil {
			return err
		}
		r.mu.Lock()
		r.shipped = have
	}
	r.mu.Unlock()
	local, err := listFolder(r.mediaRoot)
	if err != nil {
		return err
	}
	for name := range local {
		r.mu.Lock()
		done := r.shipped[name]
		r.mu.Unlock()
		if done {
			continue
		}
		if err := r.target.media.Put(ctx, name, filepath.Join(r.mediaRoot, filepath.FromSlash(name))); err != nil {
			return err
		}
		r.mu.Lock()
		r.shipped[name] = true
		r.mu.Unlock()
	}
	return nil
}

// observe notes the local and replicated positions for the lag.
func (r *Replicator) observe() {
	local, err := r.db.Pos()
	if err != nil {
		return
	}
	remote := r.db.Replica.Pos()
	r.mu.Lock()
	r.lag.observe(uint64(local.TXID), uint64(remote.TXID), time.Now())
	r.mu.Unlock()
}

// Status is what `gazette status` shows about replication.
type Status struct {
	Replica     string    `json:"replica"`
	UpdatedAt   time.Time `json:"updated_at"`
	LocalTXID   uint64    `json:"local_txid"`
	ReplicaTXID uint64    `json:"replica_txid"`
	// LagSeconds is how long the oldest commit not yet in the replica has waited; 0 when the
	// replica has everything Litestream has seen.
	LagSeconds float64 `json:"lag_seconds"`
	MediaFiles int     `json:"media_files"`
	LastError  string  `json:"last_error,omitempty"`
}

// Status reports the replica's position and lag now.
func (r *Replicator) Status() Status {
	r.observe()
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	return Status{Replica: r.target.name, UpdatedAt: now.UTC(), LocalTXID: r.lag.local, ReplicaTXID: r.lag.remote,
		LagSeconds: r.lag.lag(now).Seconds(), MediaFiles: len(r.shipped), LastError: r.lastErr}
}

func (r *Replicator) writeStatus() {
	if r.statusPath == "" {
		return
	}
	b, _ := json.MarshalIndent(r.Status(), "", "  ") // plain data always encodes
	tmp := r.statusPath + ".tmp"
	if err := os.WriteFile(tmp, b, 0o640); err == nil {
		os.Rename(tmp, r.statusPath)
	}
}

// ReadStatus reads the status a serving replicator last wrote.
func ReadStatus(statusPath string) (Status, error) {
	var s Status
	b, err := os.ReadFile(statusPath)
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("read %s: %w", statusPath, err)
	}
	return s, nil
}

// lagTracker remembers when each local position was first seen, until the replica has it.
type lagTracker struct {
	local, remote uint64
	pending       []seenAt // ascending txid
}

type seenAt struct {
	txid uint64
	at   time.Time
}

func (l *lagTracker) observe(local, remote uint64, now time.Time) {
	l.local, l.remote = local, remote
	if local > remote && (len(l.pending) == 0 || l.pending[len(l.pending)-1].txid < local) {
		l.pending = append(l.pending, seenAt{local, now})
	}
	for len(l.pending) > 0 && l.pending[0].txid <= remote {
		l.pending = l.pending[1:]
	}
}

func (l *lagTracker) lag(now time.Time) time.Duration {
	if len(l.pending) == 0 {
		return 0
	}
	return now.Sub(l.pending[0].at)
}
