// Package handlers is Gazette's HTTP layer: routes, middleware, and one file per resource.
package handlers

import (
	"log/slog"
	"net/http"
	"net/netip"

	"gazette/data"
	"gazette/metrics"
	"gazette/static"
)

// Deps are what the handlers need, passed in by cmd/gazette.
type Deps struct {
	Store  *data.Store
	Media  *data.MediaDir
	Assets *static.Assets
	Logger *slog.Logger
	// TrustedProxies are the reverse proxies and CDNs whose X-Forwarded-For names the reader;
	// rate limits and login throttling then count readers, not the proxy.
	TrustedProxies []netip.Prefix
	// Metrics records requests, caches, comments and writes; nil records nothing.
	Metrics *metrics.Metrics
	// SharedCache is what a cache in front (Varnish, a CDN) is told: keys and s-maxage.
	SharedCache SharedCache
	// Reads counts page views for the reading figures; nil counts nothing.
	Reads ReadCounter
}

// Server is the site's whole HTTP handler.
type Server struct {
	http.Handler
	log   *slog.Logger
	ready *readiness
}

// New returns the site's whole HTTP handler.
func New(d Deps) *Server {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	// Every line logged with a request's context names the request's id.
	d.Logger = slog.New(requestIDLogs{d.Logger.Handler()})
	if d.Metrics != nil {
		d.Store.Changes().Subscribe(func(cs data.ChangeSet) { d.Metrics.Invalidated(len(cs.Keys)) })
	}
	s := &Server{log: d.Logger, ready: &readiness{}}
	s.Handler = routes(d, s.ready)
	return s
}

// WarmUp reads what the first readers need (see readiness) and then lets /readyz answer 200.
func (s *Server) WarmUp() { s.ready.warmUp(s.log, s.Handler) }
