// Package views renders Gazette's pages with templ. Components take plain view models built by
// handlers and never query the store.
package views

import "gazette/data"

// Site is what every page knows about the site.
type Site struct {
	Title       string
	Subtitle    string
	Description string
	Lang        string
	StyleURL    string
	Year        int

	// Reader chrome (issue 3). Lang above is the page's language, not always the default.
	HomeURL    string // "/" or "/<lang>/"
	DateFormat string // Go layout from params.dateformat
	LogoImage  string
	// LogoWidth and LogoHeight are the logo file's own size, 0 when unknown; the stylesheet
	// draws it at a fixed height and its own aspect ratio.
	LogoWidth  int
	LogoHeight int
	// FaviconURL is the icon the head links; "" = the site's own /favicon.ico.
	FaviconURL string
	Menu       []MenuItem
	FooterMenu []MenuItem
	Copyright  string
	ThemeURL   string // stylesheet carrying the site's highlight colour; "" = the default colour
}

// Page is a page's head: its title and what search engines and link previews read.
type Page struct {
	Site        Site
	Title       string // "" on the home page
	Description string
	Canonical   string
	NoIndex     bool

	// Reader chrome (issue 3).
	Path      string   // the request path, which marks the active menu item
	Sidebar   Sidebar  // Position "" = no sidebar
	StyleURLs []string // stylesheets beyond the site's (code highlighting on articles)
	Scripts   []string // async scripts at the end of the body (MathJax, where an article asks)

	// Discovery (issue 6): social, structured-data, language and feed links, for HeadMeta.
	Head PageHead

	// Preview marks the desk's preview of an unsaved article: a banner says readers cannot see it.
	Preview bool
}

// MetaDescription is the page's description for search results: its own, else the site's.
func (p Page) MetaDescription() string {
	if p.Description != "" {
		return p.Description
	}
	if p.Head.Description != "" {
		return p.Head.Description
	}
	return p.Site.Description
}

// shareTitle is the title link previews show: the page's own (og:site_name names the site).
func (p Page) shareTitle() string {
	if p.Title == "" {
		return p.Site.Title
	}
	return p.Title
}

// FullTitle is the document title: "Title - Site", or the site title alone on the home page.
func (p Page) FullTitle() string {
	if p.Title == "" {
		return p.Site.Title
	}
	return p.Title + " - " + p.Site.Title
}

// ArticlePage is one article.
type ArticlePage struct {
	Page
	Article *data.Article
	Tags    []TermLink
	Cats    []TermLink
	Meta    Meta
	Thumb   *Image     // nil = no thumbnail on the article page
	TOC     []TOCEntry // empty = no table of contents
	// AuthorBox is shown when non-nil; a box with no name says the author is not configured.
	AuthorBox *Author
	Older     *TermLink // the pager's "« Previous": the next-older article in the section
	Newer     *TermLink // the pager's "Next »"
	Related   []RelatedLink
	Comments  Discussion // the zero value shows no discussion (issue 5)
	// Bylines link the article's authors to their pages; AuthorCards are their profiles and
	// Notes its corrections and updates (issue 17).
	Bylines     []TermLink
	AuthorCards []AuthorCard
	Notes       []NoteView
}

// TermLink is a link to a taxonomy term page.
type TermLink struct {
	Name  string
	URL   string
	Count int // articles under the term, where a listing shows it
}

// ListItem is one article in a list.
type ListItem struct {
	Article  *data.Article
	URL      string
	Thumb    *Image // nil = no thumbnail in lists
	Meta     Meta
	ReadMore bool // the site shows "Read more" and the summary is cut
	// Featured and Updated are the item's labels; Authors its byline (issue 17).
	Featured, Updated bool
	Authors           []TermLink
}

// ListPage is a page of articles: the home page, a section, a term.
type ListPage struct {
	Page
	Heading     string
	Description string // a line under the heading (a term's article count)
	// Intro is the list's own page (its _index file) rendered: shown above the articles, as
	// Mainroad shows a list's content.
	Intro      string
	Items      []ListItem
	Pagination Pagination
	Front      *FrontPage  // the newsroom layout's top; nil = the plain list
	Author     *AuthorCard // an author page's profile
}

// ErrorPage is a 404 or 500 page.
type ErrorPage struct {
	Page
	Status  int
	Message string
	// ReadOnly: the store cannot write for now (a full disk, a read-only filesystem); the
	// page says reading still works and to try again later.
	ReadOnly bool
	// Standby: this server is a warm standby's read-only copy; writes belong on the primary.
	Standby bool
}
