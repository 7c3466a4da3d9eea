package handlers

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/editing"
)

// handleNoteAdd records a correction or update on an article; readers see it at once.
func handleNoteAdd(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		sess, _ := sessionFrom(r.Context())
		fr := &editing.FieldReader{Loc: editing.SiteLocation(dk.settings(r.Context()))}
		n := data.ArticleNote{ArticleID: id, Kind: r.PostForm.Get("note_kind")}
		n.Note = fr.Text("note_text", strings.TrimSpace(r.PostForm.Get("note_text")), 2000, true)
		if strings.TrimSpace(r.PostForm.Get("note_at")) == "" {
			n.At = dk.store.Now().In(fr.Loc).Truncate(time.Second)
		} else {
			n.At = fr.Date("note_at", r.PostForm.Get("note_at"))
		}
		if n.Kind != data.NoteCorrection && n.Kind != data.NoteUpdate {
			fr.Errs.Add("note_kind", "Pick correction or update.")
		}
		if invalid := fr.Errs.ErrFields(); invalid != nil {
			dk.renderNoteErrors(w, r, id, invalid.Fields)
			return
		}
		if _, err := dk.store.AddArticleNote(r.Context(), n, sess.Editor.ID); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "note", "article "+strconv.FormatInt(id, 10), n.Kind)
		seeOther(w, r, "/admin/articles/"+strconv.FormatInt(id, 10)+"?done=noted#notes-panel-title")
	})
}

// renderNoteErrors shows the article form again with the note's errors (422).
func (dk *desk) renderNoteErrors(w http.ResponseWriter, r *http.Request, id int64, errs map[string]string) {
	a, st, err := dk.loadForDesk(r, id)
	if err != nil {
		dk.deskError(w, r, err)
		return
	}
	fs := dk.formState(&a, st)
	fs.errs, fs.message = errs, "The note was not added: correct the fields marked below."
	dk.renderArticleForm(w, r, http.StatusUnprocessableEntity, editing.ValuesFromArticle(&a, editing.SiteLocation(dk.settings(r.Context()))), fs)
}

// handleNoteDelete removes a note (a note added by mistake).
func handleNoteDelete(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		note, _ := strconv.ParseInt(mux.Vars(r)["note"], 10, 64)
		if err := dk.store.DeleteArticleNote(r.Context(), id, note); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "note-delete", "article "+strconv.FormatInt(id, 10), strconv.FormatInt(note, 10))
		seeOther(w, r, "/admin/articles/"+strconv.FormatInt(id, 10)+"?done=saved")
	})
}
