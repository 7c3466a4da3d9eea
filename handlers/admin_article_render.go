package handlers

import (
	"context"
	"errors"
	"html"
	"net/http"
	"strings"

	"gazette/data"
	"gazette/editing"
	"gazette/views"
)

// deskPageWithEditor is the frame of the article form: the desk page with the editor's script
// (toolbar, live preview, autosave), which only adds to a form that works without it.
func (dk *desk) deskPageWithEditor(r *http.Request, title, nav string) views.AdminPage {
	p := dk.page(r, title, nav)
	p.ScriptURL = dk.assets.URL("desk-editor.js")
	return p
}

// handleArticleRender renders the posted Markdown as the article's body would be rendered on
// save (the site's pipeline, shortcodes, sanitiser), for the form's live preview. Only the
// text is read; the answer is an HTML fragment the store would keep as the body.
func handleArticleRender(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := views.ArticleValues{Title: strings.TrimSpace(r.PostForm.Get("title")), Body: r.PostForm.Get("body"),
			Lang: r.PostForm.Get("lang"), Section: r.PostForm.Get("section"), WidgetOrder: map[string]string{}}
		if v.Title == "" || len(v.Title) > 300 {
			v.Title = "Preview"
		}
		if v.Lang == "" {
			v.Lang = dk.settings(r.Context()).DefaultLanguage
		}
		now := dk.store.Now()
		base := data.Article{SourcePath: editing.DeskPrefix + "preview.md", TranslationKey: editing.DeskPrefix + "preview"}
		a, invalid := editing.BuildArticle(v, base, dk.settings(r.Context()), now)
		if invalid == nil {
			var err error
			a, err = editing.AssembleArticle(r.Context(), dk.store, dk.settings(r.Context()), dk.log, &base, &a, editing.NewArticleEdits(&a, "", now), a.BodyMarkdown)
			if err != nil && !errors.As(err, &invalid) {
				dk.deskError(w, r, err)
				return
			}
		}
		cacheNone.set(w.Header())
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if invalid != nil {
			w.WriteHeader(http.StatusUnprocessableEntity)
			for _, m := range invalid.Fields {
				_, _ = w.Write([]byte("<p>" + html.EscapeString(m) + "</p>"))
			}
			return
		}
		_, _ = w.Write([]byte(a.BodyHTML))
	})
}

// previewKey marks a request that renders the desk's preview of an unsaved article.
type previewKey struct{}

func withPreview(ctx context.Context) context.Context {
	return context.WithValue(ctx, previewKey{}, true)
}

func isPreview(ctx context.Context) bool { v, _ := ctx.Value(previewKey{}).(bool); return v }
