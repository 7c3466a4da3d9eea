// Package handlers is Gazette's HTTP layer: routes, middleware, and one file per resource.
package handlers

import (
	"log/slog"
	"net/http"
	"net/netip"

	"gazette/data"
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
}

// New returns the site's whole HTTP handler.
func New(d Deps) http.Handler {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	return routes(d)
}
