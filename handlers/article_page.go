package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"gazette/content"
	"gazette/data"
	"gazette/reader"
	"gazette/views"
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
		v.TOC = reader.TOCEntries(a.TOCHeadings)
	}
	if content.FlagOn(a, "authorbox", params) {
		v.AuthorBox = &views.Author{Name: reader.ParamString(params, "author", "name"), Bio: reader.ParamString(params, "author", "bio"),
			Avatar: reader.AvatarURL(reader.ParamString(params, "author", "avatar"))}
		if own := reader.ArticleAuthor(a); own != "" && own != v.AuthorBox.Name {
			// The site author's bio and picture are not this author's.
			v.AuthorBox = &views.Author{Name: own}
		}
	}
	if err := st.ArticleNeighbours(ctx, a, &v); err != nil {
		return err
	}
	if strings.Contains(a.BodyHTML, `class="chroma`) {
		v.StyleURLs = append(v.StyleURLs, s.assets.URL("highlight.css"))
	}
	if src := st.MathJaxSrc(a); src != "" {
		v.Scripts = append(v.Scripts, src)
	}
	if v.Comments, err = s.discussionView(r, st, a); err != nil {
		return err
	}
	setKeys(w, "a:"+strconv.FormatInt(a.ID, 10))
	return render(w, r, http.StatusOK, views.Article(v), discussionCache(v.Comments), modified)
}
