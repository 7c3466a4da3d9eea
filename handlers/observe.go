package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"gazette/metrics"
)

// requestIDHeader carries each request's id to the client (and from a proxy in front, which
// may name the request first so that its logs and Gazette's agree).
const requestIDHeader = "X-Request-Id"

type requestIDKey struct{}

// requestID is the id observeRequests gave the request, or "".
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// observeRequests gives every request an id (requestContext adds it to every log line written
// with the request's context), counts it by route kind and status, and logs it at debug level.
// It sits outside the response cache, so hits are counted too, and sets its headers only when
// the status is written, so no kept page carries another request's id.
//
// Its headers say what happened when that names something. X-Request-Id goes back with a
// response that was rendered (its log lines carry the id), a request a proxy named, or any
// request while debug logging records each one. X-Cache says MISS or STALE when the cache did
// not answer from a fresh copy, and HIT only while debug logging is on. A plain hit has no log
// line to find and is the cache's usual answer, so it goes without both: on the hottest path a
// header costs as much as anything else the hit does, and a ninth one moves Go's header map
// out of its single group (issue 9: BenchmarkCacheHit went from 2.9 to 1.8 µs with three
// headers fewer; about 3 µs of CPU per hit on the wire).
func observeRequests(log *slog.Logger, m *metrics.Metrics, next http.Handler) http.Handler {
	ids := newRequestIDs()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		debug := log.Enabled(r.Context(), slog.LevelDebug)
		ow := &observedWriter{ResponseWriter: w, ids: ids, status: http.StatusOK, debug: debug, alwaysID: debug}
		if id := r.Header.Get(requestIDHeader); validRequestID(id) {
			ow.id, ow.alwaysID = id, true
		}
		next.ServeHTTP(ow, r)
		if !ow.wrote {
			ow.writeID()
		}
		kind := routeKind(r.URL.Path)
		took := time.Since(start)
		if m != nil {
			m.Request(kind, ow.status, took)
			if kind == "page" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
				m.CacheResult(ow.cache.String())
			}
		}
		// Checked first: building the record's values costs more than a cache hit's lookup.
		if debug {
			log.LogAttrs(r.Context(), slog.LevelDebug, "request", slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.Int("status", ow.status), slog.String("cache", ow.cache.String()),
				slog.Duration("took", took), slog.String("request_id", ow.requestID()))
		}
	})
}

// cacheOutcome is what the response cache did with a request: observeRequests counts it and
// says it in X-Cache, as Varnish and CDNs do.
type cacheOutcome uint8

const (
	cacheBypass cacheOutcome = iota // not the cache's to answer: a query string, a session, a POST
	cacheHit
	cacheStale // served while a background render replaces it
	cacheMiss  // rendered for this request
)

var (
	cacheOutcomeNames = [...]string{"bypass", "hit", "stale", "miss"}
	// The X-Cache values, allocated once: writing one allocates nothing.
	cacheOutcomeHeaders = [...][]string{nil, {"HIT"}, {"STALE"}, {"MISS"}}
)

func (c cacheOutcome) String() string { return cacheOutcomeNames[c] }

// tellCacheOutcome tells the observedWriter under w what the cache did with its request.
func tellCacheOutcome(w http.ResponseWriter, how cacheOutcome) {
	if o := observedUnder(w); o != nil {
		o.cache = how
	}
}

// requestContext puts the id observeRequests gave a request into the request's context, for
// the log lines of the handlers that run. It sits inside the response cache, so a hit never
// pays for the copy of the request a new context takes.
func requestContext(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if id := writerRequestID(w); id != "" {
			r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
		}
		next.ServeHTTP(w, r)
	})
}

// writerRequestID returns the request id of the observedWriter under w, or "" when there is
// none.
func writerRequestID(w http.ResponseWriter) string {
	if o := observedUnder(w); o != nil {
		return o.requestID()
	}
	return ""
}

// observedUnder finds the observedWriter under w's wrappers (the response cache's recorder,
// the compressor), or nil when there is none.
func observedUnder(w http.ResponseWriter) *observedWriter {
	for w != nil {
		switch x := w.(type) {
		case *observedWriter:
			return x
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return nil
		}
	}
	return nil
}

type observedWriter struct {
	http.ResponseWriter
	ids      *requestIDs
	id       string // "" until requestID makes one
	alwaysID bool   // send the id even on a cache hit
	debug    bool   // debug logging is on: say every cache outcome
	status   int
	cache    cacheOutcome
	wrote    bool
}

// requestID is the request's id, made on first use.
func (o *observedWriter) requestID() string {
	if o.id == "" {
		o.id = o.ids.next()
	}
	return o.id
}

func (o *observedWriter) writeID() {
	o.wrote = true
	// Canonical keys written as they are: Set would canonicalize them on every request, a
	// cache hit's among them.
	h := o.Header()
	if o.cache == cacheStale || o.cache == cacheMiss || (o.cache == cacheHit && o.debug) {
		h["X-Cache"] = cacheOutcomeHeaders[o.cache]
	}
	if o.alwaysID || (o.cache != cacheHit && o.cache != cacheStale) {
		h[requestIDHeader] = []string{o.requestID()}
	}
}

func (o *observedWriter) WriteHeader(code int) {
	if !o.wrote {
		o.writeID()
		o.status = code
	}
	o.ResponseWriter.WriteHeader(code)
}

func (o *observedWriter) Write(b []byte) (int, error) {
	if !o.wrote {
		o.WriteHeader(http.StatusOK)
	}
	return o.ResponseWriter.Write(b)
}

func (o *observedWriter) Flush() {
	if f, ok := o.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (o *observedWriter) Unwrap() http.ResponseWriter { return o.ResponseWriter }

// routeKind names the family of a path for metrics: a handful of values, never the path.
func routeKind(p string) string {
	switch {
	case strings.HasPrefix(p, "/static/"):
		return "static"
	case strings.HasPrefix(p, "/admin"):
		return "desk"
	case strings.HasPrefix(p, "/media/"):
		return "media"
	case strings.HasPrefix(p, "/comments/"):
		return "comments"
	case p == "/search" || strings.HasPrefix(p, "/search/"):
		return "search"
	case p == "/healthz" || p == "/readyz":
		return "health"
	case strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, "/feed.json"):
		return "feed"
	}
	return "page"
}

// validRequestID accepts an id a proxy sent when it is short and plain.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// requestIDs makes request ids: a random prefix per process (so two servers' ids differ) and
// a counter, which costs far less than reading random bytes for every request.
type requestIDs struct {
	prefix string
	n      atomic.Uint64
}

func newRequestIDs() *requestIDs {
	var b [6]byte
	rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	return &requestIDs{prefix: hex.EncodeToString(b[:]) + "-"}
}

func (g *requestIDs) next() string {
	return g.prefix + strconv.FormatUint(g.n.Add(1), 36)
}

// requestIDLogs adds the request id to every record logged with a request's context.
type requestIDLogs struct{ slog.Handler }

func (h requestIDLogs) Handle(ctx context.Context, rec slog.Record) error {
	if id := requestID(ctx); id != "" {
		rec.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, rec)
}

func (h requestIDLogs) WithAttrs(a []slog.Attr) slog.Handler {
	return requestIDLogs{h.Handler.WithAttrs(a)}
}

func (h requestIDLogs) WithGroup(name string) slog.Handler {
	return requestIDLogs{h.Handler.WithGroup(name)}
}
