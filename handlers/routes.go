package handlers

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"
)

// routes is the one list of Gazette's routes and the middleware around them.
func routes(d Deps, ready *readiness) http.Handler {
	r := mux.NewRouter()
	// Paths are looked up exactly as requested; cleaning them would turn "/a/../b" into a
	// redirect instead of the 404 it deserves.
	r.SkipClean(true)
	r.Handle("/healthz", handleHealth(d.Store)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/readyz", handleReady(ready.check, writableUnlessStandby(d))).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/static/{file:.+}", handleStatic(d.Assets)).Methods(http.MethodGet, http.MethodHead)
	// One site for every handler: one settings reader, one widget state per store generation.
	pub := newSite(d)
	// The editor desk under /admin/ (its routes are listed in admin_routes.go) and uploads.
	deskRoutes(pathsUnder(r, "/admin", "/media/"), d, pub)
	// Search, feeds, sitemaps, robots.txt, OpenSearch (discovery_routes.go): fixed paths first.
	discoveryRoutes(r, pub)
	// Readers' comments: posting, their own edits, comment feeds (comments.go).
	commentRoutes(pathsUnder(r, "/comments/"), d, pub)
	// Everything else is a public page found through the path index.
	r.PathPrefix("/").Handler(handlePublicPath(pub)).Methods(http.MethodGet, http.MethodHead)
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	})
	var h http.Handler = r
	// A warm standby's copy serves readers only (standby.go).
	h = refuseWritesOnStandby(d.Store, pub, h)
	h = compress(h)
	// A logged-in editor's pages are never kept by any cache, so a fix shows at once.
	h = noStoreForEditors(h)
	h = securityHeaders(h)
	h = strictTransport(pub, h)
	h = readerAddress(d.TrustedProxies, h)
	// Keys and s-maxage for a shared cache in front, kept with the page by the cache below.
	h = exposeToSharedCache(d.SharedCache, h)
	h = requestContext(h)
	// Outermost but for panics and the request id, metrics and log: a cached page costs a map
	// lookup and one write, with the headers above already in it.
	h = cacheResponses(d.Store, strings.EqualFold(d.SharedCache.KeysHeader, surrogateKey), h)
	// Reading figures count every reader's view, a cached one too (read_count.go).
	h = countReads(d.Reads, h)
	h = observeRequests(d.Logger, d.Metrics, h)
	h = recoverPanics(d.Logger, h)
	return h
}

// pathsUnder is a router for routes whose full paths begin with one of prefixes: a reader's
// page is tried against those prefixes instead of every desk and comment route's pattern
// (gorilla/mux matches routes in order, one regular expression each). Routes keep their full
// paths; one outside the prefixes would never match.
func pathsUnder(r *mux.Router, prefixes ...string) *mux.Router {
	return r.MatcherFunc(func(req *http.Request, _ *mux.RouteMatch) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(req.URL.Path, p) {
				return true
			}
		}
		return false
	}).Subrouter()
}
