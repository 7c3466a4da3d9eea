package data

import (
	"context"
	"fmt"
	"time"
)

// SitemapArticle is what sitemaps and translation links need of a published article.
type SitemapArticle struct {
	ID             int64
	Lang           string
	TranslationKey string
	Permalink      string
	Title          string
	Published      time.Time // the publish date, else the date; zero when neither is set
	Lastmod        time.Time // the last modification, else the date
}

// PublishedForSitemap returns every article readers may see now, newest first, with only the
// columns a sitemap needs, so 100,000 articles cost a few megabytes and one query. An article
// whose page says noindex (the robotsNoIndex switch, kept in flags) is left out: a sitemap
// that lists it asks search engines for a page the page itself refuses them.
func (s *Store) PublishedForSitemap(ctx context.Context) ([]SitemapArticle, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.lang, a.translation_key, a.permalink, a.title,
		a.publish_date, a.date, a.lastmod FROM articles a WHERE `+publishedWhere+`
		AND coalesce(json_extract(a.flags, '$.robotsnoindex'), 0) = 0
		ORDER BY a.date_unix DESC, a.id DESC`, s.now().Unix())
	if err != nil {
		return nil, fmt.Errorf("sitemap articles: %w", err)
	}
	defer rows.Close()
	var out []SitemapArticle
	for rows.Next() {
		var a SitemapArticle
		var pub, date, mod string
		if err := rows.Scan(&a.ID, &a.Lang, &a.TranslationKey, &a.Permalink, &a.Title, &pub, &date, &mod); err != nil {
			return nil, fmt.Errorf("sitemap articles: %w", err)
		}
		d := parseDateText(date)
		a.Published, a.Lastmod = parseDateText(pub), parseDateText(mod)
		if a.Published.IsZero() {
			a.Published = d
		}
		if a.Lastmod.IsZero() {
			a.Lastmod = d
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sitemap articles: %w", err)
	}
	return out, nil
}
