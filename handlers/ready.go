package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"
)

// readiness says whether the reader side is warm: the settings, menus and widget lists, and
// the kept lists and counts the front page needs (data's memo), read once before a load
// balancer sends the first reader. At 100,000 articles that first read takes seconds; after
// it, the first page costs what any later one does.
type readiness struct {
	warm atomic.Bool
}

// warmUp renders the pages every reader meets first, bypassing the response cache (their
// cached copies depend on the reader's Host), and then reports ready.
func (rd *readiness) warmUp(log *slog.Logger, h http.Handler) {
	start := time.Now()
	// A search builds the search gate (data/search_gate.go: ~0.5 s CPU at 100,000 articles).
	for _, p := range []string{"/?warm-up", "/index.xml?warm-up", "/search?q=warm-up"} {
		req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, p, nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			log.Warn("warm-up", "path", p, "status", w.Code)
		}
	}
	rd.warm.Store(true)
	log.Info("ready", "warm-up", time.Since(start).Round(time.Millisecond))
}

// check is the warm-up's readiness condition for /readyz (see handleReady).
func (rd *readiness) check(context.Context) string {
	if !rd.warm.Load() {
		return "warming up: reading what the first pages need"
	}
	return ""
}
