package views

import "time"

// PageHead is what search engines, feed readers, browsers and link previews read from a page's
// head beyond its title, description and canonical URL. Handlers fill it; HeadMeta renders it.
type PageHead struct {
	// Type is Open Graph's: "article" for an article, "website" for everything else.
	Type     string
	SiteName string
	URL      string // the absolute canonical URL
	// Description is plain text: the description, else the summary, else the site's.
	Description string
	Image       string // absolute; "" = none
	Locale      string // "en_US"-style, from the page's language
	Published   time.Time
	Modified    time.Time
	Section     string
	Tags        []string
	// PrevURL and NextURL link the pages of a paginated list.
	PrevURL string
	NextURL string
	// Alternates are the page's language versions, itself included, for hreflang.
	Alternates []Alternate
	Feeds      []AlternateFeed
	// OpenSearchURL is the site's OpenSearch description, so browsers can add its search.
	OpenSearchURL string
	// JSONLD are schema.org objects (NewsArticle, BreadcrumbList, WebSite), each its own script.
	JSONLD []map[string]any
}

// Alternate is one language version of a page.
type Alternate struct {
	Lang string // a language code, or "x-default"
	URL  string
}

// AlternateFeed is a feed advertised with <link rel="alternate">.
type AlternateFeed struct {
	Type  string // MIME type
	Title string
	URL   string
}

// twitterCard is the card type: a large image when there is one.
func (h PageHead) twitterCard() string {
	if h.Image != "" {
		return "summary_large_image"
	}
	return "summary"
}

// isoTime is the date format of Open Graph's article times.
func isoTime(t time.Time) string { return t.Format(time.RFC3339) }

// SearchPage is the site search: the form, with what the reader asked, and one page of hits.
type SearchPage struct {
	Page
	Query    string
	Section  string
	Tag      string
	Category string
	Lang     string
	From     string // as typed: YYYY-MM-DD
	To       string
	// Languages offered by the language filter; empty on a one-language site.
	Languages []LanguageOption
	// Searched is false before the reader asked anything (an empty q).
	Searched bool
	Total    int
	More     bool // more than Total matched; the newest matches were ranked
	Hits     []SearchHit
	// Facets narrow the search: counts by section, tag and year, each a link.
	Facets []SearchFacetGroup
	// Notice explains a filter that was ignored ("from" is not a date), in plain words.
	Notice     string
	Pagination Pagination
}

// SearchFacetGroup is one facet: its heading and its values, most common first.
type SearchFacetGroup struct {
	Title  string
	Kind   string // "section", "tag", "year" (for tests and styling)
	Values []SearchFacetValue
}

// SearchFacetValue is one facet value: URL is the search narrowed to it (or widened again
// when Current).
type SearchFacetValue struct {
	Name    string
	URL     string
	Count   int
	Current bool
}

// SearchHit is one found article. TitleHTML and SnippetHTML come from the store escaped, with
// the matched words in <mark>.
type SearchHit struct {
	URL         string
	TitleHTML   string
	SnippetHTML string
	Date        time.Time
	Lang        string
}

// LanguageOption is one choice of a language filter.
type LanguageOption struct {
	Code string
	Name string
}
