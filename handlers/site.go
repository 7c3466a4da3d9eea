package handlers

import (
	"context"
	"log/slog"
	"net/http"

	"gazette/data"
	"gazette/reader"
	"gazette/static"
	"gazette/views"
)

// site is what the reader pages' handlers share: the store, the reader model (reader/) and
// the logger.
type site struct {
	store  *data.Store
	media  *data.MediaDir
	assets *static.Assets
	log    *slog.Logger
	model  *reader.Model
}

func newSite(d Deps) *site {
	return &site{store: d.Store, media: d.Media, assets: d.Assets, log: d.Logger,
		model: reader.New(d.Store, d.Media, d.Assets, d.Logger)}
}

// settings reads the site settings (the defaults when the row is broken; see reader.Model).
func (s *site) settings(ctx context.Context) data.SiteSettings { return s.model.Settings(ctx) }

// page builds the head and chrome of the page a request shows.
func (s *site) page(ctx context.Context, r *http.Request, st *reader.State, pk reader.PageKind) views.Page {
	return st.Page(ctx, pk, r.URL.Path)
}
