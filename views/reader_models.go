package views

import (
	"time"

	"github.com/a-h/templ"
)

// MenuItem is one entry of a site menu.
type MenuItem struct {
	Name string
	URL  string
}

// Sidebar is a page's sidebar: where it stands and its widgets in order.
type Sidebar struct {
	Position string // "left", "right"; "" = no sidebar
	Widgets  []Widget
	// Warning is Mainroad's note when a sidebar is on but no widget is chosen.
	Warning bool
	// HTML, when set, is this sidebar already rendered (RenderSidebar): pages of one language
	// share it for as long as their widget lists do.
	HTML string
}

// Widget is one sidebar block: a kind the reader model knows (reader/widgets.go, which drops
// unknown names before a page is built) and the view that draws it.
type Widget struct {
	Kind    string
	Links   []WidgetLink
	Counts  bool   // show each link's Count
	MoreURL string // "all tags" when the list was capped
	// View draws the widget (WidgetSearch, WidgetTaglist…); nil draws nothing.
	View func(p Page, w Widget) templ.Component
}

// WidgetLink is one link in a widget.
type WidgetLink struct {
	Name    string
	URL     string
	Count   int
	Current bool   // the page being read (languages widget)
	Lang    string // hreflang, for language links
}

// Meta is the meta line of an article or list item: the items of post_meta in their order.
type Meta struct {
	Items          []string // "author", "date", "categories", "translations"
	Author         string
	Date           time.Time
	Lastmod        time.Time // shown when it differs from Date
	Cats           []TermLink
	Translations   []WidgetLink
	ReadingMinutes int // 0 = not shown
	// Comments is the published-comment count a list item shows, linking to CommentsURL; 0 = not
	// shown (none yet, or the discussion is off or hidden).
	Comments    int
	CommentsURL string
}

// Image is a picture with its text alternative. An upload from the media library also carries
// its resized variants and the intrinsic size of URL (so the page does not shift as it loads);
// other images (bundle files, external URLs) have only URL and Alt.
type Image struct {
	URL     string
	Alt     string
	Caption string // from the media library; "" = none
	Credit  string
	SrcSet  string // "url 320w, url 640w, …"; "" = URL alone
	Width   int    // of URL; 0 = unknown
	Height  int
}

// TOCEntry is one h2 of the table of contents with its h3s.
type TOCEntry struct {
	ID       string
	Text     string
	Children []TOCEntry
}

// Author is the site author of the author box.
type Author struct {
	Name   string
	Bio    string
	Avatar string
}

// RelatedLink is one related article.
type RelatedLink struct {
	Title string
	URL   string
	Date  time.Time
}

// Pagination is a list's numbered page navigation; Total <= 1 shows none.
type Pagination struct {
	Number, Total int
	FirstURL      string
	PrevURL       string
	NextURL       string
	LastURL       string
	Pages         []PageLink // nearby pages; Gap marks an ellipsis
}

// PageLink is one numbered page link.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// TermsPage lists every term of a taxonomy with its count.
type TermsPage struct {
	Page
	Heading string
	Intro   string // the taxonomy's own page (its _index file) rendered
	Terms   []TermLink
}

// ArchivePage lists articles by month for one year, with links to every year.
type ArchivePage struct {
	Page
	Heading    string
	Years      []ArchiveYearLink
	MonthLinks []ArchiveYearLink // the chosen year's months (Year holds the month's name)
	Months     []ArchiveMonth
	Pagination Pagination // the chosen month's pages: a busy newsroom's month is thousands of articles
}

// ArchiveYearLink is one year in the archive's year list.
type ArchiveYearLink struct {
	Year    string
	URL     string
	Count   int
	Current bool
}

// ArchiveMonth is one month of a year's articles.
type ArchiveMonth struct {
	Name  string
	ID    string
	Items []RelatedLink
}

// isActive reports whether a menu URL is the page being read or its section.
func (p Page) isActive(url string) bool {
	if url == p.Path {
		return true
	}
	return url != "/" && url != p.Site.HomeURL && len(url) > 1 && url[len(url)-1] == '/' && len(p.Path) > len(url) && p.Path[:len(url)] == url
}

// t is a UI string in the page's language.
func (p Page) t(key string) string { return T(p.Site.Lang, key) }

func (p Page) tn(key string, n int) string { return Tn(p.Site.Lang, key, n) }

// date formats a date in the site's format and the page's language.
func (p Page) date(t time.Time) string { return FormatDate(t, p.Site.DateFormat, p.Site.Lang) }
