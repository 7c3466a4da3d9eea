package handlers

import (
	"net/http"
	"strings"
	"time"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// articleHead is what link previews and search engines read about an article: Open Graph,
// Twitter card, NewsArticle and BreadcrumbList JSON-LD, and its language versions.
func (s *site) articleHead(r *http.Request, st *reader.State, a *data.Article, translations []data.Article) views.PageHead {
	root := siteRoot(st)
	siteName := st.Site(a.Lang).Title
	url := root + reader.ArticleURL(a)
	h := views.PageHead{Type: "article", SiteName: siteName, URL: url, Locale: ogLocale(st.LangTag(a.Lang)),
		Description: firstNonEmpty(a.Description, reader.PlainText(a.SummaryHTML), st.Settings.Description),
		Image:       articleImage(st, a, root), Published: firstDate(a.PublishDate, a.Date), Modified: firstDate(a.Lastmod, a.Date),
		Section: a.Section, OpenSearchURL: "/opensearch.xml"}
	for _, t := range a.TermsOf("tags") {
		h.Tags = append(h.Tags, t.Name)
	}
	if len(translations) > 0 {
		h.Alternates = append(h.Alternates, views.Alternate{Lang: st.LangTag(a.Lang), URL: url})
		for i := range translations {
			h.Alternates = append(h.Alternates, views.Alternate{Lang: st.LangTag(translations[i].Lang), URL: root + reader.ArticleURL(&translations[i])})
		}
		for _, alt := range h.Alternates {
			if alt.Lang == st.LangTag(st.Settings.DefaultLanguage) {
				h.Alternates = append(h.Alternates, views.Alternate{Lang: "x-default", URL: alt.URL})
			}
		}
	}
	home := listSpec{kind: listHome, lang: a.Lang, prefix: st.LangPrefix(a.Lang)}
	h.Feeds = feedLinks(home, siteName)[:1]

	publisher := map[string]any{"@type": "Organization", "name": siteName, "url": root + home.url(1)}
	if logo := publisherLogo(st, root); logo != nil {
		publisher["logo"] = logo
	}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle", "headline": reader.TruncateRunes(reader.TitleOrPath(a), 110),
		"mainEntityOfPage": url, "url": url, "inLanguage": st.LangTag(a.Lang), "publisher": publisher,
	}
	if !h.Published.IsZero() {
		ld["datePublished"] = isoDate(h.Published)
	} else {
		// A page without a date (About, Contact) is no news article: search engines ask a
		// NewsArticle for its publication date.
		ld["@type"], h.Type = "WebPage", "website"
	}
	if !h.Modified.IsZero() {
		ld["dateModified"] = isoDate(h.Modified)
	}
	if name := firstNonEmpty(reader.ArticleAuthor(a), reader.ParamString(st.Settings.Params, "author", "name")); name != "" {
		ld["author"] = []map[string]any{{"@type": "Person", "name": name}}
	} else {
		ld["author"] = []map[string]any{{"@type": "Organization", "name": siteName, "url": root + home.url(1)}}
	}
	if h.Image != "" {
		ld["image"] = []string{h.Image}
	}
	if h.Description != "" {
		ld["description"] = h.Description
	}
	if a.Section != "" {
		ld["articleSection"] = a.Section
	}
	if len(h.Tags) > 0 {
		ld["keywords"] = h.Tags
	}
	crumbs := []breadcrumb{{siteName, root + home.url(1)}}
	if a.Section != "" {
		crumbs = append(crumbs, breadcrumb{capitalize(a.Section), root + listSpec{kind: listSection, prefix: home.prefix, section: a.Section}.url(1)})
	}
	crumbs = append(crumbs, breadcrumb{reader.TitleOrPath(a), url})
	h.JSONLD = []map[string]any{ld, breadcrumbList(crumbs)}
	return h
}

// listHead describes a list page: its feeds, its neighbours in pagination, its language
// versions (home pages), and on the first home page the WebSite with its search action.
func (s *site) listHead(r *http.Request, st *reader.State, l listSpec, pg views.Pagination, title, description string) views.PageHead {
	root := siteRoot(st)
	siteName := st.Site(l.lang).Title
	h := views.PageHead{Type: "website", SiteName: siteName, URL: root + l.url(max(pg.Number, 1)), Locale: ogLocale(st.LangTag(l.lang)),
		Description: firstNonEmpty(description, st.Settings.Description), OpenSearchURL: "/opensearch.xml"}
	if pg.PrevURL != "" {
		h.PrevURL = root + pg.PrevURL
	}
	if pg.NextURL != "" {
		h.NextURL = root + pg.NextURL
	}
	if l.kind == listHome || l.kind == listSection || l.kind == listTerm {
		h.Feeds = feedLinks(l, firstNonEmpty(title, siteName))
	}
	if l.kind == listHome && len(st.Settings.Languages) > 1 {
		for _, lang := range st.Settings.Languages {
			h.Alternates = append(h.Alternates, views.Alternate{Lang: st.LangTag(lang.Code), URL: root + st.LangPrefix(lang.Code) + "/"})
		}
		h.Alternates = append(h.Alternates, views.Alternate{Lang: "x-default", URL: root + "/"})
	}
	if l.kind == listHome && pg.Number <= 1 {
		h.JSONLD = append(h.JSONLD, map[string]any{
			"@context": "https://schema.org", "@type": "WebSite", "name": siteName, "url": h.URL, "inLanguage": st.LangTag(l.lang),
			"potentialAction": map[string]any{
				"@type":       "SearchAction",
				"target":      map[string]any{"@type": "EntryPoint", "urlTemplate": root + "/search?q={search_term_string}"},
				"query-input": "required name=search_term_string",
			},
		})
	} else if l.kind != listHome {
		home := listSpec{kind: listHome, prefix: l.prefix}
		h.JSONLD = append(h.JSONLD, breadcrumbList([]breadcrumb{{siteName, root + home.url(1)}, {firstNonEmpty(title, siteName), root + l.url(1)}}))
	}
	return h
}

type breadcrumb struct{ name, url string }

func breadcrumbList(crumbs []breadcrumb) map[string]any {
	items := make([]map[string]any, len(crumbs))
	for i, c := range crumbs {
		items[i] = map[string]any{"@type": "ListItem", "position": i + 1, "name": c.name, "item": c.url}
	}
	return map[string]any{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
}

// articleImage is the preview image: the first of front matter's images (Hugo's choice for
// Open Graph), else the thumbnail wherever it is shown; absolute, since previews are fetched
// from elsewhere.
func articleImage(st *reader.State, a *data.Article, root string) string {
	cand := *a
	cand.ThumbnailVisibility = []string{"preview"}
	if imgs, ok := a.FrontMatter["images"].([]any); ok && len(imgs) > 0 {
		if s, ok := imgs[0].(string); ok {
			cand.Thumbnail = s
		}
	}
	img := st.Thumbnail(&cand, "preview")
	if img == nil {
		return ""
	}
	if strings.HasPrefix(img.URL, "/") {
		return root + img.URL
	}
	return img.URL
}

// ogLocale is Open Graph's spelling of a language code ("pt-br" → "pt_BR").
func ogLocale(lang string) string {
	base, region, ok := strings.Cut(lang, "-")
	if !ok {
		return strings.ToLower(base)
	}
	return strings.ToLower(base) + "_" + strings.ToUpper(region)
}

func isoDate(t time.Time) string { return t.Format(time.RFC3339) }

// publisherLogo is the site's logo as schema.org's ImageObject, for the publisher of articles;
// nil without a logo or without an absolute URL for it.
func publisherLogo(st *reader.State, root string) map[string]any {
	u := st.LogoImage
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		if root == "" {
			return nil
		}
		u = root + u
	}
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return nil
	}
	logo := map[string]any{"@type": "ImageObject", "url": u}
	if st.Chrome.LogoWidth > 0 && st.Chrome.LogoHeight > 0 {
		logo["width"], logo["height"] = st.Chrome.LogoWidth, st.Chrome.LogoHeight
	}
	return logo
}
