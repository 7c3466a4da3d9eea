package reader

import (
	"context"
	"net/url"
	"strings"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/views"
)

// MathJax 2 as Mainroad loads it when an article asks for it.
const (
	DefaultMathJaxPath   = "https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.6/MathJax.js"
	DefaultMathJaxConfig = "TeX-AMS-MML_HTMLorMML"
	relatedCount         = 5
)

// ArticleNeighbours fills the pager and the related articles.
func (st *State) ArticleNeighbours(ctx context.Context, a *data.Article, v *views.ArticlePage) error {
	params := st.Settings.Params
	// Gazette shows the pager unless it is switched off (Mainroad's example config turns it on).
	// Pages without a section (About, Contact, an article saved without one) have no
	// sequence to step through: their "neighbours" would be each other.
	if a.Section != "" && content.FlagOn(a, "pager", params) {
		older, newer, err := st.model.store.Neighbours(ctx, a)
		if err != nil {
			return err
		}
		if older != nil {
			v.Older = &views.TermLink{Name: RefTitle(older), URL: articleURLFromPath(older.Permalink)}
		}
		if newer != nil {
			v.Newer = &views.TermLink{Name: RefTitle(newer), URL: articleURLFromPath(newer.Permalink)}
		}
	}
	if HasParam(params, "related") && !ParamBool(params, "related") {
		return nil
	}
	related, err := st.model.store.Related(ctx, a, relatedCount)
	if err != nil {
		return err
	}
	for _, r := range related {
		v.Related = append(v.Related, views.RelatedLink{Title: RefTitle(&r), URL: articleURLFromPath(r.Permalink), Date: ParseRefDate(r.Date)})
	}
	return nil
}

// MathJaxSrc is the MathJax script of an article that asks for it: only the boolean true turns
// it on, as in Mainroad; path and config come from the article, then the site, then Mainroad's
// defaults. A path that is not https or site-relative is ignored.
func (st *State) MathJaxSrc(a *data.Article) string {
	params := st.Settings.Params
	// Mainroad's switch is `mathjax`; many other themes' (PaperMod, Stack, Blowfish) is
	// `math`. The page's own word wins over the site's, Mainroad's over the others'.
	on := false
	switch {
	case a.MathJax != nil:
		on = *a.MathJax
	case hasBool(a.FrontMatter, "math"):
		on = Param(a.FrontMatter, "math").(bool)
	case hasBool(params, "mathjax"):
		on = Param(params, "mathjax").(bool)
	case hasBool(params, "math"):
		on = Param(params, "math").(bool)
	}
	if !on {
		return ""
	}
	path := ParamString(a.FrontMatter, "mathjaxPath")
	if path == "" {
		path = ParamString(params, "mathjaxPath")
	}
	if !(strings.HasPrefix(path, "https://") || (strings.HasPrefix(path, "/") && !strings.HasPrefix(path, "//"))) || strings.ContainsAny(path, "\"<> ") {
		path = DefaultMathJaxPath
	}
	config := ParamString(a.FrontMatter, "mathjaxConfig")
	if config == "" {
		config = ParamString(params, "mathjaxConfig")
	}
	if config == "" {
		config = DefaultMathJaxConfig
	}
	return path + "?config=" + urlQueryEscape(config)
}

func hasBool(m map[string]any, key string) bool {
	_, ok := Param(m, key).(bool)
	return ok
}

// TOCEntries nests h3 headings under their h2; an h3 before any h2 stands alone.
func TOCEntries(hs []data.Heading) []views.TOCEntry {
	var out []views.TOCEntry
	for _, h := range hs {
		if h.ID == "" || (h.Level != 2 && h.Level != 3) {
			continue
		}
		e := views.TOCEntry{ID: h.ID, Text: h.Text}
		if h.Level == 3 && len(out) > 0 {
			out[len(out)-1].Children = append(out[len(out)-1].Children, e)
			continue
		}
		out = append(out, e)
	}
	return out
}

// RefTitle is an article reference's title, else its permalink.
func RefTitle(r *data.ArticleRef) string {
	if r.Title != "" {
		return r.Title
	}
	return r.Permalink
}

// ParseRefDate reads an article reference's date; zero when it has none.
func ParseRefDate(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// articleURLFromPath is the link to a stored permalink.
func articleURLFromPath(p string) string { return ArticleURL(&data.Article{Permalink: p}) }
