package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"gazette/data"
	"gazette/metrics"
)

// handleHealth answers 200 when the store answers a query, 503 otherwise: is the process alive.
func handleHealth(store *data.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cacheNone.set(w.Header())
		if err := store.Ping(r.Context()); err != nil {
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	})
}

// readinessCheck says, in plain words for an operator, why the site should not take traffic
// now, or "" when it may. /readyz runs every check it is given, so a new condition (a warm-up,
// a migration in progress) is one more function.
type readinessCheck func(ctx context.Context) string

// handleReady answers 200 "ready" when every check passes, else 503 with one reason a line.
func handleReady(checks ...readinessCheck) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cacheNone.set(w.Header())
		var problems []string
		for _, check := range checks {
			if p := check(r.Context()); p != "" {
				problems = append(problems, p)
			}
		}
		if len(problems) > 0 {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Retry-After", "30")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("not ready: " + strings.Join(problems, "\n") + "\n"))
			return
		}
		w.Write([]byte("ready\n"))
	})
}

// storageWritable checks that the database commits and the media folder takes a file. It writes
// for real (see Store.CheckWritable), so a good answer is reused for a second: a flood of
// /readyz costs at most one tiny commit a second. A bad answer is not reused, so recovery shows
// at the next probe (a failing write costs no disk work).
func storageWritable(store *data.Store, media *data.MediaDir, log *slog.Logger, m *metrics.Metrics) readinessCheck {
	var mu sync.Mutex
	var checkedAt time.Time // of the last good answer
	return func(ctx context.Context) string {
		mu.Lock()
		defer mu.Unlock()
		if !checkedAt.IsZero() && time.Since(checkedAt) < time.Second {
			return ""
		}
		last := ""
		probes := []struct {
			what  string
			check func() error
		}{
			{"database", func() error {
				start := time.Now()
				err := store.CheckWritable(ctx)
				if err == nil {
					m.StoreWrite(time.Since(start))
				}
				return err
			}},
			{"media folder", func() error {
				if media == nil {
					return nil
				}
				return media.CheckWritable()
			}},
		}
		for _, p := range probes {
			err := p.check()
			if err == nil {
				continue
			}
			log.Warn("storage cannot be written", "what", p.what, "err", err)
			reason := data.StorageFault(err)
			if reason == "" {
				reason = "a write failed (see the log)"
			}
			last = p.what + " cannot be written: " + reason
			break
		}
		checkedAt = time.Time{}
		if last == "" {
			checkedAt = time.Now()
		}
		return last
	}
}
