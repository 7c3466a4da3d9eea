package handlers

import (
	"net/http"
	"time"

	"github.com/gorilla/feeds"

	"gazette/reader"
)

// buildTaxonomyFeed is a taxonomy's feed (/tags/index.xml), as Hugo writes it: one item per
// term, linking the term's page, most used first.
func (s *site) buildTaxonomyFeed(r *http.Request, st *reader.State, l listSpec) (*feeds.Feed, time.Time, error) {
	terms, err := s.store.TermCounts(r.Context(), l.lang, l.taxonomy)
	if err != nil {
		return nil, time.Time{}, err
	}
	root := siteRoot(st)
	siteTitle := st.Site(l.lang).Title
	heading := capitalize(l.taxonomy)
	feed := &feeds.Feed{Title: heading + " on " + siteTitle, Description: "Recent content in " + heading + " on " + siteTitle,
		Link: &feeds.Link{Href: root + l.url(1)}, Id: root + l.url(1), Author: &feeds.Author{Name: siteTitle}, Updated: st.Modified}
	limit := st.Settings.FeedLimit
	if limit <= 0 {
		limit = defaultFeedLimit
	}
	for _, t := range terms[:min(len(terms), limit)] {
		link := root + reader.TermURL(l.prefix, l.taxonomy, t.Key)
		feed.Add(&feeds.Item{Title: t.Name, Link: &feeds.Link{Href: link}, Id: link, Updated: st.Modified})
	}
	return feed, st.Modified, nil
}
