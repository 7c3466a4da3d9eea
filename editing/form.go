// Package editing is the desk's article model, with no HTTP in it: the article form's values
// read from a post or an article, checked and built into an article (BuildArticle), the
// front-matter edits a save makes (DeskEdits, NewArticleEdits) and the way through the content
// pipeline (AssembleArticle), translations linked, the thumbnail's words, and the line diff of
// two revisions. handlers/ asks it and answers the request.
package editing

import (
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gazette/content"
	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// DeskWidgets are the sidebar widgets the pickers offer (reader/widgets.go declares them).
var DeskWidgets = reader.WidgetNames()

// FormTime is the datetime-local format, read and written in the site's time zone.
const FormTime = "2006-01-02T15:04"

// slugPattern allows letters and digits of any script joined by single hyphens or underscores:
// no "/", no "..", nothing that changes the URL's shape.
var slugPattern = regexp.MustCompile(`^[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*$`)

var sectionPattern = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*$`)

// ValuesFromForm reads the posted article form.
func ValuesFromForm(f url.Values) views.ArticleValues {
	v := views.ArticleValues{
		Title: f.Get("title"), Author: f.Get("author"), Slug: f.Get("slug"), Section: f.Get("section"), Lang: f.Get("lang"),
		Translations: f.Get("translations"), TranslationOf: strings.TrimSpace(f.Get("translation_of")), Date: f.Get("date"), PublishDate: f.Get("publish_date"),
		ExpiryDate: f.Get("expiry_date"), Summary: f.Get("summary"), Description: f.Get("description"),
		Lead: f.Get("lead"), Categories: f.Get("categories"), Tags: f.Get("tags"), Menu: f.Get("menu"),
		MenuWeight: f.Get("menu_weight"), Weight: f.Get("weight"), Thumbnail: f.Get("thumbnail"),
		ThumbInList: f.Get("thumb_list") != "", ThumbInPost: f.Get("thumb_post") != "",
		Sidebar: f.Get("sidebar"), Aliases: f.Get("aliases"), Body: f.Get("body"), WidgetOrder: map[string]string{},
	}
	v.Flags = flagValues(func(fl content.Flag) bool { return f.Get(fl.Key) != "" })
	v.ThumbText = views.MediaTextValues{Alt: f.Get("thumbnail_alt"), Caption: f.Get("thumbnail_caption"), Credit: f.Get("thumbnail_credit")}
	v.ThumbTextFor = f.Get("thumbnail_text_for")
	v.Newsroom = NewsroomFromForm(f)
	if pick := f.Get("thumbnail_pick"); pick != "" {
		v.Thumbnail = pick
	}
	for _, w := range DeskWidgets {
		v.WidgetOrder[w] = strings.TrimSpace(f.Get("widget." + w))
	}
	return v
}

// NewArticleValues are a blank form's defaults: the common Mainroad choices, written by the
// editor who opens the form.
func NewArticleValues(set data.SiteSettings, author string) views.ArticleValues {
	return views.ArticleValues{Author: author, Lang: set.DefaultLanguage, ThumbInList: true, ThumbInPost: true,
		WidgetOrder: map[string]string{}, Flags: flagValues(func(f content.Flag) bool { return f.Default })}
}

// flagValues are the form's switches, in the flag table's order, each on as on says.
func flagValues(on func(content.Flag) bool) []views.FlagValue {
	var out []views.FlagValue
	for _, f := range content.ArticleFlags() {
		out = append(out, views.FlagValue{Key: f.Key, Label: f.Label, On: on(f)})
	}
	return out
}

// ValuesFromArticle fills the form from a stored article.
func ValuesFromArticle(a *data.Article, loc *time.Location) views.ArticleValues {
	v := views.ArticleValues{
		Title: a.Title, Author: reader.ArticleAuthor(a), Slug: displaySlug(a), Section: a.Section, Lang: a.Lang,
		Translations: strings.Join(a.TranslationsList, ", "),
		Date:         timeValue(a.Date, loc), PublishDate: timeValue(a.PublishDate, loc), ExpiryDate: timeValue(a.ExpiryDate, loc),
		Summary: a.Summary, Description: a.Description, Lead: a.Lead, Thumbnail: a.Thumbnail,
		Categories: TermNames(a, "categories"), Tags: TermNames(a, "tags"), Sidebar: a.Sidebar,
		Aliases: strings.Join(a.Aliases, "\n"), Body: a.BodyMarkdown,
		WidgetOrder: map[string]string{}, ThumbInList: true, ThumbInPost: true,
	}
	v.Flags = flagValues(func(f content.Flag) bool { return f.Shown(a) })
	v.Newsroom = NewsroomFromArticle(a)
	if a.Weight != 0 {
		v.Weight = strconv.Itoa(a.Weight)
	}
	if a.ThumbnailVisibility != nil {
		v.ThumbInList, v.ThumbInPost = contains(a.ThumbnailVisibility, "list"), contains(a.ThumbnailVisibility, "post")
	}
	for _, name := range []string{"main", "side", "footer"} {
		if m, ok := a.Menus[name]; ok {
			v.Menu = name
			if m.Weight != 0 {
				v.MenuWeight = strconv.Itoa(m.Weight)
			}
			break
		}
	}
	for i, w := range a.Widgets {
		v.WidgetOrder[w] = strconv.Itoa(i + 1)
	}
	return v
}

// displaySlug is the slug as the form shows it: the front-matter slug, or the permalink's last
// segment for imported articles named by their file.
func displaySlug(a *data.Article) string {
	if a.Slug != "" {
		return a.Slug
	}
	return path.Base(strings.TrimSuffix(a.Permalink, "/"))
}

func timeValue(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(FormTime)
}

// TermNames are the article's terms of a taxonomy, comma-separated, as the form shows them.
func TermNames(a *data.Article, taxonomy string) string {
	var names []string
	for _, t := range a.TermsOf(taxonomy) {
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}

func isTrue(b *bool) bool { return b != nil && *b }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// FieldReader collects errors while turning form text into values.
type FieldReader struct {
	Errs data.ValidationError
	Loc  *time.Location
}

// Text is a trimmed text field, checked for presence, UTF-8 and length.
func (fr *FieldReader) Text(field, s string, maxLen int, required bool) string {
	s = strings.TrimSpace(s)
	switch {
	case required && s == "":
		fr.Errs.Add(field, "This field is required.")
	case !utf8.ValidString(s):
		fr.Errs.Add(field, "This text is not valid UTF-8.")
	case utf8.RuneCountInString(s) > maxLen:
		fr.Errs.Add(field, "Keep this under "+strconv.Itoa(maxLen)+" characters (it has "+strconv.Itoa(utf8.RuneCountInString(s))+").")
	}
	return s
}

// Date is a date field read in the site's time zone (Loc) in the layouts the form and people
// write; zero when empty.
func (fr *FieldReader) Date(field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range []string{FormTime, "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, fr.Loc); err == nil && t.Year() >= 1900 && t.Year() <= 9999 {
			return t
		}
	}
	fr.Errs.Add(field, "Enter a date and time such as 2026-11-27T09:30.")
	return time.Time{}
}

// Integer is a whole-number field within ±100000; zero when empty.
func (fr *FieldReader) Integer(field, s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < -100000 || n > 100000 {
		fr.Errs.Add(field, "Enter a whole number between -100000 and 100000.")
	}
	return n
}

// List is a comma-separated field of names: trimmed, no blanks, each name once (by its URL
// form); a name without a letter or digit, over 100 characters, or more than maxItems names
// is an error.
func (fr *FieldReader) List(field, s string, maxItems int) []string {
	var out []string
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		key := content.Urlize(part)
		if part == "" || seen[key] {
			continue
		}
		if key == "" || utf8.RuneCountInString(part) > 100 {
			fr.Errs.Add(field, "Each name needs a letter or digit and at most 100 characters: "+strconv.Quote(part)+".")
			continue
		}
		seen[key] = true
		out = append(out, part)
	}
	if len(out) > maxItems {
		fr.Errs.Add(field, "At most "+strconv.Itoa(maxItems)+" names.")
	}
	return out
}

// widgets reads the numbered widget boxes into an ordered list; nil means the site default.
func (fr *FieldReader) Widgets(order map[string]string) []string {
	type pos struct {
		name string
		n    int
	}
	var picked []pos
	for _, w := range DeskWidgets {
		s := order[w]
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 99 {
			fr.Errs.Add("widgets", "Number the widgets 1 to 99, or leave a box empty.")
			return nil
		}
		picked = append(picked, pos{w, n})
	}
	sort.SliceStable(picked, func(i, j int) bool { return picked[i].n < picked[j].n })
	var out []string
	for _, p := range picked {
		out = append(out, p.name)
	}
	return out
}

// aliases reads the alias lines; langs are the site's language codes (an alias under a
// language prefix is checked like one without).
func (fr *FieldReader) Aliases(s string, langs []string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "/") || strings.HasPrefix(line, "//") || reader.HasDotSegment(line) ||
			strings.ContainsAny(line, " \t\\?#<>\"") || len(line) > 300 {
			fr.Errs.Add("aliases", "Each line must be a path on this site such as /old/story/ (no spaces, no .., not /admin).")
			continue
		}
		if siteAnswers(line, langs) {
			fr.Errs.Add("aliases", line+" is a page of the site itself (home, tags, categories, archive, search, desk, files): pick an old address of this article.")
			continue
		}
		out = append(out, line)
	}
	return out
}

// siteAnswers reports whether the site itself answers p: an alias there would either never be
// reached (fixed routes) or hide a list page (the path index is looked up first).
func siteAnswers(p string, langs []string) bool {
	for _, prefix := range []string{"/admin", "/static", "/media", reader.ThemePrefix} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if len(segs) > 1 && contains(langs, segs[0]) {
		segs = segs[1:]
	} else if contains(langs, segs[0]) {
		return true // a language's home page
	}
	switch segs[0] {
	case "", "tags", "categories", "archive", "search", "page":
		return true
	}
	return false
}

// thumbnail accepts a path on this site or an https URL: nothing that runs script.
func (fr *FieldReader) Thumbnail(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	ok := err == nil && len(s) < 1000 && (u.Scheme == "https" && u.Host != "" || u.Scheme == "" && u.Host == "" && strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//"))
	if !ok || strings.ContainsAny(s, "\"<> ") {
		fr.Errs.Add("thumbnail", "Use an uploaded image (/media/…) or an https:// address.")
		return ""
	}
	return s
}

// HomeSectionNote warns an editor whose article will not reach the home page and the recent
// list: those show the home sections (Hugo's mainSections) only, and an article without a
// section is a page like About. "" when the article will be there, or the site names no home
// sections (then the largest section is used, which the form cannot know).
func HomeSectionNote(set data.SiteSettings, section string) string {
	home, ok := reader.ParamStrings(set.Params, "mainSections")
	if !ok || len(home) == 0 {
		if strings.TrimSpace(section) == "" {
			return "Without a section this article is a page (like About): it is not listed on the home page or in recent posts."
		}
		return ""
	}
	for _, h := range home {
		if strings.EqualFold(h, strings.TrimSpace(section)) {
			return ""
		}
	}
	where := "Without a section"
	if strings.TrimSpace(section) != "" {
		where = "In the section " + strconv.Quote(strings.TrimSpace(section))
	}
	return where + " this article is not listed on the home page or in recent posts, which show " +
		strings.Join(home, ", ") + " (Settings, home page sections)."
}
