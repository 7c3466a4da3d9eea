package reader

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gazette/content"
	"gazette/data"
	"gazette/views"
)

// ListingKind is a kind of list page.
type ListingKind int

const (
	HomeListing     ListingKind = iota // the home page of a language: its main sections' articles
	SectionListing                     // a section, or a nested section ("post/sub")
	TaxonomyListing                    // /tags/: every term with its count
	TermListing                        // /tags/go/: a term's articles
	ArchiveListing                     // /archive/[year/[month/]]: Gazette's archive by month
)

// HugoKind is the name Hugo's [outputs] gives a kind of list.
func (k ListingKind) HugoKind() string {
	switch k {
	case HomeListing:
		return "home"
	case SectionListing:
		return "section"
	case TaxonomyListing:
		return "taxonomy"
	case TermListing:
		return "term"
	}
	return ""
}

// Listing is a list page a path names (the home page, a section, a taxonomy, a term or the
// archive), before its page number: what ParseListing reads from a URL, and what the list's
// page, feeds and head are built from. Not to be confused with Lists, a language's sidebar
// lists.
type Listing struct {
	Kind       ListingKind
	Lang       string
	LangPrefix string // the language's URL prefix: "" or "/es"
	Section    string // "post", or a nested section's path "post/sub"
	// Folder is a nested section's content folder from the site root ("content/post/sub/"):
	// its articles are those stored below it.
	Folder string
	// NestedFolders are the folders of the sections nested below it: in Hugo their pages are
	// theirs, not this section's.
	NestedFolders []string
	Taxonomy      string
	Term          data.Term
	Year          string // archive year; "" = the newest
	Month         string // archive month ("01"–"12") of Year; "" = the year's newest
}

// Path is the list's canonical path, unescaped.
func (l Listing) Path() string {
	switch l.Kind {
	case SectionListing:
		// Hugo writes section URLs in lower case (content/TIL is /til/).
		return l.LangPrefix + "/" + content.MakePathSanitized(l.Section) + "/"
	case TaxonomyListing:
		return l.LangPrefix + "/" + l.Taxonomy + "/"
	case TermListing:
		return l.LangPrefix + "/" + l.Taxonomy + "/" + l.Term.Key + "/"
	case ArchiveListing:
		return ArchiveURL(l.LangPrefix, l.Year, l.Month)
	}
	return l.LangPrefix + "/"
}

// Keys are the list's dependency keys (data/migrations/0010): what a change must name for
// the list, its pages and its feeds to be rendered again.
func (l Listing) Keys() []string {
	switch l.Kind {
	case SectionListing:
		// A nested section's articles carry their top-level section's key.
		top, _, _ := strings.Cut(l.Section, "/")
		return []string{"sec:" + l.Lang + ":" + top}
	case TaxonomyListing:
		return []string{"tax:" + l.Lang + ":" + l.Taxonomy}
	case TermListing:
		if l.Taxonomy == data.AuthorsTaxonomy {
			return authorPageKeys(l)
		}
		if l.Term.ID == 0 {
			// A term only its own page names: its first article adds the term, which names
			// the taxonomy.
			return []string{"tax:" + l.Lang + ":" + l.Taxonomy}
		}
		return []string{"t:" + strconv.FormatInt(l.Term.ID, 10)}
	case ArchiveListing:
		// The page lists every year's count, so any dated article moves it.
		return []string{"arch:" + l.Lang}
	}
	return []string{"home:" + l.Lang}
}

// authorPageKeys are an author page's keys: its term's, and its profile's. A page of a profile
// without articles has no term yet: the language's first article by them must drop it too.
func authorPageKeys(l Listing) []string {
	keys := []string{"t:" + strconv.FormatInt(l.Term.ID, 10), "author:" + l.Term.Key}
	if l.Term.ID == 0 {
		keys = append(keys, "home:"+l.Lang)
	}
	return keys
}

// NarrowToSection narrows a query to the section's articles.
func (l Listing) NarrowToSection(q *data.ListQuery) {
	q.Section, _, _ = strings.Cut(l.Section, "/")
	q.SourcePrefix, q.ExceptPrefixes = l.Folder, l.NestedFolders
}

// URL is page n of the list, escaped as a link writes it.
func (l Listing) URL(n int) string {
	b := content.EscapePath(l.Path())
	if n <= 1 {
		return b
	}
	return b + "page/" + strconv.Itoa(n) + "/"
}

// ArchiveURL is the archive page of a year and month; the newest period is /archive/ itself,
// but any period has its own URL too.
func ArchiveURL(prefix, year, month string) string {
	u := prefix + "/archive/"
	if year != "" {
		u += year + "/"
	}
	if month != "" {
		u += month + "/"
	}
	return u
}

// Paginate builds a list's numbered navigation: first and last, two pages either side of n.
func Paginate(l Listing, n, total int) views.Pagination {
	pg := views.Pagination{Number: n, Total: total}
	if total <= 1 {
		return pg
	}
	if n > 1 {
		pg.FirstURL, pg.PrevURL = l.URL(1), l.URL(n-1)
	}
	if n < total {
		pg.NextURL, pg.LastURL = l.URL(n+1), l.URL(total)
	}
	last := 0
	for i := 1; i <= total; i++ {
		if i != 1 && i != total && (i < n-2 || i > n+2) {
			continue
		}
		if last != 0 && i > last+1 {
			pg.Pages = append(pg.Pages, views.PageLink{Gap: true})
		}
		pg.Pages = append(pg.Pages, views.PageLink{Number: i, URL: l.URL(i), Current: i == n})
		last = i
	}
	return pg
}

// Capitalize upper-cases a title's first letter, as Hugo titles sections and terms.
func Capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// latest is the newest of times.
func latest(times ...time.Time) (t time.Time) {
	for _, u := range times {
		if u.After(t) {
			t = u
		}
	}
	return t
}

// firstDate is the first of times that is set.
func firstDate(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}
