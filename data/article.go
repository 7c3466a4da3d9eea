// Package data is Gazette's store: the domain types and every SQL statement, over one SQLite
// database. Nothing above it writes SQL.
package data

import (
	"errors"
	"time"
)

// Sentinel errors that handlers map to responses.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
)

// Article is one regular page: a Hugo markdown file, or an article written in the editor's form.
// Front-matter fields that may be absent (so a site default applies) are pointers.
type Article struct {
	ID         int64
	SourcePath string // Hugo's path from the site root ("content/post/x.md"); unique per site
	Lang       string
	// TranslationKey links the same story in several languages.
	TranslationKey string
	Section        string
	Type           string

	Title       string
	LinkTitle   string
	Slug        string
	URL         string // front-matter url override, as written
	Permalink   string // site-relative path, unescaped ("/post/x/")
	Aliases     []string
	Description string
	Summary     string // front-matter summary, markdown as written
	Lead        string
	Thumbnail   string
	// ThumbnailVisibility is the map form's visibility list ("list", "post"); nil = site default.
	ThumbnailVisibility []string
	Weight              int

	Date        time.Time // zero when unset; keeps the offset it was written in
	PublishDate time.Time
	Lastmod     time.Time
	ExpiryDate  time.Time
	Draft       bool

	// Terms are the article's taxonomy terms ("tags", "categories", …) in the order written.
	Terms []Term
	// TreeKey is the article's place in Hugo's page tree (content.pageTreeKey), not stored
	// with it: a term spelled in several cases is named by its first article in that order
	// (terms.named_by, migration 0160). "" names a term only when nothing else has.
	TreeKey string

	Menus     map[string]MenuEntry // menu name → entry; "" names are dropped
	Comments  *bool
	Authorbox *bool
	Pager     *bool
	TOC       *bool
	MathJax   *bool
	// Flags are the other switches of content's flag table that the page's front matter
	// (cascades included) sets, by lower-case key; nil when it sets none.
	Flags    map[string]bool
	Sidebar  string // "left", "right", "false" (none) or "" (site default)
	Widgets  []string
	PostMeta []string // page-level post_meta override; nil = site default
	LangList []string // the seed format's informational `lang` list
	// TranslationsList is the seed format's informational `translations` list.
	TranslationsList []string
	Headless         bool

	FrontMatter    map[string]any // every key as written, so nothing is lost
	FrontMatterFmt string
	// FrontMatterText is the front matter block as written, delimiters included; "" when only
	// the data is known (articles stored before it was kept).
	FrontMatterText string
	BodyMarkdown    string

	// Rendered at write time, never per request.
	BodyHTML    string
	SummaryHTML string
	Truncated   bool
	TOCHeadings []Heading
	PlainText   string
	WordCount   int

	// Resources are files of a page bundle, stored under the data directory.
	Resources []Resource
	// ContentHash identifies the source so that a re-import can tell "unchanged".
	ContentHash string

	CreatedAt time.Time
	UpdatedAt time.Time
}

// MenuEntry is a page's place in a site menu.
type MenuEntry struct {
	Name       string `json:"name,omitempty"`
	Weight     int    `json:"weight,omitempty"`
	Parent     string `json:"parent,omitempty"`
	Identifier string `json:"identifier,omitempty"`
}

// Heading is one table-of-contents entry.
type Heading struct {
	Level int    `json:"level"`
	ID    string `json:"id"`
	Text  string `json:"text"`
}

// Resource is one file of a page bundle.
type Resource struct {
	Name      string `json:"name"`       // path inside the bundle ("images/a.png")
	MediaType string `json:"media_type"` // from the extension
	// StoredName is the content-hash name under the data directory's media folder.
	StoredName string `json:"stored_name"`
	Size       int64  `json:"size"`
}

// Term is one value of a taxonomy. Key is Hugo's urlize of the name and the term's URL segment;
// Name is the spelling shown to readers.
type Term struct {
	ID       int64  `json:"-"` // set where a lookup read it (FindTerm): the term's dependency key
	Taxonomy string `json:"taxonomy"`
	Key      string `json:"key"`
	Name     string `json:"name"`
	Count    int    `json:"count,omitempty"` // published articles, where a listing asks for it
}

// TermsOf returns the article's terms of one taxonomy.
func (a *Article) TermsOf(taxonomy string) []Term {
	var out []Term
	for _, t := range a.Terms {
		if t.Taxonomy == taxonomy {
			out = append(out, t)
		}
	}
	return out
}

// IsPublished reports whether readers may see the article at now: not a draft, its publish date
// reached, its expiry date not reached. Publication is a function of time, so scheduled
// articles appear without any job.
func (a *Article) IsPublished(now time.Time) bool {
	if a.Draft || a.Headless {
		return false
	}
	// Whole seconds, as the store's list queries compare them, so a page and the lists that
	// link to it change state at the same instant.
	now = now.Truncate(time.Second)
	if !a.PublishDate.IsZero() && a.PublishDate.Truncate(time.Second).After(now) {
		return false
	}
	if !a.ExpiryDate.IsZero() && !a.ExpiryDate.Truncate(time.Second).After(now) {
		return false
	}
	return true
}
