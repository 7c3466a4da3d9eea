package handlers

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/a-h/templ"
)

// cachePolicy says who may keep a response and for how long.
type cachePolicy string

const (
	// cachePublic lets browsers and shared caches keep a page briefly, then revalidate with
	// the ETag; an edit shows within a minute even behind a CDN.
	cachePublic cachePolicy = "public, max-age=60, stale-while-revalidate=30"
	// cacheNone is for anything personal or secret.
	cacheNone cachePolicy = "no-store"
)

// render writes a component only once it rendered whole, so a failure never sends half a
// page. Public pages get an ETag and Last-Modified and answer conditional requests with 304.
func render(w http.ResponseWriter, r *http.Request, status int, c templ.Component, cache cachePolicy, modified time.Time) error {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", string(cache))
	if strings.HasPrefix(string(cache), "public") && status == http.StatusOK {
		sum := sha256.Sum256(buf.Bytes())
		etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
		h.Set("ETag", etag)
		if !modified.IsZero() {
			h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
		}
		if notModified(r, etag, modified) {
			w.WriteHeader(http.StatusNotModified)
			return nil
		}
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
	return nil
}

// notModified applies the conditional-request rules: If-None-Match wins over If-Modified-Since.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == etag || t == "*" {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		if t, err := http.ParseTime(ims); err == nil && !modified.Truncate(time.Second).After(t) {
			return true
		}
	}
	return false
}
