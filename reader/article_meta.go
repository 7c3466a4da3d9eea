package reader

import (
	"cmp"
	"strings"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/views"
)

// defaultPostMeta is the meta line when neither the article nor the site chose one. Mainroad
// shows none then; a news site always dates its stories, so Gazette shows the date and
// categories. An explicit empty post_meta still turns the line off.
var defaultPostMeta = []string{"date", "categories"}

// Meta builds an article's meta line from post_meta (.Param: the article's list when its front
// matter has the key, else the site's).
func (st *State) Meta(a *data.Article, translations []views.WidgetLink) views.Meta {
	params := st.Settings.Params
	items := a.PostMeta
	if items == nil {
		if list, ok := ParamStrings(params, "post_meta"); ok {
			items = list
		} else {
			items = defaultPostMeta
		}
	}
	m := views.Meta{Items: items, Author: cmp.Or(ArticleAuthor(a), ParamString(params, "author", "name")), Date: a.Date,
		Translations: translations}
	if !a.Lastmod.IsZero() && !a.Date.IsZero() && a.Lastmod.Sub(a.Date) >= time.Minute {
		m.Lastmod = a.Lastmod
	}
	prefix := st.LangPrefix(a.Lang)
	for _, t := range a.TermsOf("categories") {
		if t.Key != "" && strings.TrimSpace(t.Name) != "" {
			m.Cats = append(m.Cats, views.TermLink{Name: t.Name, URL: TermURL(prefix, t.Taxonomy, t.Key)})
		}
	}
	if a.WordCount > 0 {
		// Hugo's ReadingTime: 213 words a minute, rounded up.
		m.ReadingMinutes = (a.WordCount + 212) / 213
	}
	return m
}

// ArticleAuthor is the article's own author from its front matter (Hugo sites write a name or
// a list of names; the first one is shown), or "".
func ArticleAuthor(a *data.Article) string {
	switch v := a.FrontMatter["author"].(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return strings.TrimSpace(s)
		}
	case []string:
		if len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
	}
	return ""
}

// Thumbnail resolves an article's thumbnail where it is visible ("list" or "post"): its own
// visibility list, else params.thumbnail.visibility, else both. A path relative to the article
// that names one of its bundle files is served from the bundle; a bundle path whose file is
// missing shows nothing rather than a broken image.
func (st *State) Thumbnail(a *data.Article, where string) *views.Image {
	src := strings.TrimSpace(a.Thumbnail)
	if src == "" {
		return nil
	}
	vis := a.ThumbnailVisibility
	if vis == nil {
		if list, ok := ParamStrings(st.Settings.Params, "thumbnail", "visibility"); ok {
			vis = list
		} else {
			vis = []string{"list", "post"}
		}
	}
	visible := false
	for _, v := range vis {
		visible = visible || strings.EqualFold(strings.TrimSpace(v), where)
	}
	if !visible {
		return nil
	}
	img := &views.Image{Alt: a.Title}
	switch {
	case strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://"):
		img.URL = src
		return img
	case strings.Contains(src, ":") && !strings.HasPrefix(src, "/"):
		return nil // another scheme (javascript:, data:) is never an image Gazette serves
	}
	name := strings.TrimPrefix(src, "./")
	if strings.HasPrefix(src, "/") {
		if !strings.HasPrefix(src, a.Permalink) {
			img.URL = content.EscapePath(src)
			return img
		}
		name = strings.TrimPrefix(src, a.Permalink)
	}
	for _, r := range a.Resources {
		if r.Name == name && r.StoredName != "" {
			img.URL = content.EscapePath(a.Permalink + name)
			return img
		}
	}
	if strings.HasPrefix(src, "/") || len(a.Resources) > 0 {
		return nil // a bundle file that is missing
	}
	img.URL = content.EscapePath("/" + name) // Hugo's relURL: relative to the site
	return img
}
