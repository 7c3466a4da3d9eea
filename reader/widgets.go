package reader

import (
	"context"
	"slices"
	"strings"

	"github.com/a-h/templ"

	"gazette/content"
	"gazette/data"
	"gazette/views"
)

// WidgetKind is the name of a sidebar widget as Hugo's params and front matter write it.
type WidgetKind string

// The widgets Gazette knows (Mainroad's, and Gazette's own); widgetKinds holds what each does.
const (
	WidgetSearch     WidgetKind = "search"
	WidgetRecent     WidgetKind = "recent"
	WidgetCategories WidgetKind = "categories"
	WidgetTaglist    WidgetKind = "taglist"
	WidgetSocial     WidgetKind = "social"
	WidgetLanguages  WidgetKind = "languages"
	WidgetSidemenu   WidgetKind = "sidemenu"
	WidgetArchive    WidgetKind = "archive"
)

// widgetKind is one sidebar widget: its name, whether the desk's pickers offer it, how its
// links are made from the state and the page, and the view that draws it. A new widget is one
// row here and its view.
type widgetKind struct {
	kind WidgetKind
	desk bool // offered by the desk's widget pickers (site settings, an article's sidebar)
	// build fills the widget's links; a widget left without links is not shown (but search).
	build func(ctx context.Context, in widgetInput, w *views.Widget) error
	view  func(views.Page, views.Widget) templ.Component
	// perPage: the widget shows the page's own links, so its sidebar is not shared.
	perPage bool
}

// widgetKinds are the sidebar widgets, in the order the desk offers them.
var widgetKinds = []widgetKind{
	{kind: WidgetSearch, desk: true, view: views.WidgetSearch,
		build: func(context.Context, widgetInput, *views.Widget) error { return nil }},
	{kind: WidgetRecent, desk: true, view: views.WidgetLinks,
		build: func(_ context.Context, in widgetInput, w *views.Widget) error {
			w.Links = in.lists.Recent
			return nil
		}},
	{kind: WidgetCategories, desk: true, view: views.WidgetCounted,
		build: func(_ context.Context, in widgetInput, w *views.Widget) error {
			w.Counts = ParamBool(in.params, "widgets", "categories_counter")
			w.Links, w.MoreURL = termWidgetLinks(in.prefix, "categories", in.lists.Categories, in.lists.CatCount)
			return nil
		}},
	{kind: WidgetTaglist, desk: true, view: views.WidgetTaglist,
		build: func(_ context.Context, in widgetInput, w *views.Widget) error {
			w.Counts = ParamBool(in.params, "widgets", "tags_counter")
			w.Links, w.MoreURL = termWidgetLinks(in.prefix, "tags", in.lists.TopTags, in.lists.TagCount)
			return nil
		}},
	{kind: WidgetSocial, desk: true, view: views.WidgetSocial,
		build: func(_ context.Context, in widgetInput, w *views.Widget) error {
			w.Links = socialLinks(in.params)
			return nil
		}},
	{kind: WidgetLanguages, desk: true, view: views.WidgetLanguages, perPage: true,
		build: func(_ context.Context, in widgetInput, w *views.Widget) error {
			w.Links = in.st.languageLinks(in.lang, in.page.Translations)
			return nil
		}},
	{kind: WidgetArchive, desk: true, view: views.WidgetCounted,
		build: func(ctx context.Context, in widgetInput, w *views.Widget) error {
			// The years with their counts, newest first, linking the archive page of each
			// (the store keeps the list until a change names the language's archive).
			years, err := in.st.model.store.ArchiveYears(ctx, in.lang)
			for _, y := range years {
				w.Links = append(w.Links, views.WidgetLink{Name: y.Period, URL: in.prefix + "/archive/" + y.Period + "/", Count: y.Count})
			}
			w.Counts = ParamBool(in.params, "widgets", "archive_counter")
			return err
		}},
	{kind: WidgetSidemenu, view: views.WidgetLinks,
		build: func(_ context.Context, in widgetInput, w *views.Widget) error {
			for _, m := range in.st.Menus[in.lang]["side"] {
				w.Links = append(w.Links, views.WidgetLink{Name: m.Name, URL: m.URL})
			}
			return nil
		}},
}

// widgetInput is what a widget's links are made from.
type widgetInput struct {
	st     *State
	lists  *Lists
	params map[string]any
	lang   string
	prefix string // the language's URL prefix
	page   PageKind
}

// WidgetNames are the widgets the desk's pickers offer, in their order.
func WidgetNames() []string {
	var out []string
	for _, k := range widgetKinds {
		if k.desk {
			out = append(out, string(k.kind))
		}
	}
	return out
}

// widgetOf finds a widget by the name a site or an article wrote (any case, spaces around).
func widgetOf(name string) (widgetKind, bool) {
	kind := WidgetKind(strings.ToLower(strings.TrimSpace(name)))
	i := slices.IndexFunc(widgetKinds, func(k widgetKind) bool { return k.kind == kind })
	if i < 0 {
		return widgetKind{}, false
	}
	return widgetKinds[i], true
}

// sidebarPosition resolves where a page's sidebar stands with Hugo's `default` rule (spec §0):
// the article's value when set (false included), else the site's for the page kind
// (params.sidebar.home / single / list). Unset everywhere means no sidebar, as in Mainroad.
func sidebarPosition(params map[string]any, kind string, a *data.Article) string {
	if a != nil {
		switch a.Sidebar {
		case "left", "right":
			return a.Sidebar
		case "false":
			return ""
		}
	}
	v := Param(params, "sidebar", kind)
	if s, ok := v.(string); ok {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "left":
			return "left"
		case "", "false", "no", "off", "none", "0":
			return ""
		}
		return "right"
	}
	if v != nil && content.Truthy(v) {
		return "right"
	}
	return ""
}

// widgetNames resolves a page's widgets: the article's list when not empty, else the site's.
func widgetNames(params map[string]any, a *data.Article) []string {
	if a != nil && len(a.Widgets) > 0 {
		return a.Widgets
	}
	names, _ := ParamStrings(params, "sidebar", "widgets")
	return names
}

// Sidebar builds a page's sidebar. Widget lists come from the generation's state, so no widget
// costs a query per request.
func (st *State) Sidebar(ctx context.Context, pk PageKind) views.Sidebar {
	params := st.Settings.Params
	sb := views.Sidebar{Position: sidebarPosition(params, pk.Kind, pk.Article)}
	if sb.Position == "" {
		return sb
	}
	names := widgetNames(params, pk.Article)
	lang := pk.Lang
	if lang == "" {
		lang = st.Settings.DefaultLanguage
	}
	// A sidebar without a per-page widget (the languages widget links the page's own
	// translations) is the same on every page of its language until the state moves: rendered
	// once, then shared.
	shared := !slices.ContainsFunc(names, func(n string) bool { k, ok := widgetOf(n); return ok && k.perPage })
	key := lang + "\x00" + sb.Position + "\x00" + strings.Join(names, "\x00")
	if shared {
		if html, ok := st.sidebarHTML(key); ok {
			sb.HTML = html
			return sb
		}
		defer func() {
			if html, err := views.RenderSidebar(ctx, lang, sb); err == nil {
				st.keepSidebarHTML(key, html)
			}
		}()
	}
	log := st.model.log
	ls, err := st.Lists(ctx, lang)
	if err != nil {
		// A sidebar is not worth a failed page: the page goes out without its lists.
		log.Error("sidebar widgets", "lang", lang, "err", err)
		ls = &Lists{}
	}
	in := widgetInput{st: st, lists: ls, params: params, lang: lang, prefix: st.LangPrefix(lang), page: pk}
	for _, name := range names {
		k, ok := widgetOf(name)
		if !ok {
			st.logUnknownWidget(name)
			continue
		}
		w := views.Widget{Kind: string(k.kind), View: k.view}
		if err := k.build(ctx, in, &w); err != nil {
			log.Error("sidebar widget", "widget", name, "lang", lang, "err", err)
			continue
		}
		if len(w.Links) == 0 && k.kind != WidgetSearch {
			continue
		}
		sb.Widgets = append(sb.Widgets, w)
	}
	sb.Warning = len(names) == 0
	return sb
}

// sidebarHTML is a rendered sidebar this state keeps under key, if any.
func (st *State) sidebarHTML(key string) (string, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	html, ok := st.sidebars[key]
	return html, ok
}

// keepSidebarHTML keeps a rendered sidebar for the rest of this state's pages. A site has a
// handful of keys (languages × the few widget lists its articles choose), bounded anyway.
func (st *State) keepSidebarHTML(key, html string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.sidebars == nil {
		st.sidebars = map[string]string{}
	}
	if len(st.sidebars) < 256 {
		st.sidebars[key] = html
	}
}

// logUnknownWidget logs a widget name Gazette does not know, once per store generation.
func (st *State) logUnknownWidget(name string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.unknownWidgets == nil {
		st.unknownWidgets = map[string]bool{}
	}
	if !st.unknownWidgets[name] {
		st.unknownWidgets[name] = true
		st.model.log.Warn("unknown sidebar widget skipped", "widget", name)
	}
}

// languageLinks lists the site's languages: the current one unlinked, the others linking to
// this page's translation where there is one, else to that language's home page.
func (st *State) languageLinks(lang string, translations map[string]string) []views.WidgetLink {
	if len(st.Settings.Languages) < 2 {
		return nil
	}
	var out []views.WidgetLink
	for _, l := range st.Settings.Languages {
		name := l.Name
		if name == "" {
			name = strings.ToUpper(l.Code)
		}
		link := views.WidgetLink{Name: name, Lang: st.LangTag(l.Code), Current: l.Code == lang, URL: st.LangPrefix(l.Code) + "/"}
		if u, ok := translations[l.Code]; ok {
			link.URL = u
		}
		out = append(out, link)
	}
	return out
}

// termWidgetLinks links a taxonomy widget's terms, and its page of all terms when the widget
// shows only some of the total.
func termWidgetLinks(prefix, taxonomy string, terms []data.Term, total int) ([]views.WidgetLink, string) {
	links := make([]views.WidgetLink, 0, len(terms))
	for _, t := range terms {
		links = append(links, views.WidgetLink{Name: t.Name, URL: TermURL(prefix, taxonomy, t.Key), Count: t.Count})
	}
	more := ""
	if total > len(terms) {
		more = prefix + "/" + taxonomy + "/"
	}
	return links, more
}
