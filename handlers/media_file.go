package handlers

import (
	"net/http"
	"os"

	"gazette/data"
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
