package handlers

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"gazette/data"
	"gazette/editing"
	"gazette/reader"
	"gazette/views"
)

// readerCookie names a commenter's session: a random id, distinct from the editor's cookie.
const readerCookie = "gazette_reader"

// commentEditWindow is how long a reader may edit or delete their own comment.
const commentEditWindow = 15 * time.Minute

func hasReaderCookie(r *http.Request) bool {
	_, err := r.Cookie(readerCookie)
	return err == nil
}

// readerSession is the request's reader session, if its cookie names a live one.
func readerSession(ctx context.Context, store *data.Store, r *http.Request) (data.ReaderSession, bool, error) {
	c, err := r.Cookie(readerCookie)
	if err != nil {
		return data.ReaderSession{}, false, nil
	}
	rs, err := store.ReaderSessionByID(ctx, c.Value)
	if errors.Is(err, data.ErrNotFound) {
		return data.ReaderSession{}, false, nil
	}
	return rs, err == nil, err
}

// commentFormSigner signs and checks comment form tokens with the store's secret.
func commentFormSigner(ctx context.Context, store *data.Store) (data.FormSigner, error) {
	key, err := store.CommentFormSecret(ctx)
	return data.FormSigner{Key: key}, err
}

// discussionCache is the cache policy of an article page given its discussion.
func discussionCache(d views.Discussion) cachePolicy {
	switch {
	case d.Personal:
		return cacheNone
	case d.Show:
		return cacheRevalidate
	}
	return cachePublic
}

// discussionView builds the comments section of an article page for this request.
func (s *site) discussionView(r *http.Request, st *reader.State, a *data.Article) (views.Discussion, error) {
	ctx := r.Context()
	if a.ID == 0 {
		return views.Discussion{}, nil // a desk preview
	}
	d, err := s.store.Discussion(ctx, a.ID)
	if err != nil {
		return views.Discussion{}, err
	}
	cs, err := s.store.CommentSettings(ctx)
	if err != nil {
		return views.Discussion{}, err
	}
	now := s.store.Now()
	lang := readerLang(st, a)
	state, notice := reader.DiscussionIn(lang, a, d, reader.CommentMode(st.Settings), cs, now)
	if state == reader.DiscussionOff || state == reader.DiscussionHidden {
		return views.Discussion{}, nil
	}
	rs, _, err := readerSession(ctx, s.store, r)
	if err != nil {
		return views.Discussion{}, err
	}
	list, err := s.store.ArticleComments(ctx, a.ID, rs.ID)
	if err != nil {
		return views.Discussion{}, err
	}
	signer, err := commentFormSigner(ctx, s.store)
	if err != nil {
		return views.Discussion{}, err
	}
	v := views.Discussion{Show: true, ArticleID: a.ID, Lang: lang, Open: state == reader.DiscussionOpen, Notice: notice,
		FeedURL: articleCommentFeedURL(a.ID), Personal: hasReaderCookie(r)}
	replyBase := "?reply="
	if !v.Personal {
		replyBase = commentWriteURL(a.ID) + "?reply="
	}
	v.Comments, v.Count = s.commentTree(st, a, list, rs.ID, now, replyBase)
	if v.Open && !v.Personal {
		// A page caches may share carries no token: every reader fetches their own from the
		// uncached form page, so its issue time is when they started writing (see
		// ARCHITECTURE.md, Comments).
		v.Form = views.CommentForm{WriteURL: commentWriteURL(a.ID)}
	} else if v.Open {
		v.Form = views.CommentForm{Action: commentPostURL(a.ID), Token: signer.Issue(a.ID, now), Name: rs.Name, Website: rs.URL,
			EmailRemembered: rs.Email != ""}
		if p, err := strconv.ParseInt(r.URL.Query().Get("reply"), 10, 64); err == nil {
			for _, c := range v.Comments {
				if c.ID == p && !c.Held {
					v.Form.ParentID, v.Form.ReplyTo = p, c.Name
				}
			}
		}
	}
	if rs.ID != "" {
		v.Form.ReaderToken = signer.ReaderToken(rs.ID)
	}
	return v, nil
}

// commentTree nests replies under their top-level comment, oldest first. A reply whose parent
// readers cannot see is not shown either. count is the approved comments shown.
// replyBase starts each reply link; the comment's id ends it.
func (s *site) commentTree(st *reader.State, a *data.Article, list []data.Comment, readerID string, now time.Time, replyBase string) ([]views.CommentView, int) {
	mine := data.ReaderHash(readerID)
	loc := editing.SiteLocation(st.Settings)
	layout := reader.ParamString(st.Settings.Params, "dateformat")
	var top []views.CommentView
	index := map[int64]int{}
	count := 0
	for _, c := range list {
		t := c.CreatedAt.In(loc)
		cv := views.CommentView{ID: c.ID, Anchor: commentAnchor(c.ID), Name: c.Name, URL: c.URL, Editor: c.EditorID != 0,
			HTML: c.BodyHTML, Date: views.FormatDate(t, layout, a.Lang) + " " + t.Format("15:04"), DateISO: t.Format(time.RFC3339),
			Held: c.Status != data.CommentApproved}
		if mine != "" && c.ReaderHash == mine && now.Sub(c.CreatedAt) < commentEditWindow {
			cv.EditURL, cv.DelURL = commentEditURL(c.ID), commentDeleteURL(c.ID)
		}
		if c.ParentID == 0 {
			if !cv.Held {
				cv.ReplyURL = replyBase + strconv.FormatInt(c.ID, 10) + "#comment-form"
			}
			index[c.ID] = len(top)
			top = append(top, cv)
		} else if i, ok := index[c.ParentID]; ok && !top[i].Held {
			top[i].Replies = append(top[i].Replies, cv)
		} else {
			continue
		}
		if !cv.Held {
			count++
		}
	}
	return top, count
}

// readerLang is the language of an article's comment pages: the article's, else the site's.
func readerLang(st *reader.State, a *data.Article) string {
	return firstNonEmpty(a.Lang, st.Settings.DefaultLanguage)
}

func commentAnchor(id int64) string { return "comment-" + strconv.FormatInt(id, 10) }

func commentPostURL(articleID int64) string {
	return "/comments/article/" + strconv.FormatInt(articleID, 10)
}
func articleCommentFeedURL(articleID int64) string { return commentPostURL(articleID) + "/feed.xml" }
func commentWriteURL(articleID int64) string       { return commentPostURL(articleID) + "/new" }
func commentEditURL(id int64) string               { return "/comments/" + strconv.FormatInt(id, 10) + "/edit" }
func commentDeleteURL(id int64) string             { return "/comments/" + strconv.FormatInt(id, 10) + "/delete" }
