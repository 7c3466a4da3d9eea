package handlers

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The response cache keeps whole public responses in memory, as the compressor wrote them, so a
// popular page costs a map lookup instead of queries, a render and a gzip. Entries belong to a
// store generation: any committed write (from this process or another) and every scheduled
// publish or expiry instant starts a new generation, and the old entries are dropped.
const (
	sessionCookie     = "gazette_session" // an editor: pages may differ, so no cache either way
	cacheMaxEntrySize = 1 << 20
	cacheMaxBytes     = 64 << 20
	// cacheTTL bounds how long a page is kept when nothing changes: pages also depend on the
	// clock in small ways (an article's discussion closing after N days, the comment form's
	// signed time), and a quiet site should still render them afresh now and then.
	cacheTTL = 10 * time.Minute
)

type cachedResponse struct {
	status int
	header http.Header
	body   []byte
	stored time.Time
}

type responseCache struct {
	site *site

	mu    sync.Mutex
	gen   uint64
	size  int
	items map[string]*cachedResponse
}

// cacheResponses serves public GET and HEAD responses from memory. Requests with a query string
// or an editor's session cookie pass through untouched, and only responses marked public are
// kept.
func cacheResponses(s *site, next http.Handler) http.Handler {
	c := &responseCache{site: s, items: map[string]*cachedResponse{}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || r.URL.RawQuery != "" || hasSessionCookie(r) || hasReaderCookie(r) {
			next.ServeHTTP(w, r)
			return
		}
		gen, ok := s.generation(r.Context())
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		// The host is part of the key because a site without an absolute base URL builds its
		// absolute links (feeds, canonical, Open Graph) from the request's Host header.
		enc := acceptedEncoding(r)
		key := r.URL.EscapedPath() + "\x00" + enc + "\x00" + r.Host
		if e := c.get(gen, key); e != nil && s.store.Now().Sub(e.stored) < cacheTTL {
			e.serve(w, r)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK, head: r.Method == http.MethodHead}
		next.ServeHTTP(rec, r)
		if r.Method == http.MethodGet && rec.status == http.StatusOK && !rec.tooBig && rec.header != nil &&
			strings.HasPrefix(rec.header.Get("Cache-Control"), "public") && rec.header.Get("Set-Cookie") == "" &&
			rec.header.Get("Content-Encoding") == enc {
			c.put(gen, key, &cachedResponse{status: rec.status, header: rec.header, body: rec.buf.Bytes(), stored: s.store.Now()})
		}
	})
}

func hasSessionCookie(r *http.Request) bool {
	_, err := r.Cookie(sessionCookie)
	return err == nil
}

// acceptedEncoding is the part of Accept-Encoding the compressor acts on: "gzip" when the
// client takes gzip with a non-zero weight. A response stored under one key is only ever one
// the compressor wrote for that answer (see the Content-Encoding check on put).
func acceptedEncoding(r *http.Request) string {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		if q > 0 {
			return "gzip"
		}
	}
	return ""
}

func (c *responseCache) get(gen uint64, key string) *cachedResponse {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		c.items, c.size, c.gen = map[string]*cachedResponse{}, 0, gen
		return nil
	}
	return c.items[key]
}

func (c *responseCache) put(gen uint64, key string, e *cachedResponse) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return // the store changed while this page rendered
	}
	if c.size+len(e.body) > cacheMaxBytes {
		// Simple and bounded: start over rather than track recency.
		c.items, c.size = map[string]*cachedResponse{}, 0
	}
	if old, ok := c.items[key]; ok {
		c.size -= len(old.body)
	}
	c.items[key] = e
	c.size += len(e.body)
}

// serve writes a cached response, answering conditional requests with 304.
func (e *cachedResponse) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	if etag := e.header.Get("ETag"); etag != "" {
		modified, _ := http.ParseTime(e.header.Get("Last-Modified"))
		if notModified(r, etag, modified) {
			h.Del("Content-Length")
			h.Del("Content-Encoding")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(e.status)
	if r.Method != http.MethodHead {
		w.Write(e.body)
	}
}

// recorder passes a response through while keeping a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	header http.Header
	buf    bytes.Buffer
	tooBig bool
	head   bool
}

func (r *recorder) WriteHeader(code int) {
	if r.header == nil {
		r.status = code
		r.header = r.ResponseWriter.Header().Clone()
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.header == nil {
		r.WriteHeader(http.StatusOK)
	}
	if !r.tooBig {
		if r.buf.Len()+len(b) > cacheMaxEntrySize {
			r.tooBig = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
