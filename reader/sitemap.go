package reader

import (
	"context"
	"time"

	"gazette/data"
)

// SitemapPage is one address of the sitemap: when it last changed (zero: unknown) and, for an
// article with translations, every language's version of it (itself included) as hreflang
// alternates.
type SitemapPage struct {
	Loc          string
	Lastmod      time.Time
	Translations []SitemapTranslation
}

// SitemapTranslation is one language's version of an article: its hreflang tag and address.
type SitemapTranslation struct{ Hreflang, URL string }

// SitemapPages lists the home page, sections, taxonomies and terms of every language (or of
// the language only, when only is set), then every published article with its translations;
// modified is the newest article's change. The addresses are absolute (SiteRoot).
func (st *State) SitemapPages(ctx context.Context, only string) ([]SitemapPage, time.Time, error) {
	store, root := st.model.store, st.SiteRoot()
	articles, err := store.PublishedForSitemap(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	var pages []SitemapPage
	newest := map[string]time.Time{}
	var modified time.Time
	for _, a := range articles {
		newest[a.Lang] = latest(newest[a.Lang], a.Lastmod)
		modified = latest(modified, a.Lastmod)
	}
	for _, l := range st.Settings.Languages {
		if only != "" && l.Code != only {
			continue
		}
		prefix := st.LangPrefix(l.Code)
		pages = append(pages, SitemapPage{Loc: root + prefix + "/", Lastmod: newest[l.Code]})
		secs, err := store.Sections(ctx, l.Code)
		if err != nil {
			return nil, time.Time{}, err
		}
		for _, sec := range secs {
			pages = append(pages, SitemapPage{Loc: root + Listing{Kind: SectionListing, LangPrefix: prefix, Section: sec.Section}.URL(1)})
		}
		for _, tax := range []string{"tags", "categories"} {
			terms, err := store.TermCounts(ctx, l.Code, tax)
			if err != nil {
				return nil, time.Time{}, err
			}
			if len(terms) > 0 {
				pages = append(pages, SitemapPage{Loc: root + Listing{Kind: TaxonomyListing, LangPrefix: prefix, Taxonomy: tax}.URL(1)})
			}
			for _, t := range terms {
				pages = append(pages, SitemapPage{Loc: root + TermURL(prefix, tax, t.Key)})
			}
		}
	}
	groups := map[string][]SitemapTranslation{}
	for _, a := range articles {
		groups[a.TranslationKey] = append(groups[a.TranslationKey], SitemapTranslation{Hreflang: st.LangTag(a.Lang), URL: root + ArticleURL(&data.Article{Permalink: a.Permalink})})
	}
	for _, a := range articles {
		if only != "" && a.Lang != only {
			continue
		}
		p := SitemapPage{Loc: root + ArticleURL(&data.Article{Permalink: a.Permalink}), Lastmod: a.Lastmod}
		if g := groups[a.TranslationKey]; len(g) > 1 {
			p.Translations = g
		}
		pages = append(pages, p)
	}
	return pages, modified, nil
}

// NewsSitemapArticle is one article of the news sitemap, as Google News reads it.
type NewsSitemapArticle struct {
	Loc, SiteName, Lang, Title string
	Published                  time.Time
}

// NewsSitemapArticles lists at most max articles published since since, newest first;
// modified is the newest change among them, or the state's when there are none.
func (st *State) NewsSitemapArticles(ctx context.Context, since time.Time, max int) ([]NewsSitemapArticle, time.Time, error) {
	articles, err := st.model.store.PublishedForSitemap(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	root := st.SiteRoot()
	var out []NewsSitemapArticle
	var modified time.Time
	for _, a := range articles {
		if a.Published.Before(since) || len(out) == max {
			continue
		}
		modified = latest(modified, a.Lastmod)
		out = append(out, NewsSitemapArticle{Loc: root + ArticleURL(&data.Article{Permalink: a.Permalink}),
			SiteName: st.Site(a.Lang).Title, Lang: a.Lang, Title: a.Title, Published: a.Published})
	}
	if modified.IsZero() {
		modified = st.Modified
	}
	return out, modified, nil
}
