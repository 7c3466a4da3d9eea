package reader

import (
	"cmp"
	"strings"
	"time"

	"gazette/data"
	"gazette/views"
)

// ArticleHead is what link previews and search engines read about an article: Open Graph,
// Twitter card, NewsArticle and BreadcrumbList JSON-LD, and its language versions.
func (st *State) ArticleHead(a *data.Article, translations []data.Article, feeds []FeedFormat) views.PageHead {
	root := st.SiteRoot()
	siteName := st.Site(a.Lang).Title
	url := root + ArticleURL(a)
	h := views.PageHead{Type: "article", SiteName: siteName, URL: url, Locale: ogLocale(st.LangTag(a.Lang)),
		Description: cmp.Or(a.Description, PlainText(a.SummaryHTML), st.Settings.Description),
		Image:       articleImage(st, a, root), Published: firstDate(a.PublishDate, a.Date), Modified: firstDate(a.Lastmod, a.Date),
		Section: a.Section, OpenSearchURL: "/opensearch.xml"}
	for _, t := range a.TermsOf("tags") {
		h.Tags = append(h.Tags, t.Name)
	}
	if len(translations) > 0 {
		h.Alternates = append(h.Alternates, views.Alternate{Lang: st.LangTag(a.Lang), URL: url})
		for i := range translations {
			h.Alternates = append(h.Alternates, views.Alternate{Lang: st.LangTag(translations[i].Lang), URL: root + ArticleURL(&translations[i])})
		}
		for _, alt := range h.Alternates {
			if alt.Lang == st.LangTag(st.Settings.DefaultLanguage) {
				h.Alternates = append(h.Alternates, views.Alternate{Lang: "x-default", URL: alt.URL})
			}
		}
	}
	home := Listing{Kind: HomeListing, Lang: a.Lang, LangPrefix: st.LangPrefix(a.Lang)}
	// An article page links the site's main feed only (the first format, RSS), as Mainroad does.
	if links := feedLinks(home, siteName, feeds); len(links) > 0 {
		h.Feeds = links[:1]
	}

	publisher := map[string]any{"@type": "Organization", "name": siteName, "url": root + home.URL(1)}
	if logo := publisherLogo(st, root); logo != nil {
		publisher["logo"] = logo
	}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle", "headline": TruncateRunes(TitleOrPath(a), 110),
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
	if name := cmp.Or(ArticleAuthor(a), ParamString(st.Settings.Params, "author", "name")); name != "" {
		ld["author"] = []map[string]any{{"@type": "Person", "name": name}}
	} else {
		ld["author"] = []map[string]any{{"@type": "Organization", "name": siteName, "url": root + home.URL(1)}}
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
	crumbs := []breadcrumb{{siteName, root + home.URL(1)}}
	if a.Section != "" {
		crumbs = append(crumbs, breadcrumb{Capitalize(a.Section), root + Listing{Kind: SectionListing, LangPrefix: home.LangPrefix, Section: a.Section}.URL(1)})
	}
	crumbs = append(crumbs, breadcrumb{TitleOrPath(a), url})
	h.JSONLD = []map[string]any{ld, breadcrumbList(crumbs)}
	return h
}

// ListHead describes a list page: its feeds, its neighbours in pagination, its language
// versions (home pages), and on the first home page the WebSite with its search action.
func (st *State) ListHead(l Listing, pg views.Pagination, title, description string, feeds []FeedFormat) views.PageHead {
	root := st.SiteRoot()
	siteName := st.Site(l.Lang).Title
	h := views.PageHead{Type: "website", SiteName: siteName, URL: root + l.URL(max(pg.Number, 1)), Locale: ogLocale(st.LangTag(l.Lang)),
		Description: cmp.Or(description, st.Settings.Description), OpenSearchURL: "/opensearch.xml"}
	if pg.PrevURL != "" {
		h.PrevURL = root + pg.PrevURL
	}
	if pg.NextURL != "" {
		h.NextURL = root + pg.NextURL
	}
	if l.Kind == HomeListing || l.Kind == SectionListing || l.Kind == TermListing {
		h.Feeds = feedLinks(l, cmp.Or(title, siteName), feeds)
	}
	if l.Kind == HomeListing && len(st.Settings.Languages) > 1 {
		for _, lang := range st.Settings.Languages {
			h.Alternates = append(h.Alternates, views.Alternate{Lang: st.LangTag(lang.Code), URL: root + st.LangPrefix(lang.Code) + "/"})
		}
		h.Alternates = append(h.Alternates, views.Alternate{Lang: "x-default", URL: root + "/"})
	}
	if l.Kind == HomeListing && pg.Number <= 1 {
		h.JSONLD = append(h.JSONLD, map[string]any{
			"@context": "https://schema.org", "@type": "WebSite", "name": siteName, "url": h.URL, "inLanguage": st.LangTag(l.Lang),
			"potentialAction": map[string]any{
				"@type":       "SearchAction",
				"target":      map[string]any{"@type": "EntryPoint", "urlTemplate": root + "/search?q={search_term_string}"},
				"query-input": "required name=search_term_string",
			},
		})
	} else if l.Kind != HomeListing {
		home := Listing{Kind: HomeListing, LangPrefix: l.LangPrefix}
		h.JSONLD = append(h.JSONLD, breadcrumbList([]breadcrumb{{siteName, root + home.URL(1)}, {cmp.Or(title, siteName), root + l.URL(1)}}))
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
func articleImage(st *State, a *data.Article, root string) string {
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
func publisherLogo(st *State, root string) map[string]any {
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

// FeedFormat is one syndication format a list's feed is served in, as page heads link it: the
// file name after the list's path, its media type and its name. The formats themselves are
// declared where they are served (handlers' feedKinds).
type FeedFormat struct {
	File        string
	ContentType string
	Name        string
}

// feedLinks are the <link rel="alternate"> of a list's feeds, for the page head.
func feedLinks(l Listing, title string, formats []FeedFormat) []views.AlternateFeed {
	var out []views.AlternateFeed
	for _, f := range formats {
		out = append(out, views.AlternateFeed{Type: f.ContentType, Title: title + " (" + f.Name + ")", URL: l.URL(1) + f.File})
	}
	return out
}
