package reader

import (
	"context"
	"strings"

	"gazette/content"
	"gazette/data"
	"gazette/views"
)

// Site is the chrome of a page in one language ("" is the default language).
func (st *State) Site(lang string) views.Site {
	set := st.Settings
	if lang == "" {
		lang = set.DefaultLanguage
	}
	params := set.Params
	assets := st.model.assets
	v := views.Site{
		Title:       set.Title,
		Subtitle:    set.Subtitle,
		Description: set.Description,
		Lang:        st.LangTag(lang),
		StyleURL:    assets.URL("style.css"),
		Year:        st.model.store.Now().Year(),
		HomeURL:     st.LangPrefix(lang) + "/",
		DateFormat:  ParamString(params, "dateformat"),
		Menu:        st.Menus[lang]["main"],
		FooterMenu:  st.Menus[lang]["footer"],
		Copyright:   ParamString(params, "copyright"),
		ThemeURL:    st.ThemeURL,
	}
	for _, l := range set.Languages {
		if l.Code == lang && l.Title != "" {
			v.Title = l.Title
		}
	}
	if t := ParamString(params, "logo", "title"); t != "" {
		v.Title = t
	}
	if sub := ParamString(params, "logo", "subtitle"); sub != "" {
		v.Subtitle = sub
	}
	v.LogoImage, v.LogoWidth, v.LogoHeight = st.LogoImage, st.Chrome.LogoWidth, st.Chrome.LogoHeight
	if !st.Chrome.OwnFavicon {
		v.FaviconURL = assets.URL("favicon.svg")
	}
	if v.Copyright == "" {
		v.Copyright = v.Title
	}
	return v
}

// PageKind says which page a request shows, for the chrome and the sidebar: Kind is Hugo's
// ("home", "single", "list"), Article the page's own article on single pages, Translations the
// URL of each language version of the page (the languages widget links them).
type PageKind struct {
	Kind         string
	Lang         string
	Article      *data.Article
	Translations map[string]string
}

// Page builds the head and chrome of the page at path.
func (st *State) Page(ctx context.Context, pk PageKind, path string) views.Page {
	p := views.Page{Site: st.Site(pk.Lang), Path: path}
	p.Sidebar = st.Sidebar(ctx, pk)
	for _, w := range p.Sidebar.Widgets {
		if w.Kind == string(WidgetSearch) {
			p.Scripts = append(p.Scripts, st.model.assets.URL("search-suggest.js"))
			break
		}
	}
	return p
}

// SiteRelative turns a path from the configuration into a site URL: absolute URLs pass, others
// are rooted at the site.
func SiteRelative(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "data:") {
		return p
	}
	return "/" + p
}

// ArticleURL is the one URL builder for articles: the escaped permalink.
func ArticleURL(a *data.Article) string { return content.EscapePath(a.Permalink) }

// TermURL is the one URL builder for term pages; prefix is the language's ("" or "/es").
func TermURL(prefix, taxonomy, key string) string {
	return content.EscapePath(prefix + "/" + taxonomy + "/" + key + "/")
}

// TitleOrPath is an article's title, or its permalink when it has none.
func TitleOrPath(a *data.Article) string {
	if a.Title != "" {
		return a.Title
	}
	return a.Permalink
}

// HasDotSegment reports whether a path has a "." or ".." segment: no page is ever there.
func HasDotSegment(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}
