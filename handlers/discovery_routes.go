package handlers

import (
	"net/http"

	"github.com/gorilla/mux"
)

// discoveryRoutes are the fixed paths that help readers and machines find articles: search,
// feeds at Hugo's URLs (any list path, any language prefix, then the feed's file name),
// sitemaps, robots.txt and the OpenSearch description. They come before the catch-all.
func discoveryRoutes(r *mux.Router, s *site) {
	get := []string{http.MethodGet, http.MethodHead}
	r.Handle("/search", handleSearch(s)).Methods(get...)
	r.Handle("/search/suggest", handleSearchSuggest(s)).Methods(get...)
	for _, f := range feedKinds {
		r.Handle("/"+f.file, handleFeed(s, f)).Methods(get...)
		r.Handle("/{list:.+}/"+f.file, handleFeed(s, f)).Methods(get...)
	}
	r.Handle("/sitemap.xml", handleSitemap(s)).Methods(get...)
	r.Handle("/sitemaps/{n}.xml", handleSitemap(s)).Methods(get...)
	r.Handle("/sitemap-news.xml", handleNewsSitemap(s)).Methods(get...)
	r.Handle("/robots.txt", handleRobots(s)).Methods(get...)
	r.Handle("/opensearch.xml", handleOpenSearch(s)).Methods(get...)
}
