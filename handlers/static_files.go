package handlers

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"time"

	"github.com/gorilla/mux"

	"gazette/static"
)

// handleStatic serves embedded assets under their hashed names, cacheable forever.
func handleStatic(assets *static.Assets) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, name, ok := assets.Open(mux.Vars(r)["file"])
		if !ok {
			http.NotFound(w, r)
			return
		}
		cacheImmutable.set(w.Header())
		if t := mime.TypeByExtension(path.Ext(name)); t != "" {
			w.Header().Set("Content-Type", t)
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	})
}
