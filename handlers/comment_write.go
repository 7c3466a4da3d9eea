package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// handleCommentWrite is the uncached step between a shared article page and a reader's post:
// it gives this reader a form of their own, with a token signed for the article and stamped
// with now. The minimum-time rule measures from this request, so it holds whether the article
// page came from a cache or not, and two readers behind one address never share a token.
// "?reply=N" makes it a reply to comment N.
func handleCommentWrite(rc *readerComments) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		a, err := rc.store.Article(ctx, id)
		now := rc.store.Now()
		if errors.Is(err, data.ErrNotFound) || (err == nil && !a.IsPublished(now)) {
			rc.serveError(w, r, refuse(http.StatusNotFound, "msg_no_article", nil))
			return
		}
		if err != nil {
			rc.serveError(w, r, err)
			return
		}
		if err := rc.writeForm(w, r, &a, now); err != nil {
			rc.serveError(w, r, err)
		}
	})
}

func (rc *readerComments) writeForm(w http.ResponseWriter, r *http.Request, a *data.Article, now time.Time) error {
	ctx := r.Context()
	st, err := rc.model.Current(ctx)
	if err != nil {
		return err
	}
	d, err := rc.store.Discussion(ctx, a.ID)
	if err != nil {
		return err
	}
	cs, err := rc.store.CommentSettings(ctx)
	if err != nil {
		return err
	}
	lang := readerLang(st, a)
	var in reader.CommentInput
	if state, notice := reader.DiscussionIn(lang, a, d, reader.CommentMode(st.Settings), cs, now); state != reader.DiscussionOpen {
		return rc.showForm(w, r, st, a, in, http.StatusForbidden, nil, views.Tf(lang, "discussion_refused", "notice", notice), false)
	}
	rs, _, err := readerSession(ctx, rc.store, r)
	if err != nil {
		return err
	}
	in.Name, in.Website = rs.Name, rs.URL
	if p, err := strconv.ParseInt(r.URL.Query().Get("reply"), 10, 64); err == nil {
		parent, err := rc.store.Comment(ctx, p)
		switch {
		case err == nil && parent.ArticleID == a.ID && parent.Status == data.CommentApproved && parent.ParentID == 0:
			in.Parent, in.ReplyTo = p, parent.Name
		case err != nil && !errors.Is(err, data.ErrNotFound):
			return err
		}
	}
	return rc.showForm(w, r, st, a, in, http.StatusOK, nil, "", true)
}
