package handlers

import (
	"context"
	"log/slog"
	"net/http"

	"gazette/content"
	"gazette/data"
	"gazette/static"
	"gazette/views"
)

// site is the reader side's shared state: the store and what every page needs.
type site struct {
	store  *data.Store
	media  *data.MediaDir
	assets *static.Assets
	log    *slog.Logger
}

func newSite(d Deps) *site {
	return &site{store: d.Store, media: d.Media, assets: d.Assets, log: d.Logger}
}

// settings reads the site settings; a broken settings row must not take the site down, so the
// defaults stand in and the problem is logged.
func (s *site) settings(ctx context.Context) data.SiteSettings {
	set, err := s.store.SiteSettings(ctx)
	if err != nil {
		s.log.Error("site settings", "err", err)
		return data.DefaultSiteSettings()
	}
	return set
}

func (s *site) siteView(r *http.Request) views.Site {
	set := s.settings(r.Context())
	return views.Site{
		Title:       set.Title,
		Subtitle:    set.Subtitle,
		Description: set.Description,
		Lang:        set.DefaultLanguage,
		StyleURL:    s.assets.URL("style.css"),
		Year:        s.store.Now().Year(),
	}
}

// articleURL is the one URL builder for articles: the escaped permalink.
func articleURL(a *data.Article) string { return content.EscapePath(a.Permalink) }

// termURL is the one URL builder for term pages.
func termURL(lang, taxonomy, key string) string {
	return content.EscapePath("/" + taxonomy + "/" + key + "/")
}
