package editing

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/views"
)

// DeskPrefix is where articles written on the desk have their source path: outside every
// content folder, so the path never collides with an imported file.
const DeskPrefix = "gazette/"

// AssembleArticle is the desk's way into the content pipeline: the edits are applied to the
// base article's front matter as written, the body joins it, and the result is read and
// rendered exactly as an import reads and renders a file (the site's options, refs against
// every stored article). What the desk decides beyond front matter (language, section and URL
// of its own articles, bundle files) comes from placed.
func AssembleArticle(ctx context.Context, store *data.Store, set data.SiteSettings, log *slog.Logger, base, placed *data.Article, edits []content.Edit, body string) (data.Article, error) {
	cfg, err := content.ConfigFromSettings(set)
	if err != nil {
		return data.Article{}, fmt.Errorf("site configuration: %w", err)
	}
	listPages, err := store.ListPages(ctx) // their cascades reach the article, as at import
	if err != nil {
		return data.Article{}, err
	}
	cfg.Cascades = content.NewCascades(listPages)
	cfg.SiteFiles = func(dir string) []string { // a `gallery dir=` shows the stored static files
		files, err := store.SiteFilesIn(ctx, dir)
		if err != nil {
			log.Error("site files", "dir", dir, "err", err)
		}
		return files
	}
	text, err := content.EditFrontMatter(base.FrontMatterText, base.FrontMatterFmt, base.FrontMatter, edits)
	if err != nil {
		return data.Article{}, &data.ValidationError{Fields: map[string]string{"body": "The article's front matter cannot be edited: " + err.Error()}}
	}
	pl := content.NewPipeline(cfg)
	a, err := pl.Article(base.SourcePath, []byte(text+body))
	if err != nil {
		return a, &data.ValidationError{Fields: map[string]string{"body": "The article's front matter is not valid: " + err.Error()}}
	}
	a.ID, a.Resources, a.CreatedAt = base.ID, base.Resources, base.CreatedAt
	a.Lang, a.Section, a.Type, a.Permalink = placed.Lang, placed.Section, placed.Type, placed.Permalink
	a.TranslationKey = placed.TranslationKey
	var refs content.RefIndex
	if strings.Contains(body, "ref") { // only ref/relref shortcodes need every article's path
		paths, err := store.ArticlePaths(ctx)
		if err != nil {
			return a, err
		}
		refs = content.NewRefIndex(cfg, paths)
	}
	if _, err := pl.Render(&a, refs); err != nil {
		return a, &data.ValidationError{Fields: map[string]string{"body": "The text could not be rendered: " + err.Error()}}
	}
	return a, nil
}

// SameBody reports whether the posted body is the stored one as a browser sends it back: line
// ends as CRLF, and a textarea drops the first newline.
func SameBody(posted, stored string) bool {
	posted, stored = strings.ReplaceAll(posted, "\r\n", "\n"), strings.ReplaceAll(stored, "\r\n", "\n")
	return posted == stored || "\n"+posted == stored
}

// UnchangedField reports whether the editor left a field as the form showed it: an imported
// value the desk's own rules would refuse (a long description, a dotted slug) is then kept, not
// an error.
func UnchangedField(field string, shown, posted views.ArticleValues) bool {
	pairs := map[string][2]string{
		"title": {shown.Title, posted.Title}, "lead": {shown.Lead, posted.Lead}, "author": {shown.Author, posted.Author},
		"description": {shown.Description, posted.Description}, "summary": {shown.Summary, posted.Summary},
		"slug": {shown.Slug, posted.Slug}, "section": {shown.Section, posted.Section}, "translations": {shown.Translations, posted.Translations},
		"categories": {shown.Categories, posted.Categories}, "tags": {shown.Tags, posted.Tags}, "weight": {shown.Weight, posted.Weight},
		"menu_weight": {shown.MenuWeight, posted.MenuWeight}, "thumbnail": {shown.Thumbnail, posted.Thumbnail},
		"sidebar": {shown.Sidebar, posted.Sidebar}, "aliases": {shown.Aliases, posted.Aliases},
		"date": {shown.Date, posted.Date}, "publish_date": {shown.PublishDate, posted.PublishDate}, "expiry_date": {shown.ExpiryDate, posted.ExpiryDate},
	}
	if field == "body" {
		return SameBody(posted.Body, shown.Body)
	}
	p, ok := pairs[field]
	return ok && p[0] == p[1]
}

// KeepUnchangedDates puts back the stored dates of the date fields the editor left as shown: the
// form shows minutes, the front matter may have seconds.
func KeepUnchangedDates(a, base *data.Article, shown, posted views.ArticleValues) {
	if posted.Date == shown.Date {
		a.Date = base.Date
	}
	if posted.PublishDate == shown.PublishDate {
		a.PublishDate = base.PublishDate
	}
	if posted.ExpiryDate == shown.ExpiryDate {
		a.ExpiryDate = base.ExpiryDate
	}
}

// DeskEdits are the front-matter edits of a saved form: one per field the editor changed from
// what the form showed (shown), so keys and values the form cannot show stay as written, and an
// unchanged save writes nothing.
func DeskEdits(shown, posted views.ArticleValues, a, base *data.Article, loc *time.Location, now time.Time, bodyChanged bool) []content.Edit {
	var edits []content.Edit
	set := func(changed bool, key string, value any, alt ...string) {
		if changed {
			edits = append(edits, content.Edit{Keys: append([]string{key}, alt...), Value: value})
		}
	}
	text := func(changed bool, key, value string) {
		if changed && value == "" && !HasKey(base.FrontMatter, key) {
			return
		}
		set(changed, key, value)
	}
	text(shown.Title != posted.Title, "title", a.Title)
	if shown.Author != posted.Author {
		if author := strings.TrimSpace(posted.Author); author != "" {
			set(true, "author", author)
		} else {
			edits = append(edits, content.Edit{Keys: []string{"author"}, Delete: true})
		}
	}
	text(shown.Summary != posted.Summary, "summary", a.Summary)
	text(shown.Description != posted.Description, "description", a.Description)
	text(shown.Lead != posted.Lead, "lead", a.Lead)
	set(a.Permalink != base.Permalink, "slug", a.Slug)
	if a.Permalink != base.Permalink && !strings.HasPrefix(base.SourcePath, DeskPrefix) {
		set(true, "url", a.Permalink) // an imported file keeps its path: its new URL must be said
	}
	set(shown.Translations != posted.Translations, "translations", orEmptyList(a.TranslationsList))
	set(a.TranslationKey != base.TranslationKey, "translationKey", a.TranslationKey)
	edits = append(edits, PublicationEdits(a, base)...)
	set(shown.Categories != posted.Categories, "categories", orEmptyList(termList(a, "categories")))
	set(shown.Tags != posted.Tags, "tags", orEmptyList(termList(a, "tags")))
	if shown.Weight != posted.Weight {
		if a.Weight == 0 {
			edits = append(edits, content.Edit{Keys: []string{"weight"}, Delete: true})
		} else {
			set(true, "weight", a.Weight)
		}
	}
	set(shown.Menu != posted.Menu || shown.MenuWeight != posted.MenuWeight, "menu", menuFrontMatter(a), "menus")
	set(shown.Thumbnail != posted.Thumbnail || shown.ThumbInList != posted.ThumbInList || shown.ThumbInPost != posted.ThumbInPost,
		"thumbnail", thumbnailFrontMatter(a))
	for _, f := range content.ArticleFlags() {
		if on := posted.Flag(f.Key); on != shown.Flag(f.Key) {
			edits = append(edits, f.Edit(on))
		}
	}
	text(shown.Sidebar != posted.Sidebar, "sidebar", a.Sidebar)
	set(!reflect.DeepEqual(typedOrder(shown.WidgetOrder), typedOrder(posted.WidgetOrder)), "widgets", orEmptyList(a.Widgets))
	set(shown.Aliases != posted.Aliases, "aliases", orEmptyList(a.Aliases))
	edits = append(edits, NewsroomEdits(shown.Newsroom, posted.Newsroom, base)...)
	if len(edits) > 0 || bodyChanged {
		set(true, "lastmod", now.In(loc).Truncate(time.Second).Format(time.RFC3339), "modified")
	}
	return edits
}

// PublicationEdits set the dates and draft flag of a where they differ from was.
func PublicationEdits(a, was *data.Article) []content.Edit {
	var edits []content.Edit
	for _, d := range []struct {
		now, was time.Time
		keys     []string
	}{{a.Date, was.Date, []string{"date"}}, {a.PublishDate, was.PublishDate, []string{"publishDate", "publishdate", "pubdate"}},
		{a.ExpiryDate, was.ExpiryDate, []string{"expiryDate", "expirydate", "unpublishdate"}}} {
		switch {
		case d.now.Equal(d.was):
		case d.now.IsZero():
			edits = append(edits, content.Edit{Keys: d.keys, Delete: true})
		default:
			edits = append(edits, content.Edit{Keys: d.keys, Value: d.now.Format(time.RFC3339)})
		}
	}
	if a.Draft != was.Draft {
		edits = append(edits, content.Edit{Keys: []string{"draft"}, Value: a.Draft})
	}
	return edits
}

// NewArticleEdits write a new article's front matter in the shape of the Mainroad articles
// newsrooms bring (the seed article): the same keys in the same order, then the rest.
func NewArticleEdits(a *data.Article, author string, now time.Time) []content.Edit {
	type keyValue struct {
		key   string
		value any
	}
	kv := []keyValue{
		{"title", a.Title}, {"date", a.Date.Format(time.RFC3339)}, {"summary", a.Summary},
		{"categories", orEmptyList(termList(a, "categories"))}, {"lang", []string{a.Lang}},
		{"translations", orEmptyList(a.TranslationsList)}, {"tags", orEmptyList(termList(a, "tags"))},
		{"menu", menuFrontMatter(a)}, {"thumbnail", thumbnailFrontMatter(a)}, {"lead", a.Lead},
	}
	var later []content.Edit // the flags that are no seed key, where they differ from their default
	for _, f := range content.ArticleFlags() {
		on := f.Shown(a)
		switch {
		case f.Seed:
			kv = append(kv, keyValue{f.Key, on})
		case on != f.Default:
			later = append(later, f.Edit(on))
		}
	}
	kv = append(kv, []keyValue{
		{"sidebar", a.Sidebar}, {"widgets", orEmptyList(a.Widgets)},
		{"slug", a.Slug}, {"draft", a.Draft}, {"description", a.Description},
		{"publishDate", a.PublishDate.Format(time.RFC3339)}, {"lastmod", now.In(a.Date.Location()).Truncate(time.Second).Format(time.RFC3339)},
	}...)
	if a.PublishDate.IsZero() {
		kv = kv[:len(kv)-2] // a preview before the first save: no publication yet
	}
	var edits []content.Edit
	for _, e := range kv {
		edits = append(edits, content.Edit{Keys: []string{e.key}, Value: e.value})
	}
	edits = append(edits, later...)
	optional := []struct {
		key   string
		value any
		set   bool
	}{{"author", author, author != ""}, {"weight", a.Weight, a.Weight != 0}, {"aliases", a.Aliases, len(a.Aliases) > 0},
		{"expiryDate", a.ExpiryDate.Format(time.RFC3339), !a.ExpiryDate.IsZero()}}
	for _, e := range optional {
		if e.set {
			edits = append(edits, content.Edit{Keys: []string{e.key}, Value: e.value})
		}
	}
	return edits
}

// menuFrontMatter is the article's menu as Hugo writes it: a name, or a name with its weight
// when that differs from the page's.
func menuFrontMatter(a *data.Article) any {
	for name, m := range a.Menus {
		if m.Weight != 0 && m.Weight != a.Weight {
			return map[string]any{name: map[string]any{"weight": m.Weight}}
		}
		return name
	}
	return ""
}

// thumbnailFrontMatter is Mainroad's thumbnail: a path, or src and visibility.
func thumbnailFrontMatter(a *data.Article) any {
	if a.ThumbnailVisibility == nil {
		return a.Thumbnail
	}
	return map[string]any{"src": a.Thumbnail, "visibility": orEmptyList(a.ThumbnailVisibility)}
}

// typedOrder is the widget positions the editor typed, without the blank ones.
func typedOrder(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if v = strings.TrimSpace(v); v != "" {
			out[k] = v
		}
	}
	return out
}

// HasKey reports whether front matter has key in any letter case, as Hugo reads keys.
func HasKey(m map[string]any, key string) bool {
	for k := range m {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

func termList(a *data.Article, taxonomy string) []string {
	var out []string
	for _, t := range a.TermsOf(taxonomy) {
		out = append(out, t.Name)
	}
	return out
}

func orEmptyList(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
