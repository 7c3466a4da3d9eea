package handlers

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/a-h/templ"
	"github.com/cespare/xxhash/v2"
)

// render writes a component only once it rendered whole, so a failure never sends half a
// page. Public pages get an ETag and Last-Modified and answer conditional requests with 304.
func render(w http.ResponseWriter, r *http.Request, status int, c templ.Component, cache cachePolicy, modified time.Time) error {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(buf)
	if err := c.Render(r.Context(), buf); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Declared HTML with its charset is never sniffed, and a page that begins with its doctype
	// cannot run as a same-origin script either (securityHeaders).
	h.Del(noSniffHeader)
	cache.set(h)
	if strings.HasPrefix(string(cache), "public") && status == http.StatusOK {
		etag := contentETag(buf.Bytes())
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
		w.Write(buf.Bytes()) // every writer below copies (the cache's recorder, the compressor)
	}
	return nil
}

// renderBuffers hold pages while they render: a page grows its buffer to about 16 KB through
// ten copies when it starts empty, which cost more than an uncached page's queries.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putRenderBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return // one huge page must not pin its buffer for good
	}
	b.Reset()
	renderBuffers.Put(b)
}

// contentETag is a strong ETag over a body's bytes. It only has to tell one version of a page
// from the next, not resist an attacker (a client can only fool itself), so a 64-bit xxhash
// does it at a tenth of SHA-256's cost.
func contentETag(body []byte) string {
	var sum [8]byte
	binary.BigEndian.PutUint64(sum[:], xxhash.Sum64(body))
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:]) + `"`
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
