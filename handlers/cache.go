package handlers

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"

	"gazette/data"
)

// The response cache keeps whole public responses in memory, already compressed in gzip and
// brotli, with every header written, so that a hit is a map lookup and one write: no query,
// no render, no compression. A miss keeps the identity body and a gzip body made again at the
// best level (compressGzip); brotli, ten times as costly to make as the render itself, is made
// in the background the
// first time a client asks for it, and that client and the next get gzip until it is ready.
//
// The rule (ARCHITECTURE.md, "Caching"): every response names what it shows in a
// Surrogate-Key header (the dependency keys of data/migrations/0010). A change to the store
// drops exactly the responses that carry one of its keys, before the writer's call returns,
// so no reader gets an edited article's old body after the save. Everything else a page shows
// about other articles (sidebar widgets, prev/next and related links, comment counts on list
// items) is soft: a change marks every kept response soft-stale, and a soft-stale response is
// still served, while one background render replaces it. So a publish re-renders its own
// lists at once and every other page on its next hit, without any reader waiting for it.
const (
	sessionCookie     = "gazette_session" // an editor: pages may differ, so no cache either way
	cacheMaxEntrySize = 1 << 20
	cacheMaxBytes     = 64 << 20
	// cacheTTL bounds how long a page is kept before it is re-rendered in the background when
	// nothing changes: pages also depend on the clock in small ways (a discussion closing after
	// N days, the comment form's signed time).
	cacheTTL = 10 * time.Minute
	// surrogateKey is the header a handler names its keys in; the cache reads it and removes
	// it unless a shared cache in front is to see it (SharedCache.KeysHeader).
	surrogateKey = "Surrogate-Key"
)

// Encodings a cached response is kept in.
const (
	encIdentity = iota
	encGzip
	encBrotli
	encCount
)

var encodingNames = [encCount]string{"", "gzip", "br"}

// cachedResponse is one page in every encoding, each with the headers it is sent with.
type cachedResponse struct {
	headers [encCount]http.Header
	bodies  [encCount][]byte // the brotli body is in brotli until it is made
	etags   [encCount]string
	brotli  atomic.Pointer[encodedBody]
	queued  atomic.Bool // waiting for its brotli body
	etag    string      // the identity ETag, as render computed it
	// modified is the Last-Modified time, for If-Modified-Since.
	modified time.Time
	base     http.Header // the headers every encoding shares
	keys     []string
	soft     uint64 // the soft version it was rendered at
	stored   time.Time
	size     int
}

type responseCache struct {
	next  http.Handler
	watch *data.ChangeWatcher
	now   func() time.Time
	// exposeKeys keeps the Surrogate-Key header on the wire for a shared cache in front.
	exposeKeys bool

	mu    sync.RWMutex
	items map[string]*cachedResponse
	byKey map[string]map[string]bool // dependency key → item keys
	size  int
	soft  uint64 // moves with every change
	// inval counts invalidations; recent remembers which keys moved at which count, so that a
	// render that began before a change is not kept after it.
	inval   uint64
	recent  map[string]uint64
	floor   uint64 // renders begun before this count are never kept (recent was emptied)
	flights map[string]*flight

	refreshing sync.Map      // item key → true while a background render runs
	refreshers chan struct{} // bounds background renders to one at a time
	// brotliQueue holds entries whose brotli body a client asked for; one goroutine makes them.
	brotliQueue chan *cachedResponse
}

// brotliQueueSize bounds the entries waiting for a brotli body: past it a request is served
// gzip and asks again next time.
const brotliQueueSize = 256

// encodedBody is a body made after the entry was kept, with its headers and ETag.
type encodedBody struct {
	header http.Header
	body   []byte
	etag   string
}

// flight is one render that concurrent misses of the same page wait for.
type flight struct {
	done chan struct{}
	e    *cachedResponse
}

// cacheResponses serves public GET and HEAD responses from memory. Requests with a query
// string or a session cookie (an editor's or a commenting reader's) pass through untouched,
// and only responses marked public are kept. With exposeKeys the Surrogate-Key header is sent.
func cacheResponses(store *data.Store, exposeKeys bool, next http.Handler) http.Handler {
	c := &responseCache{
		next: next, watch: store.Changes(), now: store.Now, exposeKeys: exposeKeys,
		items: map[string]*cachedResponse{}, byKey: map[string]map[string]bool{},
		recent: map[string]uint64{}, flights: map[string]*flight{},
		refreshers: make(chan struct{}, 1), brotliQueue: make(chan *cachedResponse, brotliQueueSize),
	}
	c.watch.Subscribe(c.invalidate)
	go c.makeBrotli()
	return c
}

// makeBrotli makes the brotli bodies clients asked for, one at a time, for as long as the
// process runs (the cache lives as long as the server).
func (c *responseCache) makeBrotli() {
	for e := range c.brotliQueue {
		if e.brotli.Load() != nil {
			continue
		}
		b := &encodedBody{body: compressBrotli(e.bodies[encIdentity])}
		b.header, b.etag = e.encodingHeader(encBrotli, len(b.body))
		e.brotli.Store(b)
	}
}

// askBrotli queues e for a brotli body unless the queue is full.
func (c *responseCache) askBrotli(e *cachedResponse) {
	if e.queued.CompareAndSwap(false, true) {
		select {
		case c.brotliQueue <- e:
		default:
			e.queued.Store(false)
		}
	}
}

func (c *responseCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if (r.Method != http.MethodGet && r.Method != http.MethodHead) || r.URL.RawQuery != "" ||
		(len(r.Header["Cookie"]) > 0 && (hasSessionCookie(r) || hasReaderCookie(r))) {
		c.next.ServeHTTP(w, r)
		return
	}
	now := c.now()
	if c.watch.Due(now) {
		// A scheduled article went live or expired: the caches hear of it before this answer.
		c.watch.Sync(r.Context())
	}
	// The host is part of the key because a site without an absolute base URL builds its
	// absolute links (feeds, canonical, Open Graph) from the request's Host header.
	// Built on the stack: a lookup by string(b) does not copy, so a hit allocates no key.
	var kb [256]byte
	kbytes := append(append(append(kb[:0], r.Host...), 0), r.URL.EscapedPath()...)
	c.mu.RLock()
	e, soft := c.items[string(kbytes)], c.soft
	c.mu.RUnlock()
	if e != nil && now.Sub(e.stored) < cacheTTL {
		if e.soft != soft {
			c.refreshLater(string(kbytes), r)
			c.serve(e, w, r, cacheStale)
			return
		}
		c.serve(e, w, r, cacheHit)
		return
	}
	if r.Method == http.MethodHead {
		c.next.ServeHTTP(w, r)
		return
	}
	// A miss: one render per page, however many readers ask for it at once.
	key := string(kbytes)
	c.mu.Lock()
	if f, ok := c.flights[key]; ok {
		c.mu.Unlock()
		select {
		case <-f.done:
		case <-r.Context().Done():
			return
		}
		if f.e != nil {
			c.serve(f.e, w, r, cacheHit)
			return
		}
		c.next.ServeHTTP(w, r)
		return
	}
	f := &flight{done: make(chan struct{})}
	c.flights[key] = f
	start, soft := c.inval, c.soft
	c.mu.Unlock()
	// The readers waiting for this render are let go once it is kept, or once it is known not
	// to be, before a byte goes to this reader: a reader who reads slowly (the server sets no
	// write timeout) holds up no one else.
	var landed sync.Once
	land := func() {
		landed.Do(func() {
			c.mu.Lock()
			delete(c.flights, key)
			c.mu.Unlock()
			close(f.done)
		})
	}
	defer land()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK, hold: true, keepKeys: c.exposeKeys, passing: land}
	c.next.ServeHTTP(rec, r)
	if !rec.held {
		return // passed through: not a page to keep
	}
	if e := c.keep(rec, now, soft); e != nil {
		// This reader asked before the change that stopped the entry from being kept, if any;
		// the readers waiting may have asked after it, so they get the page only if it is kept.
		if c.put(key, e, start) {
			f.e = e
		}
		land()
		clear(w.Header())
		c.serve(e, w, r, cacheMiss)
		return
	}
	rec.release()
}

// refreshLater renders a soft-stale page again in the background, one page at a time; a page
// whose refresh cannot start now is served as it is and tried again at its next hit.
func (c *responseCache) refreshLater(key string, r *http.Request) {
	if _, busy := c.refreshing.LoadOrStore(key, true); busy {
		return
	}
	select {
	case c.refreshers <- struct{}{}:
	default:
		c.refreshing.Delete(key)
		return
	}
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, r.URL.String(), nil)
	req.Host, req.RemoteAddr = r.Host, r.RemoteAddr
	go func() {
		defer func() {
			<-c.refreshers
			c.refreshing.Delete(key)
		}()
		c.mu.RLock()
		start, soft := c.inval, c.soft
		c.mu.RUnlock()
		rec := &recorder{status: http.StatusOK}
		c.next.ServeHTTP(rec, req)
		if e := c.keep(rec, c.now(), soft); e != nil {
			c.put(key, e, start)
		} else {
			c.drop(key) // no longer a public page: the next reader renders it
		}
	}()
}

// keep turns a recorded response into a cache entry, or nil when it must not be kept.
func (c *responseCache) keep(rec *recorder, now time.Time, soft uint64) *cachedResponse {
	h := rec.header
	if rec.tooBig || h == nil || !keepable(rec.status, h) {
		return nil
	}
	body := rec.buf.Bytes()
	switch h.Get("Content-Encoding") {
	case "":
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil
		}
		if body, err = io.ReadAll(zr); err != nil {
			return nil
		}
	default:
		return nil
	}
	e := &cachedResponse{etag: h.Get("ETag"), soft: soft, stored: now}
	e.modified, _ = http.ParseTime(h.Get("Last-Modified"))
	if k := h.Get(surrogateKey); k != "" {
		e.keys = strings.Fields(k)
	}
	gz := compressGzip(body)
	e.base = h.Clone()
	if !c.exposeKeys {
		e.base.Del(surrogateKey)
	}
	e.base.Del("Content-Encoding")
	e.base.Del("Content-Length")
	e.base.Del("Transfer-Encoding")
	e.base.Set("Vary", "Accept-Encoding")
	e.bodies = [encCount][]byte{body, gz, nil}
	_, e.etags[encBrotli] = e.encodingHeader(encBrotli, 0)
	for _, i := range []int{encIdentity, encGzip} {
		e.headers[i], e.etags[i] = e.encodingHeader(i, len(e.bodies[i]))
		e.size += len(e.bodies[i])
	}
	e.size += len(gz) // room for the brotli body to come
	return e
}

// encodingHeader is the header block and ETag of the entry's body in one encoding.
func (e *cachedResponse) encodingHeader(enc, length int) (http.Header, string) {
	h := e.base.Clone()
	if enc != encIdentity {
		h.Set("Content-Encoding", encodingNames[enc])
	}
	h["Content-Length"] = []string{strconv.Itoa(length)}
	etag := e.etag
	if etag != "" {
		// A strong ETag names one representation: each encoding has its own.
		if enc != encIdentity {
			etag = strings.TrimSuffix(e.etag, `"`) + "-" + encodingNames[enc] + `"`
		}
		h["Etag"] = []string{etag}
	}
	return h, etag
}

// compressGzip makes a kept page's gzip body at the best level, whatever the compressor
// middleware wrote while it rendered (its fastest level, for pages sent once): a kept page is
// compressed once and sent thousands of times. 150 µs for a 16 KB article, half its render,
// for 9 % fewer bytes than the fastest level to every reader (a hit's CPU is the same).
func compressGzip(b []byte) []byte {
	var buf bytes.Buffer
	zw := bestGzipWriters.Get().(*gzip.Writer)
	defer bestGzipWriters.Put(zw)
	zw.Reset(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// bestGzipWriters keep their compressor's tables between pages: making one at the best level
// costs more than compressing a page with it.
var bestGzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestCompression)
	return zw
}}

func compressBrotli(b []byte) []byte {
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, 6)
	bw.Write(b)
	bw.Close()
	return buf.Bytes()
}

// put keeps an entry unless one of its keys changed after its render began, and says whether
// it kept it.
func (c *responseCache) put(key string, e *cachedResponse, start uint64) bool {
	if e.size > 3*cacheMaxEntrySize {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if start < c.floor {
		return false
	}
	if c.inval != start {
		if c.recent["*"] > start || c.recent["menu"] > start {
			return false
		}
		for _, k := range e.keys {
			if c.recent[k] > start {
				return false
			}
		}
	}
	if c.size+e.size > cacheMaxBytes {
		c.evictLocked(c.size + e.size - cacheMaxBytes + cacheMaxBytes/10)
	}
	c.dropLocked(key)
	c.items[key] = e
	c.size += e.size
	for _, k := range e.keys {
		m := c.byKey[k]
		if m == nil {
			m = map[string]bool{}
			c.byKey[k] = m
		}
		m[key] = true
	}
	return true
}

// evictLocked frees at least n bytes, taking entries in Go's random map order: cheap, and
// unbiased enough for a cache that a change partly empties anyway.
func (c *responseCache) evictLocked(n int) {
	for key, e := range c.items {
		if n <= 0 {
			return
		}
		n -= e.size
		c.dropLocked(key)
	}
}

func (c *responseCache) drop(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(key)
}

func (c *responseCache) dropLocked(key string) {
	e, ok := c.items[key]
	if !ok {
		return
	}
	delete(c.items, key)
	c.size -= e.size
	for _, k := range e.keys {
		if m := c.byKey[k]; m != nil {
			delete(m, key)
			if len(m) == 0 {
				delete(c.byKey, k)
			}
		}
	}
}

// invalidate drops the responses that show what changed and marks the rest soft-stale.
func (c *responseCache) invalidate(cs data.ChangeSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.soft++
	c.inval++
	if len(c.recent) > 1<<14 {
		c.recent, c.floor = map[string]uint64{}, c.inval
	}
	for _, k := range cs.Keys {
		c.recent[k] = c.inval
		if k == "*" || k == "menu" { // settings and menus are on every page
			c.items, c.byKey, c.size = map[string]*cachedResponse{}, map[string]map[string]bool{}, 0
			continue
		}
		for key := range c.byKey[k] {
			c.dropLocked(key)
		}
	}
}

// serve writes a cached response in the encoding the client takes best, answering
// conditional requests with 304. how is what the cache did, told to observeRequests, which
// says it in X-Cache: a hit, a stale copy (served while a background render replaces it) or a
// miss (rendered for this request).
func (c *responseCache) serve(e *cachedResponse, w http.ResponseWriter, r *http.Request, how cacheOutcome) {
	enc := preferredEncoding(firstHeader(r.Header, "Accept-Encoding"))
	header, body := e.headers[encGzip], e.bodies[encGzip]
	if enc == encBrotli {
		if b := e.brotli.Load(); b != nil {
			header, body = b.header, b.body
		} else {
			c.askBrotli(e)
		}
	} else if enc == encIdentity {
		header, body = e.headers[encIdentity], e.bodies[encIdentity]
	}
	tellCacheOutcome(w, how)
	h := w.Header()
	for k, v := range header {
		h[k] = v
	}
	if e.etag != "" && e.notModified(r) {
		h.Del("Content-Length")
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// notModified applies notModified's rules with any of the entry's ETags: they all name the
// same page.
func (e *cachedResponse) notModified(r *http.Request) bool {
	inm := firstHeader(r.Header, "If-None-Match")
	if inm == "" {
		return firstHeader(r.Header, "If-Modified-Since") != "" && notModified(r, e.etag, e.modified)
	}
	// The brotli ETag counts before this entry's brotli body is made: a page rendered again
	// (after a change elsewhere) has the same ETags while its bytes are the same.
	for _, t := range e.etags {
		if notModified(r, t, e.modified) {
			return true
		}
	}
	return false
}

// firstHeader is h.Get(key) for a key already in canonical form: a hit reads a few request
// headers, and Get checks and canonicalizes its key on every call.
func firstHeader(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// preferredEncoding picks brotli, then gzip, from an Accept-Encoding header, honouring q=0.
func preferredEncoding(header string) int {
	if header == "" {
		return encIdentity
	}
	best := encIdentity
	for header != "" {
		var part string
		part, header, _ = strings.Cut(header, ",")
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.TrimSpace(name)
		var enc int
		switch {
		case strings.EqualFold(name, "br"):
			enc = encBrotli
		case strings.EqualFold(name, "gzip"):
			enc = encGzip
		default:
			continue
		}
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && f <= 0 {
				continue
			}
		}
		best = max(best, enc)
	}
	return best
}

// setKeys names the dependency keys of the response about to be written.
func setKeys(w http.ResponseWriter, keys ...string) {
	w.Header().Set(surrogateKey, strings.Join(keys, " "))
}

func hasSessionCookie(r *http.Request) bool {
	_, err := r.Cookie(sessionCookie)
	return err == nil
}

// recorder keeps a copy of a response. With hold set, a response that may be kept (200,
// public, no cookie) is held back so the reader gets it from the new cache entry, with the
// same headers every later hit has; anything else, or a body past the entry size, passes
// through to the client as it is written.
type recorder struct {
	http.ResponseWriter // nil for a background render
	status              int
	header              http.Header
	own                 http.Header // the headers of a background render
	buf                 bytes.Buffer
	tooBig              bool
	hold                bool
	held                bool   // the status and body are still in the recorder, not sent
	keepKeys            bool   // send the Surrogate-Key header on (a shared cache reads it)
	passing             func() // called before a response that will not be kept goes out
}

// pass tells the recorder's owner that the response goes to the client as it is.
func (r *recorder) pass() {
	if r.passing != nil {
		r.passing()
	}
}

// keepable is what a response must look like to be kept.
func keepable(status int, h http.Header) bool {
	return status == http.StatusOK && strings.HasPrefix(h.Get("Cache-Control"), "public") && h.Get("Set-Cookie") == ""
}

// release sends a held response as it was recorded.
func (r *recorder) release() {
	if !r.held {
		return
	}
	r.held = false
	r.pass()
	r.ResponseWriter.WriteHeader(r.status)
	r.ResponseWriter.Write(r.buf.Bytes())
}

func (r *recorder) Header() http.Header {
	if r.ResponseWriter != nil {
		return r.ResponseWriter.Header()
	}
	if r.own == nil {
		r.own = http.Header{}
	}
	return r.own
}

func (r *recorder) WriteHeader(code int) {
	if r.header != nil {
		return
	}
	r.status = code
	r.header = r.Header().Clone()
	if r.ResponseWriter == nil {
		return
	}
	// The keys are for this cache, and for a shared cache in front when it asked for them.
	if !r.keepKeys {
		r.ResponseWriter.Header().Del(surrogateKey)
	}
	if r.hold && keepable(code, r.header) {
		r.held = true
		return
	}
	r.pass()
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.header == nil {
		r.WriteHeader(http.StatusOK)
	}
	if !r.tooBig {
		if r.buf.Len()+len(b) > cacheMaxEntrySize {
			r.tooBig = true
			r.release() // too big to keep: what was held goes out first
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	if r.ResponseWriter == nil || r.held {
		return len(b), nil
	}
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Flush() {
	if r.held {
		return
	}
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
