package handlers

import (
	"context"
	"net/http"
	"strings"

	"gazette/data"
)

// refuseWritesOnStandby answers every write (any method but GET and HEAD: desk saves, comment
// posts, logins) and every desk page with the 503 "read-only standby" page when the store is
// a warm standby's copy: nothing reaches a handler that would try to write and fail halfway.
// Readers' pages, feeds and search go through as usual.
func refuseWritesOnStandby(store *data.Store, pub *site, next http.Handler) http.Handler {
	if !store.ReadOnly() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reading := r.Method == http.MethodGet || r.Method == http.MethodHead
		if reading && r.URL.Path != "/admin" && !strings.HasPrefix(r.URL.Path, "/admin/") {
			next.ServeHTTP(w, r)
			return
		}
		pub.serveError(w, r, data.ErrStandby)
	})
}

// writableUnlessStandby is /readyz's storage check: a standby's copy is never writable and is
// ready all the same (it serves readers), so its check is that the store answers.
func writableUnlessStandby(d Deps) readinessCheck {
	if !d.Store.ReadOnly() {
		return storageWritable(d.Store, d.Media, d.Logger, d.Metrics)
	}
	return func(ctx context.Context) string {
		if err := d.Store.Ping(ctx); err != nil {
			return "the standby's store does not answer: " + err.Error()
		}
		return ""
	}
}
