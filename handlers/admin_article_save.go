package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/editing"
	"gazette/views"
)

// handleArticleSave saves the article form with one of its actions: save (keep the status),
// draft, publish (now), schedule (at the publish time) or unpublish. Errors bring the form back
// with everything typed (422); a concurrent save brings it back beside the other version (409).
func handleArticleSave(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, _ := sessionFrom(r.Context())
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		v := editing.ValuesFromForm(r.PostForm)
		action := r.PostForm.Get("action")
		baseVersion, _ := strconv.Atoi(r.PostForm.Get("version"))
		st := articleFormState{id: id, version: baseVersion, status: data.StatusDraft}
		base, err := dk.baseArticle(r, id, &st)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		errs := &data.ValidationError{}
		mediaTextFrom(r.PostForm, "thumbnail_", errs) // only checked here; editing.SaveThumbText writes it
		if url, err := dk.uploadFromForm(r, "thumbnail_file", sess.Editor.ID); err != nil && errorStatus(err) == http.StatusServiceUnavailable {
			dk.deskError(w, r, err) // the disk, not the image: "read-only right now"
			return
		} else if err != nil {
			errs.Add("thumbnail_file", editing.UploadMessage(err))
		} else if url != "" {
			v.Thumbnail = url
		}
		now := dk.store.Now()
		loc := editing.SiteLocation(dk.settings(r.Context()))
		a, invalid := editing.BuildArticle(v, base, dk.settings(r.Context()), now)
		shown := editing.ValuesFromArticle(&base, loc)
		if invalid != nil {
			for f, m := range invalid.Fields {
				if id == 0 || !editing.UnchangedField(f, shown, v) {
					errs.Add(f, m)
				}
			}
		}
		if id != 0 {
			editing.KeepUnchangedDates(&a, &base, shown, v)
		}
		editing.LinkTranslation(r.Context(), dk.store, &a, v.TranslationOf, errs)
		note := editing.ApplyAction(&a, &base, action, now, errs)
		if errs.Err() != nil {
			st.errs, st.message = errs.Fields, "Nothing was saved yet: correct the fields marked below."
			dk.renderArticleForm(w, r, http.StatusUnprocessableEntity, v, st)
			return
		}
		body, bodyChanged := base.BodyMarkdown, id == 0 || !editing.SameBody(v.Body, base.BodyMarkdown)
		if bodyChanged {
			body = a.BodyMarkdown
		}
		edits := append(editing.NewArticleEdits(&a, strings.TrimSpace(v.Author), now), editing.NewsroomEdits(views.NewsroomValues{}, v.Newsroom, &base)...)
		if id != 0 {
			edits = editing.DeskEdits(shown, v, &a, &base, loc, now, bodyChanged)
		}
		a, err = editing.AssembleArticle(r.Context(), dk.store, dk.settings(r.Context()), dk.log, &base, &a, edits, body)
		if err == nil {
			_, err = dk.store.SaveDeskArticle(r.Context(), &a, baseVersion, sess.Editor.ID, note)
		}
		if err == nil {
			err = editing.SaveThumbText(r.Context(), dk.store, v)
		}
		var conflict *data.ConflictError
		switch {
		case errors.As(err, &invalid):
			st.errs, st.message = invalid.Fields, "Nothing was saved yet: correct the fields marked below."
			dk.renderArticleForm(w, r, http.StatusUnprocessableEntity, v, st)
			return
		case errors.As(err, &conflict):
			st.version = conflict.Version
			st.message = "Not saved: someone else saved this article after you opened it."
			st.conflict = &views.Conflict{Version: conflict.Version, Title: conflict.Current.Title, Body: conflict.Current.BodyMarkdown,
				Diff: editing.LineDiff(conflict.Current.BodyMarkdown, v.Body)}
			dk.renderArticleForm(w, r, http.StatusConflict, v, st)
			return
		case err != nil:
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, auditActionOf(note), articleTarget(&a), note)
		seeOther(w, r, "/admin/articles/"+strconv.FormatInt(a.ID, 10)+"?done="+note)
	})
}

// baseArticle is the stored article the form edits, or a new one with a stable source path
// (the path is the article's identity for SaveArticles, so it never follows the slug).
func (dk *desk) baseArticle(r *http.Request, id int64, st *articleFormState) (data.Article, error) {
	if id == 0 {
		key := editing.DeskPrefix + strings.ToLower(data.RandomToken()[:12])
		return data.Article{SourcePath: key + ".md", TranslationKey: key, Draft: true}, nil
	}
	a, ds, err := dk.loadForDesk(r, id)
	if err != nil {
		return a, err
	}
	cur := dk.formState(&a, ds)
	st.status, st.url = cur.status, cur.url
	return a, nil
}

// handleArticlePreview shows the form's article in the real reader layout, unsaved.
func handleArticlePreview(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, _ := sessionFrom(r.Context())
		v := editing.ValuesFromForm(r.PostForm)
		// A just-chosen upload is in the preview: it is stored now (the library keeps it by its
		// content hash, so saving the form later stores nothing twice).
		if url, err := dk.uploadFromForm(r, "thumbnail_file", sess.Editor.ID); err != nil && errorStatus(err) == http.StatusServiceUnavailable {
			dk.deskError(w, r, err)
			return
		} else if err != nil {
			dk.renderArticleForm(w, r, http.StatusUnprocessableEntity, v, articleFormState{errs: map[string]string{"thumbnail_file": editing.UploadMessage(err)},
				message: "The preview needs these fields corrected first."})
			return
		} else if url != "" {
			v.Thumbnail = url
		}
		now := dk.store.Now()
		base := data.Article{SourcePath: editing.DeskPrefix + "preview.md", TranslationKey: editing.DeskPrefix + "preview"}
		a, invalid := editing.BuildArticle(v, base, dk.settings(r.Context()), now)
		if invalid == nil {
			if a.Date.IsZero() {
				a.Date = now
			}
			var err error
			a, err = editing.AssembleArticle(r.Context(), dk.store, dk.settings(r.Context()), dk.log, &base, &a, editing.NewArticleEdits(&a, strings.TrimSpace(v.Author), now), a.BodyMarkdown)
			if err != nil && !errors.As(err, &invalid) {
				dk.deskError(w, r, err)
				return
			}
		}
		if invalid != nil {
			dk.renderArticleForm(w, r, http.StatusUnprocessableEntity, v, articleFormState{errs: invalid.Fields,
				message: "The preview needs these fields corrected first."})
			return
		}
		w.Header().Set("X-Robots-Tag", "noindex")
		if err := dk.serveArticle(&noStoreWriter{ResponseWriter: w}, r.WithContext(withPreview(r.Context())), &a); err != nil {
			dk.deskError(w, r, err)
		}
	})
}

// handleArticleTrash moves an article to the trash or back.
func handleArticleTrash(dk *desk, trash bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		if err := dk.store.SetTrashed(r.Context(), id, trash); err != nil {
			dk.deskError(w, r, err)
			return
		}
		done, action := "restored", "restore"
		if trash {
			done, action = "trashed", "trash"
		}
		dk.audit(r, action, "article #"+strconv.FormatInt(id, 10), "")
		seeOther(w, r, "/admin/articles/"+strconv.FormatInt(id, 10)+"?done="+done)
	})
}

// handleArticleDelete deletes an article for good (admins only, from the trash only).
func handleArticleDelete(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		st, err := dk.store.ArticleDeskState(r.Context(), id)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		if !st.Trashed || r.PostForm.Get("confirm") != "yes" {
			dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminMessage(dk.page(r, "Not deleted", ""), "Not deleted",
				"Only an article in the trash can be deleted, and the box confirming it must be ticked."))
			return
		}
		if err := dk.store.DeleteArticle(r.Context(), id); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "delete", "article #"+strconv.FormatInt(id, 10), "deleted for good")
		seeOther(w, r, "/admin/?status=trash&done=deleted")
	})
}

// auditActionOf names a desk save in the audit log by what it did to readers.
func auditActionOf(note string) string {
	switch note {
	case "published", "scheduled":
		return "publish"
	case "unpublished":
		return "retract"
	}
	return "save"
}

// articleTarget names an article in the audit log.
func articleTarget(a *data.Article) string {
	return a.Title + " (#" + strconv.FormatInt(a.ID, 10) + ")"
}
