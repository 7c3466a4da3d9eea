package handlers

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/editing"
	"gazette/reader"
	"gazette/views"
)

// articleFormState is what the form shows beside the values.
type articleFormState struct {
	id       int64
	version  int
	status   data.Status
	errs     map[string]string
	message  string
	conflict *views.Conflict
	url      string
	// missingAlt names the stored article's images without alt text.
	missingAlt []string
}

// renderArticleForm shows the article form with its suggestions.
func (dk *desk) renderArticleForm(w http.ResponseWriter, r *http.Request, status int, v views.ArticleValues, st articleFormState) {
	ctx := r.Context()
	set := dk.settings(ctx)
	title, nav := "New article", "new"
	if st.id != 0 {
		title, nav = "Edit: "+v.Title, "articles"
	}
	form := views.ArticleForm{
		AdminPage: dk.deskPageWithEditor(r, title, nav), ID: st.id, Version: st.version, Status: st.status, PublicURL: st.url,
		Values: v, Errors: st.errs, Message: st.message, Conflict: st.conflict, TimeZone: editing.ZoneName(editing.SiteLocation(set), dk.store.Now()),
		Languages: set.Languages, Widgets: editing.DeskWidgets, Primary: editing.PrimaryAction(st.status, v.PublishDate, editing.SiteLocation(set), dk.store.Now()),
	}
	form.SectionNote = editing.HomeSectionNote(set, v.Section)
	form.MissingAlt = st.missingAlt
	if len(form.Languages) == 0 {
		form.Languages = []data.LanguageSetting{{Code: set.DefaultLanguage}}
	}
	var err error
	if form.Sections, err = dk.store.DeskSections(ctx); err == nil {
		if form.Tags, err = dk.store.TermNames(ctx, "tags"); err == nil {
			form.Cats, err = dk.store.TermNames(ctx, "categories")
		}
	}
	if err == nil {
		form.Images, err = dk.recentImages(r, 12)
	}
	if err == nil && st.id != 0 {
		form.Discussion, err = dk.articleDiscussionForm(r, st.id)
	}
	if err == nil && st.id != 0 {
		form.Reads, err = dk.articleReads(ctx, st.id)
	}
	if err == nil {
		form.Newsroom, err = editing.NewsroomForm(ctx, dk.store, dk.settings(ctx), st.id, v.Newsroom)
	}
	if err != nil {
		dk.deskError(w, r, err)
		return
	}
	dk.renderDesk(w, r, status, views.AdminArticleForm(form))
}

// handleArticleNew shows a blank form.
func handleArticleNew(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, _ := sessionFrom(r.Context())
		dk.renderArticleForm(w, r, http.StatusOK, editing.NewArticleValues(dk.settings(r.Context()), sess.Editor.Name), articleFormState{})
	})
}

// handleArticleEdit shows a stored article in the form.
func handleArticleEdit(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		a, st, err := dk.loadForDesk(r, id)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v := editing.ValuesFromArticle(&a, editing.SiteLocation(dk.settings(r.Context())))
		v.TranslationOf = editing.TranslationOf(r.Context(), dk.store, dk.log, &a)
		thumb, err := editing.ThumbnailMedia(r.Context(), dk.store, a.Thumbnail)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		editing.FillThumbText(&v, thumb)
		fs := dk.formState(&a, st)
		fs.missingAlt = editing.ImagesWithoutAlt(&a, thumb)
		dk.renderArticleForm(w, r, http.StatusOK, v, fs)
	})
}

func (dk *desk) loadForDesk(r *http.Request, id int64) (data.Article, data.DeskState, error) {
	a, err := dk.store.Article(r.Context(), id)
	if err != nil {
		return a, data.DeskState{}, err
	}
	st, err := dk.store.ArticleDeskState(r.Context(), id)
	return a, st, err
}

func (dk *desk) formState(a *data.Article, st data.DeskState) articleFormState {
	fs := articleFormState{id: a.ID, version: st.Version, status: data.StatusOf(a, st.Trashed, dk.store.Now())}
	if fs.status == data.StatusPublished {
		fs.url = reader.ArticleURL(a)
	}
	return fs
}

var formPath = regexp.MustCompile(`^/admin/articles/(new|[0-9]+)$`)

// resumeAfterLogin brings back a form whose session ended while it was being written: the
// text comes back in the form, unsaved, with a note to save it.
func (dk *desk) resumeAfterLogin(w http.ResponseWriter, r *http.Request, next string, kept []views.KeptField) {
	m := formPath.FindStringSubmatch(next)
	if m == nil {
		seeOther(w, r, next)
		return
	}
	vals := url.Values{}
	for _, k := range kept {
		vals.Add(k.Name, k.Value)
	}
	st := articleFormState{message: "You are logged in again. Your text is below, not yet saved: save it now."}
	if m[1] != "new" {
		st.id, _ = strconv.ParseInt(m[1], 10, 64)
		a, ds, err := dk.loadForDesk(r, st.id)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		cur := dk.formState(&a, ds)
		st.status, st.url = cur.status, cur.url
		// Keep the version the text was based on, so a save in between still shows a conflict.
		st.version, _ = strconv.Atoi(vals.Get("version"))
	}
	dk.renderArticleForm(w, r, http.StatusOK, editing.ValuesFromForm(vals), st)
}
