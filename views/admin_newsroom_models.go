package views

import "time"

// NewsroomValues are the article form's front-page and author fields as typed (issue 17).
type NewsroomValues struct {
	Lead, Featured, SectionLead, SectionFeatured bool
	Authors                                      string // names, comma-separated, in byline order
}

// NewsroomForm is what the article form shows beside those values: the author picker's
// choices and, for a saved article, its corrections and updates.
type NewsroomForm struct {
	ArticleID     int64
	AuthorChoices []AuthorChoice
	MoreAuthors   string // names typed that have no profile
	Notes         []NoteRow
	NoteTime      string // the add form's default time (now, in the site's zone)
	TimeZone      string
}

// AuthorChoice is one profile in the author picker.
type AuthorChoice struct {
	Name, Slug string
	Checked    bool
}

// NoteRow is one correction or update in the desk.
type NoteRow struct {
	ID   int64
	Kind string
	Note string
	At   time.Time
}

// AuthorsAdminPage lists the author profiles.
type AuthorsAdminPage struct {
	AdminPage
	Rows []AuthorRow
}

// AuthorRow is one profile in the desk's list.
type AuthorRow struct {
	Name, Slug, Avatar, PublicURL string
	Articles                      int
}

// AuthorForm edits one profile; OldSlug is "" for a new one.
type AuthorForm struct {
	AdminPage
	OldSlug string
	Values  AuthorValues
	Errors  map[string]string
}

// AuthorValues are the profile form's fields as typed.
type AuthorValues struct {
	Name, Slug, Bio, Avatar string
	Links                   string // "Name | https://…" per line
}

// FrontSettingsForm is the desk's front-page settings.
type FrontSettingsForm struct {
	AdminPage
	Values   FrontSettingsValues
	Errors   map[string]string
	Sections []string // the site's sections, offered for blocks
	TimeZone string
}

// FrontSettingsValues are the front-page settings as typed.
type FrontSettingsValues struct {
	Newsroom                                bool
	Sections                                []string
	BreakingText, BreakingURL, BreakingTill string
}
