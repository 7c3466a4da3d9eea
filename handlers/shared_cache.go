package handlers

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SharedCache is how Gazette speaks to a shared cache in front of it (Varnish, a CDN): which
// header carries each public page's dependency keys, and how long the cache may keep a page
// it will be told to purge. The zero value keeps the keys inside and sends browsers' and
// shared caches one policy.
type SharedCache struct {
	// KeysHeader names the response header that carries the keys: "Surrogate-Key" (the
	// kit's Varnish VCL, Fastly), "xkey" (Varnish's xkey vmod without the VCL's copy) or
	// "Cache-Tag" (Cloudflare, comma-separated). "" sends none.
	KeysHeader string
	// MaxAge is the s-maxage of a page that names its keys, so a cache that is purged on
	// every change may keep it long; 0 sends no s-maxage. Set it only when --purge-url
	// reaches every shared cache: one that is not purged keeps old pages this long.
	MaxAge time.Duration
	// StaleIfError is how long a shared cache may serve a page when Gazette is down or fails.
	StaleIfError time.Duration
}

// allPagesKey is added to every exposed page's keys: a change that touches every page
// (settings, menus) is then one purge of this key (purge.AllKey).
const allPagesKey = "all"

// policies are the shared-cache forms of cachePublic and cacheRevalidate.
func (sc SharedCache) policies() (public, revalidate cachePolicy) {
	shared := ", s-maxage=" + strconv.Itoa(int(sc.MaxAge.Seconds()))
	if sc.StaleIfError > 0 {
		shared += ", stale-if-error=" + strconv.Itoa(int(sc.StaleIfError.Seconds()))
	}
	// The browser keeps cachePublic's minute; the shared cache keeps the page until a purge
	// (or MaxAge) and may serve it 30 s stale while it fetches a new one.
	public = cachePolicy("public, max-age=60" + shared + ", stale-while-revalidate=30")
	// A page with a discussion: browsers ask every time (a comment must show at once); the
	// shared cache is purged when one is approved, so it may keep the page.
	revalidate = cachePolicy("public, max-age=0" + shared)
	return public, revalidate
}

// exposeToSharedCache rewrites the headers of public pages that name their keys for the
// shared cache in front. It sits inside the response cache, so what it writes is kept and
// served with every hit.
func exposeToSharedCache(sc SharedCache, next http.Handler) http.Handler {
	if sc.KeysHeader == "" && sc.MaxAge <= 0 {
		return next
	}
	public, revalidate := sc.policies()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&sharedCacheWriter{ResponseWriter: w, sc: sc, public: public, revalidate: revalidate}, r)
	})
}

type sharedCacheWriter struct {
	http.ResponseWriter
	sc                 SharedCache
	public, revalidate cachePolicy
	done               bool
}

func (s *sharedCacheWriter) WriteHeader(code int) {
	if !s.done {
		s.done = true
		s.rewrite()
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *sharedCacheWriter) Write(b []byte) (int, error) {
	if !s.done {
		s.WriteHeader(http.StatusOK)
	}
	return s.ResponseWriter.Write(b)
}

func (s *sharedCacheWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (s *sharedCacheWriter) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// rewrite applies the shared-cache policy to a page that names its keys: only such a page
// can be purged, so only it may be kept past the browser's minute.
func (s *sharedCacheWriter) rewrite() {
	h := s.Header()
	keys := h.Get(surrogateKey)
	cc := h.Get("Cache-Control")
	if keys == "" || h.Get("Set-Cookie") != "" || !strings.HasPrefix(cc, "public") {
		return
	}
	if s.sc.MaxAge > 0 {
		switch cachePolicy(cc) {
		case cachePublic:
			s.public.set(h)
		case cacheRevalidate:
			s.revalidate.set(h)
		}
	}
	if s.sc.KeysHeader == "" {
		return
	}
	all := keys + " " + allPagesKey
	if strings.EqualFold(s.sc.KeysHeader, "Cache-Tag") {
		all = strings.ReplaceAll(all, " ", ",")
	}
	h.Set(s.sc.KeysHeader, all)
}
