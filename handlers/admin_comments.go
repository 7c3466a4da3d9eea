package handlers

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// commentQueuePage is how many comments one page of the moderation queue shows.
const commentQueuePage = 50

// handleCommentQueue is /admin/comments/: one folder (pending first), optionally of one article.
func handleCommentQueue(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		q := r.URL.Query()
		status := data.CommentStatus(q.Get("status"))
		if !data.ValidCommentStatus(status) {
			status = data.CommentPending
		}
		articleID, _ := strconv.ParseInt(q.Get("article"), 10, 64)
		page, _ := strconv.Atoi(q.Get("page"))
		page = max(page, 1)
		v := views.CommentQueue{AdminPage: dk.page(r, "Comments", "comments"), Status: status, ArticleID: articleID}
		if articleID != 0 {
			a, err := dk.store.Article(ctx, articleID)
			if err != nil {
				dk.deskError(w, r, err)
				return
			}
			v.Article = a.Title
			d, err := dk.discussionForm(r, &a, queueURLFor(status, articleID))
			if err != nil {
				dk.deskError(w, r, err)
				return
			}
			v.Discussion = &d
		}
		counts, err := dk.store.CommentCounts(ctx, articleID)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		for _, s := range data.CommentStatuses {
			v.Counts = append(v.Counts, views.CommentFolder{Status: s, Count: counts[s], URL: queueURLFor(s, articleID), Active: s == status})
		}
		list, err := dk.store.ListComments(ctx, data.CommentFilter{Status: status, ArticleID: articleID,
			Limit: commentQueuePage + 1, Offset: (page - 1) * commentQueuePage})
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		if len(list) > commentQueuePage {
			list = list[:commentQueuePage]
			v.NextURL = queueURLFor(status, articleID) + "&page=" + strconv.Itoa(page+1)
		}
		if page > 1 {
			v.PrevURL = queueURLFor(status, articleID) + "&page=" + strconv.Itoa(page-1)
		}
		for i := range list {
			list[i].ArticlePermalink = articleURLFromPath(list[i].ArticlePermalink)
		}
		v.Comments = list
		dk.renderDesk(w, r, http.StatusOK, views.AdminCommentQueue(v))
	})
}

func queueURLFor(status data.CommentStatus, articleID int64) string {
	u := "/admin/comments/?status=" + string(status)
	if articleID != 0 {
		u += "&article=" + strconv.FormatInt(articleID, 10)
	}
	return u
}

// moderationStatus maps a queue action to the folder it moves comments to: "not spam" lets a
// comment out of the spam folder as approved, since an editor just looked at it.
func moderationStatus(action string) (data.CommentStatus, bool) {
	switch action {
	case "approve", "notspam":
		return data.CommentApproved, true
	case "spam":
		return data.CommentSpam, true
	case "trash":
		return data.CommentTrash, true
	}
	return "", false
}

// handleCommentAction applies one action to one comment; handleCommentBulk to every ticked one.
func handleCommentAction(dk *desk, bulk bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var ids []int64
		if bulk {
			for _, s := range r.PostForm["id"] {
				if id, err := strconv.ParseInt(s, 10, 64); err == nil && len(ids) < 500 {
					ids = append(ids, id)
				}
			}
		} else {
			id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
			if _, err := dk.store.Comment(ctx, id); err != nil {
				dk.deskError(w, r, err)
				return
			}
			ids = []int64{id}
		}
		action := r.PostForm.Get("action")
		var err error
		if status, ok := moderationStatus(action); ok {
			err = dk.store.SetCommentStatus(ctx, ids, status)
		} else if sess, _ := sessionFrom(ctx); action == "delete" && sess.Editor.IsAdmin() {
			err = dk.store.DeleteComments(ctx, ids)
		} else {
			dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminMessage(dk.page(r, "Nothing done", "comments"), "Nothing done",
				"Pick approve, spam, not spam or trash (deleting for good is for admins)."))
			return
		}
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		next := localPath(r.PostForm.Get("next"), "/admin/comments/")
		if strings.Contains(next, "?") {
			next += "&done=bulk"
		} else {
			next += "?done=bulk"
		}
		seeOther(w, r, next)
	})
}

// handleCommentEdit shows (GET) and saves (POST) the desk's edit of a comment.
func handleCommentEdit(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		c, a, ok := dk.commentWithArticle(w, r)
		if !ok {
			return
		}
		v := views.CommentEditForm{AdminPage: dk.page(r, "Comment", "comments"), Comment: c, Name: c.Name, URL: c.URL, Body: c.Body,
			Errors: map[string]string{}, ArticleURL: reader.ArticleURL(&a)}
		status := http.StatusOK
		if r.Method == http.MethodPost {
			in := reader.CommentInput{Name: data.CleanName(r.PostForm.Get("name")), Website: strings.TrimSpace(r.PostForm.Get("url")),
				Body: data.CleanBody(r.PostForm.Get("body"))}
			v.Name, v.URL, v.Body = in.Name, in.Website, in.Body
			for f, msg := range in.Validate() {
				if f == "website" {
					f = "url" // the desk form's name for it
				}
				v.Errors[f] = msg
			}
			if len(v.Errors) == 0 {
				if err := dk.store.EditComment(ctx, data.CommentEdit{ID: c.ID, Name: in.Name, URL: in.Website, Body: in.Body}); err != nil {
					dk.deskError(w, r, err)
					return
				}
				seeOther(w, r, queueURLFor(c.Status, 0)+"&done=saved#c"+strconv.FormatInt(c.ID, 10))
				return
			}
			status = http.StatusUnprocessableEntity
		}
		dk.renderDesk(w, r, status, views.AdminCommentEdit(v))
	})
}

// handleCommentReply publishes the newsroom's reply under a comment, with an editor badge.
func handleCommentReply(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, a, ok := dk.commentWithArticle(w, r)
		if !ok {
			return
		}
		sess, _ := sessionFrom(r.Context())
		body := data.CleanBody(r.PostForm.Get("reply"))
		if n := utf8.RuneCountInString(body); n == 0 || n > reader.MaxCommentRunes {
			v := views.CommentEditForm{AdminPage: dk.page(r, "Comment", "comments"), Comment: c, Name: c.Name, URL: c.URL, Body: c.Body,
				Reply: body, ArticleURL: reader.ArticleURL(&a), Errors: map[string]string{"reply": "Write a reply of 1 to " + strconv.Itoa(reader.MaxCommentRunes) + " characters."}}
			dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminCommentEdit(v))
			return
		}
		parent := c.ID
		if c.ParentID != 0 {
			parent = c.ParentID
		}
		ids, err := dk.store.AddComments(r.Context(), []data.NewComment{{ArticleID: a.ID, ParentID: parent, Status: data.CommentApproved,
			Name: sess.Editor.Name, EditorID: sess.Editor.ID, Body: body}})
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		// Replying to a comment is approving it: readers would otherwise see an answer to nothing.
		if c.Status != data.CommentApproved {
			if err := dk.store.SetCommentStatus(r.Context(), []int64{parent}, data.CommentApproved); err != nil {
				dk.deskError(w, r, err)
				return
			}
		}
		seeOther(w, r, reader.ArticleURL(&a)+"#"+commentAnchor(ids[0]))
	})
}

func (dk *desk) commentWithArticle(w http.ResponseWriter, r *http.Request) (data.Comment, data.Article, bool) {
	id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	c, err := dk.store.Comment(r.Context(), id)
	if err != nil {
		dk.deskError(w, r, err)
		return c, data.Article{}, false
	}
	a, err := dk.store.Article(r.Context(), c.ArticleID)
	if err != nil {
		dk.deskError(w, r, err)
		return c, a, false
	}
	c.ArticleTitle = a.Title
	return c, a, true
}

// discussionForm is an article's switches as the desk shows them.
func (dk *desk) discussionForm(r *http.Request, a *data.Article, next string) (views.DiscussionForm, error) {
	ctx := r.Context()
	d, err := dk.store.Discussion(ctx, a.ID)
	if err != nil {
		return views.DiscussionForm{}, err
	}
	cs, err := dk.store.CommentSettings(ctx)
	if err != nil {
		return views.DiscussionForm{}, err
	}
	f := views.DiscussionForm{ArticleID: a.ID, CSRF: dk.page(r, "", "").CSRF, Closed: d.Closed, Hidden: d.Hidden, SiteDays: cs.CloseAfterDays, Next: next}
	if d.CloseAfterDays != nil {
		f.CloseAfter = strconv.Itoa(*d.CloseAfterDays)
	}
	state, notice := reader.DiscussionOf(a, d, reader.CommentMode(dk.settings(ctx)), cs, dk.store.Now())
	f.State = map[reader.DiscussionState]string{reader.DiscussionOpen: "open to comments (site mode: " + reader.CommentMode(dk.settings(ctx)) + ")",
		reader.DiscussionOff: notice, reader.DiscussionHidden: "hidden", reader.DiscussionClosed: notice}[state]
	return f, nil
}

// handleDiscussionSave saves an article's discussion switches.
func handleDiscussionSave(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		d := data.Discussion{ArticleID: id, Closed: r.PostForm.Get("closed") != "", Hidden: r.PostForm.Get("hidden") != ""}
		if s := strings.TrimSpace(r.PostForm.Get("close_after")); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || n > 36500 {
				dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminMessage(dk.page(r, "Not saved", "comments"), "Not saved",
					"Close automatically after a whole number of days from 0 to 36500, or leave it empty for the site default."))
				return
			}
			d.CloseAfterDays = &n
		}
		if err := dk.store.SaveDiscussion(r.Context(), d); err != nil {
			dk.deskError(w, r, err)
			return
		}
		next := localPath(r.PostForm.Get("next"), "/admin/articles/"+strconv.FormatInt(id, 10))
		sep := "?"
		if strings.Contains(next, "?") {
			sep = "&"
		}
		seeOther(w, r, next+sep+"done=saved")
	})
}

// articleDiscussionForm is the switches block of the article form.
func (dk *desk) articleDiscussionForm(r *http.Request, id int64) (*views.DiscussionForm, error) {
	a, err := dk.store.Article(r.Context(), id)
	if err != nil {
		return nil, err
	}
	f, err := dk.discussionForm(r, &a, "/admin/articles/"+strconv.FormatInt(id, 10))
	return &f, err
}

// pendingComments is the menu's count; a failure shows no count rather than no page.
func (dk *desk) pendingComments(r *http.Request) int {
	n, err := dk.store.PendingCommentCount(r.Context())
	if err != nil {
		dk.log.Error("pending comments", "err", err)
	}
	return n
}
