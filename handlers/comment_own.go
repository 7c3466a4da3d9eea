package handlers

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// A reader may edit or delete their own comment for commentEditWindow after posting it, from
// the browser that posted it (its reader session).

// ownComment loads the request's comment if the request's reader wrote it and may still change
// it; otherwise it answers with a page saying why and returns ok false.
func (rc *readerComments) ownComment(w http.ResponseWriter, r *http.Request) (c data.Comment, rs data.ReaderSession, ok bool) {
	ctx := r.Context()
	id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	rs, known, err := readerSession(ctx, rc.store, r)
	if err != nil {
		rc.serveError(w, r, err)
		return c, rs, false
	}
	c, err = rc.store.Comment(ctx, id)
	switch {
	case errors.Is(err, data.ErrNotFound):
		rc.serveError(w, r, refuse(http.StatusNotFound, "msg_no_comment", nil))
		return c, rs, false
	case err != nil:
		rc.serveError(w, r, err)
		return c, rs, false
	case !known || c.ReaderHash != data.ReaderHash(rs.ID) || c.Status == data.CommentTrash:
		rc.serveError(w, r, refuse(http.StatusForbidden, "msg_not_yours", nil))
		return c, rs, false
	case rc.store.Now().Sub(c.CreatedAt) >= commentEditWindow:
		rc.serveError(w, r, refuse(http.StatusForbidden, "msg_too_late", func(lang string) []string {
			return []string{"minutes", views.Tn(lang, "minute", int(commentEditWindow.Minutes()))}
		}))
		return c, rs, false
	}
	return c, rs, true
}

// checkReaderToken compares the form's token with the reader session's.
func (rc *readerComments) checkReaderToken(w http.ResponseWriter, r *http.Request, rs data.ReaderSession) bool {
	signer, err := commentFormSigner(r.Context(), rc.store)
	if err != nil {
		rc.serveError(w, r, err)
		return false
	}
	if subtle.ConstantTimeCompare([]byte(r.PostForm.Get("token")), []byte(signer.ReaderToken(rs.ID))) != 1 {
		rc.serveError(w, r, refuse(http.StatusForbidden, "msg_form_expired", nil))
		return false
	}
	return true
}

// handleOwnCommentEdit shows (GET) and saves (POST) a reader's edit of their comment. The new
// text goes through the blocklist and link rules again; under moderation an edited comment
// waits for approval again, so approval cannot be used to slip in something else.
func handleOwnCommentEdit(rc *readerComments) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if r.Method == http.MethodPost && !rc.readForm(w, r) {
			return
		}
		c, rs, ok := rc.ownComment(w, r)
		if !ok {
			return
		}
		a, err := rc.store.Article(ctx, c.ArticleID)
		if err != nil {
			rc.serveError(w, r, err)
			return
		}
		st, err := rc.model.Current(ctx)
		if err != nil {
			rc.serveError(w, r, err)
			return
		}
		lang := readerLang(st, &a)
		body, status, errs := c.Body, http.StatusOK, map[string]string{}
		if r.Method == http.MethodPost {
			if !rc.checkReaderToken(w, r, rs) {
				return
			}
			in := reader.CommentInput{Name: c.Name, Body: data.CleanBody(r.PostForm.Get("body"))}
			body = in.Body
			if msg, bad := in.ValidateIn(lang)["body"]; bad {
				errs["body"], status = msg, http.StatusUnprocessableEntity
			} else {
				if err := rc.saveOwnEdit(r, st, c, rs, in.Body); err != nil && !errors.Is(err, data.ErrNotFound) {
					rc.serveError(w, r, err)
					return
				}
				seeOther(w, r, reader.ArticleURL(&a)+"#"+commentAnchor(c.ID))
				return
			}
		}
		signer, err := commentFormSigner(ctx, rc.store)
		if err != nil {
			rc.serveError(w, r, err)
			return
		}
		v := views.CommentFormPage{Page: st.Page(ctx, reader.PageKind{Kind: "single", Lang: a.Lang, Article: &a}, r.URL.Path),
			Heading: views.T(lang, "comment_form_edit"), ArticleURL: reader.ArticleURL(&a), ArticleTit: a.Title, Editing: true, CanPost: true,
			Form: views.CommentForm{Action: commentEditURL(c.ID), Token: signer.ReaderToken(rs.ID), Body: body, Errors: errs}}
		v.Title, v.NoIndex = v.Heading, true
		if err := render(w, r, status, views.CommentFormStandalone(v), cacheNone, time.Time{}); err != nil {
			rc.serveError(w, r, err)
		}
	})
}

func (rc *readerComments) saveOwnEdit(r *http.Request, st *reader.State, c data.Comment, rs data.ReaderSession, body string) error {
	ctx := r.Context()
	cs, err := rc.store.CommentSettings(ctx)
	if err != nil {
		return err
	}
	e := data.CommentEdit{ID: c.ID, Body: body, Status: c.Status, Reason: c.SpamReason}
	if b := cs.BlockedBy(c.Name, c.Email, c.URL, body, clientIP(r)); b != "" {
		e.Status, e.Reason = data.CommentSpam, "blocklist: "+b
	} else if links := len(data.CommentLinks(body)); links > cs.MaxLinks {
		e.Status, e.Reason = data.CommentSpam, strconv.Itoa(links)+" links (at most "+strconv.Itoa(cs.MaxLinks)+")"
	} else if c.Status == data.CommentApproved && reader.CommentMode(st.Settings) == "moderated" {
		e.Status = data.CommentPending
	}
	return rc.store.EditOwnComment(ctx, rs.ID, commentEditWindow, e)
}

// handleOwnCommentDelete moves a reader's comment to the trash (editors can still see it).
func handleOwnCommentDelete(rc *readerComments) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !rc.readForm(w, r) {
			return
		}
		c, rs, ok := rc.ownComment(w, r)
		if !ok || !rc.checkReaderToken(w, r, rs) {
			return
		}
		ctx := r.Context()
		if err := rc.store.DeleteOwnComment(ctx, rs.ID, commentEditWindow, c.ID); err != nil && !errors.Is(err, data.ErrNotFound) {
			rc.serveError(w, r, err)
			return
		}
		a, err := rc.store.Article(ctx, c.ArticleID)
		if err != nil {
			rc.serveError(w, r, err)
			return
		}
		seeOther(w, r, reader.ArticleURL(&a)+"#comments")
	})
}
