package views

import (
	"time"

	"gazette/data"
)

// ArticleValues are the article form's fields as typed, so that a form with errors comes back
// exactly as it was sent.
type ArticleValues struct {
	Title, Slug, Section, Lang, Translations string
	Author                                   string // front matter `author`; "" = the site author
	// TranslationOf is the URL of the same story in another language, linking the two.
	TranslationOf                 string
	Date, PublishDate, ExpiryDate string // datetime-local values in the site time zone
	Summary, Description, Lead    string
	Categories, Tags              string // comma-separated names
	Menu, MenuWeight, Weight      string
	Thumbnail                     string
	// ThumbText are the thumbnail's words (alt text, caption, credit), kept on the upload in
	// the media library; ThumbTextFor is the thumbnail they were shown for.
	ThumbText                MediaTextValues
	ThumbTextFor             string
	ThumbInList, ThumbInPost bool
	// Flags are the article's switches (content's flag table), in the form's order.
	Flags       []FlagValue
	Sidebar     string            // "", "left", "right", "false"
	WidgetOrder map[string]string // widget → position typed ("" = not shown)
	Aliases     string            // one per line
	Body        string
	Newsroom    NewsroomValues // front page and authors (issue 17)
}

// FlagValue is one switch of the article form: its front-matter key (the field's name), its
// label and whether it is on.
type FlagValue struct {
	Key, Label string
	On         bool
}

// Flag reports whether the switch named key is on; a switch the form lacks is off.
func (v ArticleValues) Flag(key string) bool {
	for _, f := range v.Flags {
		if f.Key == key {
			return f.On
		}
	}
	return false
}

// ArticleForm is the page that writes or edits an article.
type ArticleForm struct {
	AdminPage
	ID        int64
	Version   int
	Status    data.Status
	PublicURL string // where readers find it, when published
	Values    ArticleValues
	Errors    map[string]string
	Message   string // a sentence above the form (why it came back)
	// SectionNote warns that the article's section keeps it off the home page.
	SectionNote string
	// TimeZone names the site's zone as the form's dates are read and shown ("Europe/Oslo,
	// CET, UTC+01:00").
	TimeZone string
	// Primary is the one primary action: "publish", "schedule" or "update".
	Primary   string
	Languages []data.LanguageSetting
	Widgets   []string // every widget the picker offers
	Sections  []string
	Tags      []string // existing names, suggested while typing
	Cats      []string
	Conflict  *Conflict
	Images    []MediaItem // recent uploads, to pick a thumbnail from
	// MissingAlt names the images the article shows without alt text (warned on publish).
	MissingAlt []string
	// Reads are a saved article's reading figures; nil for a new one.
	Reads *ArticleReadsView
	// Discussion holds a saved article's discussion switches (issue 5); nil for a new one.
	Discussion *DiscussionForm
	Newsroom   NewsroomForm // author picker, corrections (issue 17)
}

// Conflict is another editor's save that happened while this form was open.
type Conflict struct {
	Version int
	Title   string
	Body    string
	Diff    []DiffLine // from their body to the one in the form
}

// DiffLine is one line of a line diff: "=" kept, "-" only in the old text, "+" only in the new.
type DiffLine struct {
	Op   string
	Text string
}

// RevisionRow is one revision in an article's history.
type RevisionRow struct {
	ID      int64
	Version int
	Editor  string
	Note    string
	Title   string
	When    time.Time
	Current bool
}

// RevisionsPage lists an article's revisions.
type RevisionsPage struct {
	AdminPage
	ArticleID int64
	Title     string
	Rows      []RevisionRow
}

// RevisionPage shows one revision against the current text.
type RevisionPage struct {
	AdminPage
	ArticleID int64
	Rev       RevisionRow
	Current   string
	TitleDiff []DiffLine
	Diff      []DiffLine
}

// ArticleListPage is the desk's home: articles with filters, counts and bulk actions.
type ArticleListPage struct {
	AdminPage
	Filter    ArticleFilter
	Counts    []StatusCount
	Rows      []ArticleRow
	Total     int
	PrevURL   string
	NextURL   string
	Languages []data.LanguageSetting
	TimeZone  string // the site's zone, named, in which the times are shown
}

// ArticleFilter is the list's query as typed.
type ArticleFilter struct {
	Status, Lang, Tag, Category, Author, Text, Sort string
}

// StatusCount is one status tab.
type StatusCount struct {
	Status string
	Count  int
	URL    string
	Active bool
}

// ArticleRow is one article in the list.
type ArticleRow struct {
	ID      int64
	Title   string
	Status  string
	Lang    string
	Section string
	Date    time.Time
	Updated time.Time
	URL     string // public URL when published
}
