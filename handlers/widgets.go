package handlers

import (
	"context"
	"gazette/content"
	"slices"
	"strings"

	"gazette/data"
	"gazette/views"
)

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
	v := param(params, "sidebar", kind)
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
	names, _ := paramStrings(params, "sidebar", "widgets")
	return names
}

// socialNetworks are the profile links Mainroad's social widget knows, in its order.
var socialNetworks = []struct{ key, name, url string }{
	{"facebook", "Facebook", "https://www.facebook.com/"},
	{"twitter", "X (Twitter)", "https://x.com/"},
	{"mastodon", "Mastodon", ""},
	{"instagram", "Instagram", "https://www.instagram.com/"},
	{"linkedin", "LinkedIn", "https://www.linkedin.com/in/"},
	{"telegram", "Telegram", "https://t.me/"},
	{"github", "GitHub", "https://github.com/"},
	{"gitlab", "GitLab", "https://gitlab.com/"},
	{"bitbucket", "Bitbucket", "https://bitbucket.org/"},
	{"email", "Email", "mailto:"},
}

// sidebar builds a page's sidebar. Widget lists come from the generation's state, so no widget
// costs a query per request.
func (s *site) sidebar(ctx context.Context, st *state, pk pageKind) views.Sidebar {
	params := st.settings.Params
	sb := views.Sidebar{Position: sidebarPosition(params, pk.kind, pk.article)}
	if sb.Position == "" {
		return sb
	}
	names := widgetNames(params, pk.article)
	lang := pk.lang
	if lang == "" {
		lang = st.settings.DefaultLanguage
	}
	// A sidebar without the languages widget (whose links are the page's own translations) is
	// the same on every page of its language until the state moves: rendered once, then shared.
	shared := !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(strings.TrimSpace(n), "languages") })
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
	ls, err := st.lang(ctx, s, lang)
	if err != nil {
		// A sidebar is not worth a failed page: the page goes out without its lists.
		s.log.Error("sidebar widgets", "lang", lang, "err", err)
		ls = &langState{}
	}
	prefix := st.langPrefix(lang)
	for _, name := range names {
		w := views.Widget{Kind: strings.ToLower(strings.TrimSpace(name))}
		switch w.Kind {
		case "search":
		case "recent":
			w.Links = ls.recent
		case "categories":
			w.Counts = paramBool(params, "widgets", "categories_counter")
			w.Links, w.MoreURL = termWidgetLinks(prefix, "categories", ls.categories, ls.catCount)
		case "taglist":
			w.Counts = paramBool(params, "widgets", "tags_counter")
			w.Links, w.MoreURL = termWidgetLinks(prefix, "tags", ls.topTags, ls.tagCount)
		case "social":
			w.Links = socialLinks(params)
		case "languages":
			w.Links = s.languageLinks(st, lang, pk.translations)
		case "sidemenu":
			for _, m := range st.menus[lang]["side"] {
				w.Links = append(w.Links, views.WidgetLink{Name: m.Name, URL: m.URL})
			}
		default:
			st.logUnknownWidget(s, name)
			continue
		}
		if len(w.Links) == 0 && w.Kind != "search" {
			continue
		}
		sb.Widgets = append(sb.Widgets, w)
	}
	sb.Warning = len(names) == 0
	return sb
}

// sidebarHTML is a rendered sidebar this state keeps under key, if any.
func (st *state) sidebarHTML(key string) (string, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	html, ok := st.sidebars[key]
	return html, ok
}

// keepSidebarHTML keeps a rendered sidebar for the rest of this state's pages. A site has a
// handful of keys (languages × the few widget lists its articles choose), bounded anyway.
func (st *state) keepSidebarHTML(key, html string) {
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
func (st *state) logUnknownWidget(s *site, name string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.unknownWidgets == nil {
		st.unknownWidgets = map[string]bool{}
	}
	if !st.unknownWidgets[name] {
		st.unknownWidgets[name] = true
		s.log.Warn("unknown sidebar widget skipped", "widget", name)
	}
}

func socialLinks(params map[string]any) []views.WidgetLink {
	var out []views.WidgetLink
	for _, n := range socialNetworks {
		v := paramString(params, "widgets", "social", n.key)
		if v == "" {
			continue
		}
		u := n.url + v
		if strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://") || n.url == "" {
			u = v
		}
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "mailto:") {
			continue
		}
		out = append(out, views.WidgetLink{Name: n.name, URL: u})
	}
	if custom, ok := param(params, "widgets", "social", "custom").([]any); ok {
		for _, c := range custom {
			m, _ := c.(map[string]any)
			title, u := paramString(m, "title"), paramString(m, "url")
			if title != "" && (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) {
				out = append(out, views.WidgetLink{Name: title, URL: u})
			}
		}
	}
	return out
}

// languageLinks lists the site's languages: the current one unlinked, the others linking to
// this page's translation where there is one, else to that language's home page.
func (s *site) languageLinks(st *state, lang string, translations map[string]string) []views.WidgetLink {
	if len(st.settings.Languages) < 2 {
		return nil
	}
	var out []views.WidgetLink
	for _, l := range st.settings.Languages {
		name := l.Name
		if name == "" {
			name = strings.ToUpper(l.Code)
		}
		link := views.WidgetLink{Name: name, Lang: langTag(st, l.Code), Current: l.Code == lang, URL: st.langPrefix(l.Code) + "/"}
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
		links = append(links, views.WidgetLink{Name: t.Name, URL: termURL(prefix, taxonomy, t.Key), Count: t.Count})
	}
	more := ""
	if total > len(terms) {
		more = prefix + "/" + taxonomy + "/"
	}
	return links, more
}
