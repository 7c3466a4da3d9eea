package editing

import (
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gazette/content"
	"gazette/data"
	"gazette/views"
)

// reservedSections would put articles on URLs the site itself answers.
var reservedSections = map[string]bool{"admin": true, "static": true, "media": true, "healthz": true, "page": true, "tags": true, "categories": true, "authors": true}

// maxBodyBytes bounds an article's markdown.
const maxBodyBytes = 1 << 20

// SiteLocation is the site's time zone; dates on the form are read and shown in it.
func SiteLocation(set data.SiteSettings) *time.Location {
	if loc, err := time.LoadLocation(set.TimeZone); err == nil && set.TimeZone != "" {
		return loc
	}
	return time.UTC
}

// BuildArticle reads the form into typed fields over base (the stored article, or a new one),
// checking each. It neither renders nor writes front matter: AssembleArticle turns the fields
// that changed into front-matter edits and runs the content pipeline. The error is a
// *data.ValidationError naming every wrong field.
func BuildArticle(v views.ArticleValues, base data.Article, set data.SiteSettings, now time.Time) (data.Article, *data.ValidationError) {
	fr := &FieldReader{Loc: SiteLocation(set)}
	a := base
	a.Title = fr.Text("title", v.Title, 300, true)
	a.Lead = fr.Text("lead", v.Lead, 500, false)
	fr.Text("author", v.Author, 200, false)
	a.Description = fr.Text("description", v.Description, 500, false)
	a.Summary = fr.Text("summary", v.Summary, 5000, false)
	if len(v.Body) > maxBodyBytes || !utf8.ValidString(v.Body) {
		fr.Errs.Add("body", "The text must be valid UTF-8 and at most 1 MB.")
	}
	a.BodyMarkdown = strings.ReplaceAll(v.Body, "\r\n", "\n")

	a.Lang = strings.TrimSpace(v.Lang)
	if !languageKnown(set, a.Lang) {
		fr.Errs.Add("lang", "Pick one of the site's languages.")
	}
	a.TranslationsList = fr.List("translations", v.Translations, 20)
	section := strings.ToLower(strings.TrimSpace(v.Section))
	if base.ID != 0 && v.Section == base.Section {
		section = base.Section // as imported: only a changed section must follow the desk's rule
	} else if section != "" && (!sectionPattern.MatchString(section) || len(section) > 60 || reservedSections[section]) {
		fr.Errs.Add("section", "Use lower-case letters, digits and hyphens (not admin, static, media, page, tags, categories or authors).")
	}
	applyURL(fr, &a, &base, v.Slug, section, set)

	a.Date = fr.Date("date", v.Date)
	a.PublishDate = fr.Date("publish_date", v.PublishDate)
	a.ExpiryDate = fr.Date("expiry_date", v.ExpiryDate)
	if !a.ExpiryDate.IsZero() && !a.PublishDate.IsZero() && !a.ExpiryDate.After(a.PublishDate) {
		fr.Errs.Add("expiry_date", "The expiry must come after the publish time.")
	}
	a.Lastmod = now.In(fr.Loc)

	a.Terms = nil
	for _, tax := range []struct{ field, taxonomy, value string }{{"categories", "categories", v.Categories}, {"tags", "tags", v.Tags}} {
		for _, name := range fr.List(tax.field, tax.value, 50) {
			a.Terms = append(a.Terms, data.Term{Taxonomy: tax.taxonomy, Key: content.Urlize(name), Name: name})
		}
	}
	a.Weight = fr.Integer("weight", v.Weight)
	a.Menus = nil
	switch v.Menu {
	case "":
	case "main", "side", "footer":
		w := fr.Integer("menu_weight", v.MenuWeight)
		if w == 0 {
			w = a.Weight // as Hugo: an entry without a weight takes the page's
		}
		a.Menus = map[string]data.MenuEntry{v.Menu: {Name: a.Title, Weight: w}}
	default:
		fr.Errs.Add("menu", "Pick main, side, footer or no menu.")
	}
	a.Thumbnail = fr.Thumbnail(v.Thumbnail)
	a.ThumbnailVisibility = nil
	if !v.ThumbInList || !v.ThumbInPost {
		a.ThumbnailVisibility = []string{}
		if v.ThumbInList {
			a.ThumbnailVisibility = append(a.ThumbnailVisibility, "list")
		}
		if v.ThumbInPost {
			a.ThumbnailVisibility = append(a.ThumbnailVisibility, "post")
		}
	}
	for _, f := range content.ArticleFlags() {
		on := v.Flag(f.Key)
		f.Set(&a, &on)
	}
	switch v.Sidebar {
	case "", "left", "right", "false":
		a.Sidebar = v.Sidebar
	default:
		fr.Errs.Add("sidebar", "Pick right, left, none or the site default.")
	}
	a.Widgets = fr.Widgets(v.WidgetOrder)
	a.Aliases = nil
	for _, al := range fr.Aliases(v.Aliases, siteLanguages(set)) {
		if al != a.Permalink { // the article's own URL needs no alias
			a.Aliases = append(a.Aliases, al)
		}
	}
	if fr.Errs.Err() != nil {
		return a, &fr.Errs
	}
	a.LangList = []string{a.Lang}
	return a, nil
}

// applyURL sets slug, section and permalink. An article whose slug, section and language did
// not change keeps its URL exactly (imported ones may follow [permalinks] patterns); otherwise
// the URL is /<lang>/<section>/<slug>/ and the old one stays as a redirect.
func applyURL(fr *FieldReader, a, base *data.Article, slugText, section string, set data.SiteSettings) {
	if base.ID != 0 && base.Permalink != "" && slugText == displaySlug(base) && section == base.Section && a.Lang == base.Lang {
		return // unchanged, so kept as imported even where the desk's slug rule is stricter
	}
	slug := strings.ToLower(strings.TrimSpace(slugText))
	if slug == "" {
		slug = slugFromTitle(a.Title)
		if slug == "" && a.Title != "" {
			fr.Errs.Add("slug", "The title has no letters or digits to make a slug from: type one.")
			return
		}
	} else if !slugPattern.MatchString(slug) || utf8.RuneCountInString(slug) > 120 {
		msg := "Use letters, digits and single hyphens only: no /, .., spaces or other signs."
		if s := slugFromTitle(slug); s != "" {
			msg += " For example: " + s
		}
		fr.Errs.Add("slug", msg)
		return
	}
	if base.ID != 0 && base.Permalink != "" && slug == displaySlug(base) && section == base.Section && a.Lang == base.Lang {
		return
	}
	a.Slug, a.Section, a.URL = slug, section, ""
	a.Type = section
	if a.Type == "" {
		a.Type = "page"
	}
	prefix := ""
	if a.Lang != set.DefaultLanguage {
		prefix = a.Lang
	}
	a.Permalink = path.Join("/", prefix, section, slug) + "/"
}

func siteLanguages(set data.SiteSettings) []string {
	codes := []string{set.DefaultLanguage}
	for _, l := range set.Languages {
		codes = append(codes, l.Code)
	}
	return codes
}

func languageKnown(set data.SiteSettings, code string) bool {
	if code == "" {
		return false
	}
	if code == set.DefaultLanguage {
		return true
	}
	for _, l := range set.Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// slugFromTitle makes a slug: Hugo's urlize, then only letters and digits joined by single
// hyphens (urlize keeps "/" and "." which a slug must not have).
func slugFromTitle(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range content.Urlize(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	s := []rune(b.String())
	if len(s) > 120 {
		s = s[:120]
	}
	return strings.TrimRight(string(s), "-")
}
