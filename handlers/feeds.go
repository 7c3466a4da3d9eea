package handlers

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"gazette/data"
	"gazette/reader"
)

// feedKinds are the syndication formats, each served as a file name after a list's path: RSS
// at Hugo's URLs (/index.xml, /news/index.xml, /tags/x/index.xml, /es/index.xml), Atom and
// JSON Feed beside it. They drive the feed routes and the page heads' feed links.
var (
	feedRSS   = reader.FeedFormat{File: "index.xml", ContentType: "application/rss+xml", Name: "RSS"}
	feedAtom  = reader.FeedFormat{File: "atom.xml", ContentType: "application/atom+xml", Name: "Atom"}
	feedJSON  = reader.FeedFormat{File: "feed.json", ContentType: "application/feed+json", Name: "JSON Feed"}
	feedKinds = []reader.FeedFormat{feedRSS, feedAtom, feedJSON}
)

// handleFeed serves one format of every list's feed: home, section and term, per language.
func handleFeed(s *site, f reader.FeedFormat) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := serveFeed(s, w, r, f); err != nil {
			s.serveError(w, r, err)
		}
	})
}

func serveFeed(s *site, w http.ResponseWriter, r *http.Request, f reader.FeedFormat) error {
	ctx := r.Context()
	st, err := s.model.Current(ctx)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(r.URL.Path, f.File)
	l, ok := st.FeedListing(ctx, base)
	if !ok {
		return data.ErrNotFound
	}
	return s.writeFeed(w, r, st, l, f)
}

// writeFeed writes one format of a list's feed.
func (s *site) writeFeed(w http.ResponseWriter, r *http.Request, st *reader.State, l reader.Listing, f reader.FeedFormat) error {
	build := st.ListingFeed
	if l.Kind == reader.TaxonomyListing {
		build = st.TaxonomyFeed
	}
	feed, modified, err := build(r.Context(), l)
	if err != nil {
		return err
	}
	var body string
	switch f {
	case feedRSS:
		rss := (&feeds.Rss{Feed: feed}).RssFeed()
		rss.Language, rss.Generator = st.LangTag(l.Lang), "Gazette"
		rss.ManagingEditor = "" // RSS wants an email address here, and a site has none to give
		body, err = feeds.ToXML(rss)
		body = withAtomSelf(body, st.SiteRoot()+r.URL.EscapedPath())
		body = rssCreators(body)
	case feedAtom:
		body, err = feed.ToAtom()
	default:
		body, err = jsonFeedItems(feed).ToJSON()
	}
	if err != nil {
		return err
	}
	setKeys(w, l.Keys()...)
	serveDocument(w, r, f.ContentType+"; charset=utf-8", []byte(body), modified)
	return nil
}

// serveDocument writes a generated document (feed, sitemap, robots.txt) with an ETag over its
// bytes and Last-Modified, answering conditional requests with 304 as pages do.
func serveDocument(w http.ResponseWriter, r *http.Request, contentType string, body []byte, modified time.Time) {
	etag := contentETag(body)
	h := w.Header()
	h.Set("Content-Type", contentType)
	cachePublic.set(h)
	h.Set("ETag", etag)
	if !modified.IsZero() {
		h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	if notModified(r, etag, modified) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method != http.MethodHead {
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	}
}

// withAtomSelf adds the atom:link rel="self" that Hugo's RSS carries and feed validators ask
// for; gorilla/feeds does not write it.
func withAtomSelf(rss, self string) string {
	var link strings.Builder
	link.WriteString(`<channel>` + "\n" + `    <atom:link href="`)
	xml.EscapeText(&link, []byte(self))
	link.WriteString(`" rel="self" type="application/rss+xml"></atom:link>`)
	rss = strings.Replace(rss, `<rss version="2.0"`, `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"`, 1)
	return strings.Replace(rss, "<channel>", link.String(), 1)
}

// rssAuthor is an item author as gorilla/feeds writes it in RSS.
var rssAuthor = regexp.MustCompile(`<author>([^<]*)</author>`)

// rssCreators moves item authors to dc:creator: RSS 2.0's <author> must be an email address,
// and articles name people, not addresses.
func rssCreators(rss string) string {
	if !rssAuthor.MatchString(rss) {
		return rss
	}
	rss = rssAuthor.ReplaceAllString(rss, "<dc:creator>$1</dc:creator>")
	return strings.Replace(rss, `<rss version="2.0"`, `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"`, 1)
}

// jsonFeedItems fits the items to JSON Feed 1.1: every item needs content_html or
// content_text, and summary is plain text. gorilla/feeds maps Content to content_html and
// Description to summary, so the summary's HTML becomes the content when the feed carries no
// full text, and the summary its plain text.
func jsonFeedItems(f *feeds.Feed) *feeds.JSON {
	out := *f
	out.Items = make([]*feeds.Item, len(f.Items))
	for i, it := range f.Items {
		c := *it
		if c.Content == "" {
			c.Content = c.Description
		}
		c.Description = reader.PlainText(c.Description)
		out.Items[i] = &c
	}
	return &feeds.JSON{Feed: &out}
}
