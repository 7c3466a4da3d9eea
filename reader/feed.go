package reader

import (
	"cmp"
	"context"
	"html"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"gazette/data"
	"gazette/views"
)

// defaultFeedLimit is how many articles a feed carries unless the site says otherwise. Hugo
// has no limit; a newsroom with 100,000 articles cannot send them all every poll.
const defaultFeedLimit = 20

// ListingFeed is a list's newest articles as a feed, titled as Hugo titles them ("News on
// Site"), and the newest change among them for Last-Modified.
func (st *State) ListingFeed(ctx context.Context, l Listing) (*feeds.Feed, time.Time, error) {
	set := st.Settings
	limit := set.FeedLimit
	if limit <= 0 {
		limit = defaultFeedLimit
	}
	q := data.ListQuery{Lang: l.Lang, Limit: limit}
	siteTitle := st.Site(l.Lang).Title
	title, desc := siteTitle, "Recent content on "+siteTitle
	switch l.Kind {
	case SectionListing:
		l.NarrowToSection(&q)
		// Hugo titles the feed with the section's own title ("CN on Site") where it has one.
		own, err := st.OwnPage(ctx, l)
		if err != nil {
			return nil, time.Time{}, err
		}
		name := cmp.Or(own.Title, Capitalize(path.Base(l.Section)))
		title, desc = name+" on "+siteTitle, "Recent content in "+name+" on "+siteTitle
	case TermListing:
		q.Taxonomy, q.TermKey = l.Taxonomy, l.Term.Key
		title, desc = l.Term.Name+" on "+siteTitle, "Recent content in "+l.Term.Name+" on "+siteTitle
	}
	list, err := st.datedArticles(ctx, l, q)
	if err != nil {
		return nil, time.Time{}, err
	}
	notes, err := st.feedNotes(ctx, list)
	if err != nil {
		return nil, time.Time{}, err
	}
	root := st.SiteRoot()
	// Atom needs an author for the feed or every entry (RFC 4287 §4.1.1): the site's author,
	// else the site itself; entries name their own.
	feed := &feeds.Feed{Title: title, Description: desc, Link: &feeds.Link{Href: root + l.URL(1)}, Id: root + l.URL(1),
		Author: &feeds.Author{Name: cmp.Or(ParamString(set.Params, "author", "name"), siteTitle)}}
	for i := range list {
		a := &list[i]
		updated := firstDate(a.Lastmod, a.Date, a.UpdatedAt)
		if updated.After(feed.Updated) {
			feed.Updated = updated
		}
		link := root + ArticleURL(a)
		item := &feeds.Item{Title: a.Title, Link: &feeds.Link{Href: link}, Id: link,
			Created: firstDate(a.PublishDate, a.Date), Updated: updated,
			Description: absoluteLinks(a.SummaryHTML, root)}
		// The author lives in the front matter, which list rows do not carry; a feed is
		// rendered once per change and kept by the response cache.
		full := *a // a list page (on a term's feed): no author, its own text
		if a.ID != 0 {
			if full, err = st.model.store.ArticleView(ctx, a.ID); err != nil {
				return nil, time.Time{}, err
			}
		}
		if name := cmp.Or(ArticleAuthor(&full), authorNames(&full)); name != "" {
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
	modified, err := st.ListingModified(ctx, l, list)
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
func (st *State) datedArticles(ctx context.Context, l Listing, q data.ListQuery) ([]data.Article, error) {
	listPage := st.model.store.ListPublished
	if l.Kind == TermListing {
		listPage = func(ctx context.Context, q data.ListQuery) ([]data.Article, int, error) {
			return st.TermPage(ctx, l, q)
		}
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

// rootRelative finds links and images that start at the site root ("/post/x/a.png").
var rootRelative = regexp.MustCompile(`(\s(?:href|src|poster)=")/([^/"])`)

// absoluteLinks makes root-relative URLs absolute: a feed reader shows articles away from
// the site, where "/post/x/a.png" leads nowhere.
func absoluteLinks(html, root string) string {
	return rootRelative.ReplaceAllString(html, "${1}"+root+"/${2}")
}

// TaxonomyFeed is a taxonomy's feed (/tags/index.xml), as Hugo writes it: one item per
// term, linking the term's page, most used first.
func (st *State) TaxonomyFeed(ctx context.Context, l Listing) (*feeds.Feed, time.Time, error) {
	terms, err := st.model.store.TermCounts(ctx, l.Lang, l.Taxonomy)
	if err != nil {
		return nil, time.Time{}, err
	}
	root := st.SiteRoot()
	siteTitle := st.Site(l.Lang).Title
	heading := Capitalize(l.Taxonomy)
	feed := &feeds.Feed{Title: heading + " on " + siteTitle, Description: "Recent content in " + heading + " on " + siteTitle,
		Link: &feeds.Link{Href: root + l.URL(1)}, Id: root + l.URL(1), Author: &feeds.Author{Name: siteTitle}, Updated: st.Modified}
	limit := st.Settings.FeedLimit
	if limit <= 0 {
		limit = defaultFeedLimit
	}
	for _, t := range terms[:min(len(terms), limit)] {
		link := root + TermURL(l.LangPrefix, l.Taxonomy, t.Key)
		feed.Add(&feeds.Item{Title: t.Name, Link: &feeds.Link{Href: link}, Id: link, Updated: st.Modified})
	}
	return feed, st.Modified, nil
}

// feedNotes are the newest correction or update of each of a feed's articles.
func (st *State) feedNotes(ctx context.Context, list []data.Article) (map[int64]data.ArticleNote, error) {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	return st.model.store.LatestNotes(ctx, ids)
}

// markNoted marks a feed entry whose article was corrected or updated: its updated time moves
// to the note's (Atom <updated>, JSON Feed date_modified) and its summary starts with the note,
// so a reader's feed shows the change and not only a silent edit.
func markNoted(item *feeds.Item, n data.ArticleNote, lang string) {
	if n.ID == 0 {
		return
	}
	if n.At.After(item.Updated) {
		item.Updated = n.At
	}
	item.Description = "<p><strong>" + html.EscapeString(views.T(lang, "note_"+n.Kind)) + ":</strong> " +
		html.EscapeString(n.Note) + "</p>" + item.Description
}

// authorNames are an article's `authors`, comma-separated, as a feed names them.
func authorNames(a *data.Article) string {
	var names []string
	for _, t := range a.TermsOf(data.AuthorsTaxonomy) {
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}
