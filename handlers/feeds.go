package handlers

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// feedFormat is one syndication format, served as a file name after a list's path: RSS at
// Hugo's URLs (/index.xml, /news/index.xml, /tags/x/index.xml, /es/index.xml), Atom and JSON
// Feed beside it.
type feedFormat struct {
	file        string
	contentType string
	name        string
}

var (
	feedRSS   = feedFormat{"index.xml", "application/rss+xml", "RSS"}
	feedAtom  = feedFormat{"atom.xml", "application/atom+xml", "Atom"}
	feedJSON  = feedFormat{"feed.json", "application/feed+json", "JSON Feed"}
	feedKinds = []feedFormat{feedRSS, feedAtom, feedJSON}
)

// defaultFeedLimit is how many articles a feed carries unless the site says otherwise. Hugo
// has no limit; a newsroom with 100,000 articles cannot send them all every poll.
const defaultFeedLimit = 20

// handleFeed serves one format of every list's feed: home, section and term, per language.
func handleFeed(s *site, f feedFormat) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := serveFeed(s, w, r, f); err != nil {
			s.serveError(w, r, err)
		}
	})
}

func serveFeed(s *site, w http.ResponseWriter, r *http.Request, f feedFormat) error {
	ctx := r.Context()
	st, err := s.model.Current(ctx)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(r.URL.Path, f.file)
	l, ok := s.feedList(ctx, st, base)
	if !ok {
		return data.ErrNotFound
	}
	return s.writeFeed(w, r, st, l, f)
}

// writeFeed writes one format of a list's feed.
func (s *site) writeFeed(w http.ResponseWriter, r *http.Request, st *reader.State, l listSpec, f feedFormat) error {
	build := s.buildFeed
	if l.kind == listTaxonomy {
		build = s.buildTaxonomyFeed
	}
	feed, modified, err := build(r, st, l)
	if err != nil {
		return err
	}
	var body string
	switch f {
	case feedRSS:
		rss := (&feeds.Rss{Feed: feed}).RssFeed()
		rss.Language, rss.Generator = st.LangTag(l.lang), "Gazette"
		rss.ManagingEditor = "" // RSS wants an email address here, and a site has none to give
		body, err = feeds.ToXML(rss)
		body = withAtomSelf(body, siteRoot(st)+r.URL.EscapedPath())
		body = rssCreators(body)
	case feedAtom:
		body, err = feed.ToAtom()
	default:
		body, err = jsonFeedItems(feed).ToJSON()
	}
	if err != nil {
		return err
	}
	setKeys(w, l.keys()...)
	serveDocument(w, r, f.contentType+"; charset=utf-8", []byte(body), modified)
	return nil
}

// buildFeed is a list's newest articles as a feed, titled as Hugo titles them ("News on
// Site"), and the newest change among them for Last-Modified.
func (s *site) buildFeed(r *http.Request, st *reader.State, l listSpec) (*feeds.Feed, time.Time, error) {
	ctx := r.Context()
	set := st.Settings
	limit := set.FeedLimit
	if limit <= 0 {
		limit = defaultFeedLimit
	}
	q := data.ListQuery{Lang: l.lang, Limit: limit}
	siteTitle := st.Site(l.lang).Title
	title, desc := siteTitle, "Recent content on "+siteTitle
	switch l.kind {
	case listSection:
		l.sectionQuery(&q)
		// Hugo titles the feed with the section's own title ("CN on Site") where it has one.
		own, err := s.ownPage(ctx, l)
		if err != nil {
			return nil, time.Time{}, err
		}
		name := firstNonEmpty(own.Title, capitalize(path.Base(l.section)))
		title, desc = name+" on "+siteTitle, "Recent content in "+name+" on "+siteTitle
	case listTerm:
		q.Taxonomy, q.TermKey = l.taxonomy, l.term.Key
		title, desc = l.term.Name+" on "+siteTitle, "Recent content in "+l.term.Name+" on "+siteTitle
	}
	list, err := s.datedArticles(ctx, l, q)
	if err != nil {
		return nil, time.Time{}, err
	}
	notes, err := s.feedNotes(ctx, list)
	if err != nil {
		return nil, time.Time{}, err
	}
	root := siteRoot(st)
	// Atom needs an author for the feed or every entry (RFC 4287 §4.1.1): the site's author,
	// else the site itself; entries name their own.
	feed := &feeds.Feed{Title: title, Description: desc, Link: &feeds.Link{Href: root + l.url(1)}, Id: root + l.url(1),
		Author: &feeds.Author{Name: firstNonEmpty(reader.ParamString(set.Params, "author", "name"), siteTitle)}}
	for i := range list {
		a := &list[i]
		updated := firstDate(a.Lastmod, a.Date, a.UpdatedAt)
		if updated.After(feed.Updated) {
			feed.Updated = updated
		}
		link := root + reader.ArticleURL(a)
		item := &feeds.Item{Title: a.Title, Link: &feeds.Link{Href: link}, Id: link,
			Created: firstDate(a.PublishDate, a.Date), Updated: updated,
			Description: absoluteLinks(a.SummaryHTML, root)}
		// The author lives in the front matter, which list rows do not carry; a feed is
		// rendered once per change and kept by the response cache.
		full := *a // a list page (on a term's feed): no author, its own text
		if a.ID != 0 {
			if full, err = s.store.ArticleView(ctx, a.ID); err != nil {
				return nil, time.Time{}, err
			}
		}
		if name := firstNonEmpty(reader.ArticleAuthor(&full), authorNames(&full)); name != "" {
			item.Author = &feeds.Author{Name: name}
		}
		markNoted(item, notes[a.ID], st.LangTag(a.Lang))
		feed.Updated = latest(feed.Updated, item.Updated)
		if set.FeedFullContent {
			item.Content = absoluteLinks(full.BodyHTML, root)
		}
		feed.Add(item)
	}
	if feed.Updated.IsZero() {
		feed.Updated = st.Modified
	}
	modified, err := s.listModified(ctx, l, list)
	if err != nil {
		return nil, time.Time{}, err
	}
	if modified.IsZero() {
		modified = st.Modified
	}
	return feed, modified, nil
}

// datedArticles are a list's first q.Limit articles that have a date, in the list's order. A
// page without one (Hugo's zero date: an "about" page) is not news: a feed would have to stamp
// it with some date, and readers would see it as new. The list is read a page at a time, at
// most ten pages. A term's list holds the list pages that name it too, as Hugo's term feed does.
func (s *site) datedArticles(ctx context.Context, l listSpec, q data.ListQuery) ([]data.Article, error) {
	listPage := s.store.ListPublished
	if l.kind == listTerm {
		listPage = func(ctx context.Context, q data.ListQuery) ([]data.Article, int, error) { return s.termPage(ctx, l, q) }
	}
	var out []data.Article
	for q.Offset = 0; len(out) < q.Limit && q.Offset < 10*q.Limit; q.Offset += q.Limit {
		page, total, err := listPage(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, a := range page {
			if !a.Date.IsZero() && len(out) < q.Limit {
				out = append(out, a)
			}
		}
		if q.Offset+q.Limit >= total {
			break
		}
	}
	return out, nil
}

// feedLinks are the <link rel="alternate"> of a list's feeds, for the page head.
func feedLinks(l listSpec, title string) []views.AlternateFeed {
	var out []views.AlternateFeed
	for _, f := range feedKinds {
		out = append(out, views.AlternateFeed{Type: f.contentType, Title: title + " (" + f.name + ")", URL: l.url(1) + f.file})
	}
	return out
}

func firstDate(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// rootRelative finds links and images that start at the site root ("/post/x/a.png").
var rootRelative = regexp.MustCompile(`(\s(?:href|src|poster)=")/([^/"])`)

// absoluteLinks makes root-relative URLs absolute: a feed reader shows articles away from
// the site, where "/post/x/a.png" leads nowhere.
func absoluteLinks(html, root string) string {
	return rootRelative.ReplaceAllString(html, "${1}"+root+"/${2}")
}

// siteRoot is the site's absolute origin and path prefix without a trailing slash, from the
// configured base URL (the desk's settings, `serve --base-url`), never from the request: a
// forged Host header must not reach a canonical link, a feed or a sitemap. A site whose base
// URL is a bare path ("/", as many Hugo configs have it) has no known origin: root is "" and
// links stay root-relative; pages then omit what only an absolute URL may fill (canonical,
// og:url) and sitemaps are not served.
func siteRoot(st *reader.State) string {
	base := strings.TrimSuffix(st.Settings.BaseURL, "/")
	if strings.HasPrefix(base, "http://") || strings.HasPrefix(base, "https://") {
		return base
	}
	return ""
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
