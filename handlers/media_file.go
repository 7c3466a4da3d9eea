package handlers

import (
	"mime"
	"net/http"
	"os"
	"path"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/editing"
)

// serveStoredFile is the one way a file from the media folder reaches a browser: looked up by
// its stored (content-hash) name, never a path a user chose, and sandboxed so that even an
// HTML or SVG file from an imported bundle cannot run script in the site's origin.
func serveStoredFile(w http.ResponseWriter, r *http.Request, media *data.MediaDir, stored, contentType string, cache cachePolicy) error {
	p, err := media.Path(stored)
	if err != nil {
		return data.ErrNotFound
	}
	f, err := os.Open(p)
	if err != nil {
		return data.ErrNotFound
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.IsDir() {
		return data.ErrNotFound
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	cache.set(h)
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	http.ServeContent(w, r, "", info.ModTime(), f)
	return nil
}

// handleMediaFile serves an uploaded image or variant. Names are content hashes, so the
// response may be kept forever; only image types are served, in a sandbox.
func handleMediaFile(media *data.MediaDir, serveError func(http.ResponseWriter, *http.Request, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stored := mux.Vars(r)["dir"] + "/" + mux.Vars(r)["file"]
		ctype := mime.TypeByExtension(path.Ext(stored))
		if !editing.IsImageType(ctype) {
			serveError(w, r, data.ErrNotFound)
			return
		}
		// Names are content hashes: a name's bytes never change, so it may be kept forever.
		if err := serveStoredFile(w, r, media, stored, ctype, cacheImmutable); err != nil {
			serveError(w, r, err)
		}
	})
}
