package views

import (
	"gazette/data"
)

// AdminPage is the frame of every desk page. Desk pages are never indexed or cached.
type AdminPage struct {
	Title    string
	SiteName string
	StyleURL string // admin.css
	// ScriptURL is admin.js: conveniences only; every desk function works without it.
	ScriptURL string
	Editor    *data.Editor // nil when nobody is logged in
	CSRF      string       // the token every form on the page carries
	Flash     string       // a one-line confirmation ("Saved.")
	Nav       string       // the section the page belongs to, for the menu
	// PendingComments is the count of comments awaiting moderation, shown in the menu.
	PendingComments int
}

// LoginForm is the login page, also shown when a session expired in the middle of an edit:
// Kept holds the posted form so that nothing typed is lost.
type LoginForm struct {
	AdminPage
	Email   string
	Next    string
	Message string // why the login failed, or why the login is asked for
	Kept    []KeptField
}

// KeptField is one posted value carried through a login.
type KeptField struct {
	Name, Value string
}

// SetupForm creates the first admin.
type SetupForm struct {
	AdminPage
	Token  string
	Email  string
	Name   string
	Errors map[string]string
	Gone   bool // the link is unknown, used or expired
}

// SettingsValues are the settings form's fields as typed.
type SettingsValues struct {
	Title, Subtitle, Description, BaseURL, TimeZone, PageSize string
	Copyright                                                 string // footer line; "" = the site title
	DateFormat, HighlightColor, LogoImage                     string
	SidebarHome, SidebarSingle, SidebarList                   string
	Widgets, RecentNum, TagsLimit                             string
	CategoriesCounter, TagsCounter                            bool
	PostMeta                                                  string
	HomeSections                                              string // Hugo's mainSections, comma-separated
	Social                                                    map[string]string
	MainMenu, FooterMenu                                      string // "Name | /url/" per line
	CommentsMode                                              string
}

// SettingsForm is the site settings page.
type SettingsForm struct {
	AdminPage
	Values  SettingsValues
	Errors  map[string]string
	Social  []string // network keys, in the social widget's order
	Widgets []string
}

// EditorsPage lists accounts and adds new ones.
type EditorsPage struct {
	AdminPage
	Editors []EditorRow
	New     struct{ Email, Name, Role string }
	Errors  map[string]string
}

// EditorRow is one account.
type EditorRow struct {
	Email, Name, Role string
	Disabled          bool
	Self              bool
}
