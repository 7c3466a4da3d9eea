package handlers

import (
	"net/http"

	"gazette/data"
)

// handleHealth answers 200 when the store answers a query, 503 otherwise.
func handleHealth(store *data.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", string(cacheNone))
		if err := store.Ping(r.Context()); err != nil {
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	})
}
