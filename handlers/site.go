package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"gazette/content"
	"gazette/data"
	"gazette/metrics"
	"gazette/static"
	"gazette/views"
)

// site is the reader side's shared state: the store and what every page needs.
type site struct {
	store  *data.Store
	media  *data.MediaDir
	assets *static.Assets
	log    *slog.Logger
	// metrics counts what readers do (comments stored); nil counts nothing.
	metrics *metrics.Metrics

	stateMu    sync.Mutex
	cur        *state
	hardGen    atomic.Uint64 // the generation of the last settings or menu change
	rebuilding chan struct{} // closed when the background rebuild in progress is done
}

func newSite(d Deps) *site {
	s := &site{store: d.Store, media: d.Media, assets: d.Assets, log: d.Logger, metrics: d.Metrics}
	d.Store.Changes().Subscribe(s.noteChanges)
	return s
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

// siteView is the chrome of a page in one language.
func (s *site) siteView(st *state, lang string) views.Site {
	set := st.settings
	if lang == "" {
		lang = set.DefaultLanguage
	}
	params := set.Params
	v := views.Site{
		Title:       set.Title,
		Subtitle:    set.Subtitle,
		Description: set.Description,
		Lang:        langTag(st, lang),
		StyleURL:    s.assets.URL("style.css"),
		Year:        s.store.Now().Year(),
		HomeURL:     st.langPrefix(lang) + "/",
		DateFormat:  paramString(params, "dateformat"),
		Menu:        st.menus[lang]["main"],
		FooterMenu:  st.menus[lang]["footer"],
		Copyright:   paramString(params, "copyright"),
		ThemeURL:    st.themeURL,
	}
	for _, l := range set.Languages {
		if l.Code == lang && l.Title != "" {
			v.Title = l.Title
		}
	}
	if t := paramString(params, "logo", "title"); t != "" {
		v.Title = t
	}
	if sub := paramString(params, "logo", "subtitle"); sub != "" {
		v.Subtitle = sub
	}
	v.LogoImage, v.LogoWidth, v.LogoHeight = st.logoImage, st.chrome.logoWidth, st.chrome.logoHeight
	if !st.chrome.ownFavicon {
		v.FaviconURL = s.assets.URL("favicon.svg")
	}
	if v.Copyright == "" {
		v.Copyright = v.Title
	}
	return v
}

// pageKind says which page a request shows, for the chrome and the sidebar: kind is Hugo's
// ("home", "single", "list"), article the page's own article on single pages, translations the
// URL of each language version of the page (the languages widget links them).
type pageKind struct {
	kind         string
	lang         string
	article      *data.Article
	translations map[string]string
}

// page builds the head and chrome of a page.
func (s *site) page(ctx context.Context, r *http.Request, st *state, pk pageKind) views.Page {
	p := views.Page{Site: s.siteView(st, pk.lang), Path: r.URL.Path}
	p.Sidebar = s.sidebar(ctx, st, pk)
	for _, w := range p.Sidebar.Widgets {
		if w.Kind == "search" {
			p.Scripts = append(p.Scripts, s.assets.URL("search-suggest.js"))
			break
		}
	}
	return p
}

// siteRelative turns a path from the configuration into a site URL: absolute URLs pass, others
// are rooted at the site.
func siteRelative(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "data:") {
		return p
	}
	return "/" + p
}

// articleURL is the one URL builder for articles: the escaped permalink.
func articleURL(a *data.Article) string { return content.EscapePath(a.Permalink) }

// termURL is the one URL builder for term pages; prefix is the language's ("" or "/es").
func termURL(prefix, taxonomy, key string) string {
	return content.EscapePath(prefix + "/" + taxonomy + "/" + key + "/")
}
