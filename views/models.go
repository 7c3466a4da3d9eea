// Package views renders Gazette's pages with templ. Components take plain view models built by
// handlers and never query the store.
package views

import (
	"time"

	"gazette/data"
)

// Site is what every page knows about the site.
type Site struct {
	Title       string
	Subtitle    string
	Description string
	Lang        string
	StyleURL    string
	Year        int
}

// Page is a page's head: its title and what search engines and link previews read.
type Page struct {
	Site        Site
	Title       string // "" on the home page
	Description string
	Canonical   string
	NoIndex     bool
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
}

// TermLink is a link to a taxonomy term page.
type TermLink struct {
	Name string
	URL  string
}

// ListItem is one article in a list.
type ListItem struct {
	Article *data.Article
	URL     string
}

// ListPage is a page of articles: the home page, a section, a term.
type ListPage struct {
	Page
	Heading string
	Items   []ListItem
	PrevURL string
	NextURL string
	Number  int
	Total   int
}

// ErrorPage is a 404 or 500 page.
type ErrorPage struct {
	Page
	Status  int
	Message string
}

// dateText formats a date for readers; the zero date is not shown at all.
func dateText(t time.Time) string {
	return t.Format("January 2, 2006")
}
