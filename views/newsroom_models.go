package views

import "time"

// FrontPage is the top of a home or section page in the newsroom layout (issue 17): a
// breaking-news line, the lead story, featured stories and, on the home page, a block per
// section the editors chose. The page's own list follows under "Latest".
type FrontPage struct {
	Breaking *Breaking
	Lead     *ListItem
	Featured []ListItem
	Sections []SectionBlock
}

// Breaking is the breaking-news banner; URL may be "".
type Breaking struct {
	Text, URL string
}

// SectionBlock is one section's newest stories on the front page.
type SectionBlock struct {
	Name, URL string
	Items     []ListItem
}

// AuthorCard is an author's profile as reader pages show it.
type AuthorCard struct {
	Name, URL, Bio, Avatar string
	Links                  []AuthorLinkView
}

// AuthorLinkView is one of an author's pages elsewhere.
type AuthorLinkView struct {
	Name, URL string
}

// NoteView is one correction or update in an article's log.
type NoteView struct {
	Kind  string // "correction" or "update"
	Label string // the kind in the page's language
	Note  string
	At    time.Time
}

// AuthorsPage is /authors/: every author with a profile or a signed article.
type AuthorsPage struct {
	Page
	Heading string
	Intro   string
	Authors []AuthorIndexEntry
}

// AuthorIndexEntry is one author on the authors index.
type AuthorIndexEntry struct {
	AuthorCard
	Count int
}
