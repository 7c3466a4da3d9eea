package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// MathJax 2 as Mainroad loads it when an article asks for it.
const (
	defaultMathJaxPath   = "https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.6/MathJax.js"
	defaultMathJaxConfig = "TeX-AMS-MML_HTMLorMML"
	relatedCount         = 5
)

// serveArticle renders one article with everything around it (spec §1c).
func serveArticle(s *site, w http.ResponseWriter, r *http.Request, a *data.Article) error {
	ctx := r.Context()
	st, err := s.model.Current(ctx)
	if err != nil {
		return err
	}
	params := st.Settings.Params
	translations, err := s.store.Translations(ctx, a)
	if err != nil {
		return err
	}
	trURLs := map[string]string{}
	var trLinks []views.WidgetLink
	for i := range translations {
		t := &translations[i]
		trURLs[t.Lang] = reader.ArticleURL(t)
		trLinks = append(trLinks, views.WidgetLink{Name: strings.ToUpper(t.Lang), URL: reader.ArticleURL(t), Lang: st.LangTag(t.Lang)})
	}
	trURLs[a.Lang] = reader.ArticleURL(a)
	uploads, err := reader.ThumbnailUploads(ctx, s.store, a.Thumbnail)
	if err != nil {
		return err
	}
	v := views.ArticlePage{
		Page:    s.page(ctx, r, st, reader.PageKind{Kind: "single", Lang: a.Lang, Article: a, Translations: trURLs}),
		Article: a,
		Meta:    st.Meta(a, trLinks),
		Thumb:   reader.SizedThumbnail(st.Thumbnail(a, "post"), uploads),
	}
	v.Title, v.Description, v.Canonical = a.Title, a.Description, st.AbsURL(reader.ArticleURL(a))
	v.Preview = isPreview(ctx)
	v.NoIndex = v.NoIndex || content.FlagOn(a, "robotsNoIndex", params)
	v.Head = st.ArticleHead(a, translations, feedKinds)
	modified, err := st.ArticleNewsroom(ctx, a, &v)
	if err != nil {
		return err
	}
	if v.Title == "" {
		v.Title = a.Permalink
	}
	prefix := st.LangPrefix(a.Lang)
	for _, t := range a.TermsOf("tags") {
		if t.Key != "" && strings.TrimSpace(t.Name) != "" {
			v.Tags = append(v.Tags, views.TermLink{Name: t.Name, URL: reader.TermURL(prefix, t.Taxonomy, t.Key)})
		}
	}
	v.Cats = v.Meta.Cats
	if content.FlagOn(a, "toc", params) {
		v.TOC = tocEntries(a.TOCHeadings)
	}
	if content.FlagOn(a, "authorbox", params) {
		v.AuthorBox = &views.Author{Name: reader.ParamString(params, "author", "name"), Bio: reader.ParamString(params, "author", "bio"),
			Avatar: reader.AvatarURL(reader.ParamString(params, "author", "avatar"))}
		if own := reader.ArticleAuthor(a); own != "" && own != v.AuthorBox.Name {
			// The site author's bio and picture are not this author's.
			v.AuthorBox = &views.Author{Name: own}
		}
	}
	if err := s.articleNeighbours(ctx, st, a, &v); err != nil {
		return err
	}
	if strings.Contains(a.BodyHTML, `class="chroma`) {
		v.StyleURLs = append(v.StyleURLs, s.assets.URL("highlight.css"))
	}
	if src := mathJaxSrc(st, a); src != "" {
		v.Scripts = append(v.Scripts, src)
	}
	if v.Comments, err = s.discussionView(r, st, a); err != nil {
		return err
	}
	setKeys(w, "a:"+strconv.FormatInt(a.ID, 10))
	return render(w, r, http.StatusOK, views.Article(v), discussionCache(v.Comments), modified)
}

// articleNeighbours fills the pager and the related articles.
func (s *site) articleNeighbours(ctx context.Context, st *reader.State, a *data.Article, v *views.ArticlePage) error {
	params := st.Settings.Params
	// Gazette shows the pager unless it is switched off (Mainroad's example config turns it on).
	// Pages without a section (About, Contact, an article saved without one) have no
	// sequence to step through: their "neighbours" would be each other.
	if a.Section != "" && content.FlagOn(a, "pager", params) {
		older, newer, err := s.store.Neighbours(ctx, a)
		if err != nil {
			return err
		}
		if older != nil {
			v.Older = &views.TermLink{Name: refTitle(older), URL: articleURLFromPath(older.Permalink)}
		}
		if newer != nil {
			v.Newer = &views.TermLink{Name: refTitle(newer), URL: articleURLFromPath(newer.Permalink)}
		}
	}
	if reader.HasParam(params, "related") && !reader.ParamBool(params, "related") {
		return nil
	}
	related, err := s.store.Related(ctx, a, relatedCount)
	if err != nil {
		return err
	}
	for _, r := range related {
		v.Related = append(v.Related, views.RelatedLink{Title: refTitle(&r), URL: articleURLFromPath(r.Permalink), Date: parseRefDate(r.Date)})
	}
	return nil
}

// mathJaxSrc is the MathJax script of an article that asks for it: only the boolean true turns
// it on, as in Mainroad; path and config come from the article, then the site, then Mainroad's
// defaults. A path that is not https or site-relative is ignored.
func mathJaxSrc(st *reader.State, a *data.Article) string {
	params := st.Settings.Params
	// Mainroad's switch is `mathjax`; many other themes' (PaperMod, Stack, Blowfish) is
	// `math`. The page's own word wins over the site's, Mainroad's over the others'.
	on := false
	switch {
	case a.MathJax != nil:
		on = *a.MathJax
	case hasBool(a.FrontMatter, "math"):
		on = reader.Param(a.FrontMatter, "math").(bool)
	case hasBool(params, "mathjax"):
		on = reader.Param(params, "mathjax").(bool)
	case hasBool(params, "math"):
		on = reader.Param(params, "math").(bool)
	}
	if !on {
		return ""
	}
	path := reader.ParamString(a.FrontMatter, "mathjaxPath")
	if path == "" {
		path = reader.ParamString(params, "mathjaxPath")
	}
	if !(strings.HasPrefix(path, "https://") || (strings.HasPrefix(path, "/") && !strings.HasPrefix(path, "//"))) || strings.ContainsAny(path, "\"<> ") {
		path = defaultMathJaxPath
	}
	config := reader.ParamString(a.FrontMatter, "mathjaxConfig")
	if config == "" {
		config = reader.ParamString(params, "mathjaxConfig")
	}
	if config == "" {
		config = defaultMathJaxConfig
	}
	return path + "?config=" + urlQueryEscape(config)
}

func hasBool(m map[string]any, key string) bool {
	_, ok := reader.Param(m, key).(bool)
	return ok
}

// tocEntries nests h3 headings under their h2; an h3 before any h2 stands alone.
func tocEntries(hs []data.Heading) []views.TOCEntry {
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

func refTitle(r *data.ArticleRef) string {
	if r.Title != "" {
		return r.Title
	}
	return r.Permalink
}

func parseRefDate(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
