package handlers

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/gorilla/sessions"

	"gazette/data"
	"gazette/metrics"
	"gazette/ratelimit"
	"gazette/reader"
	"gazette/views"
)

// Limits of a reader's post.
const (
	maxCommentFormBytes = 64 << 10
	commentTokenMaxAge  = data.FormTokenLife
	spamBatchWindow     = 100 * time.Millisecond
)

// readerComments is what the comment handlers use: the store, the reader model (for the page
// around a form), the reader side's error page, the comment counter, and their own rate
// limiters and spam batcher.
type readerComments struct {
	store *data.Store
	model *reader.Model
	// serveError answers an error with the reader side's page (site.serveError).
	serveError func(w http.ResponseWriter, r *http.Request, err error)
	// metrics counts comments stored; nil counts nothing.
	metrics    *metrics.Metrics
	perAddress *ratelimit.Limiter // 5 at once, then one every 20 seconds, per address
	perArticle *ratelimit.Limiter // 20 at once, then one every 3 seconds, per article
	caught     *data.CommentBatcher
}

// newReaderComments makes the comment handlers with their rate limiters and spam batcher.
func newReaderComments(d Deps, s *site) *readerComments {
	rc := &readerComments{store: d.Store, model: s.model, serveError: s.serveError, metrics: d.Metrics, caught: data.NewCommentBatcher(d.Store, spamBatchWindow),
		perAddress: ratelimit.New(d.Store.Now, 20*time.Second, 5), perArticle: ratelimit.New(d.Store.Now, 3*time.Second, 20)}
	// Made now rather than on the first page view: the write that creates it would start a new
	// cache generation and change the page under a reader's ETag.
	if _, err := d.Store.CommentFormSecret(context.Background()); err != nil {
		d.Logger.Error("comment form secret", "err", err)
	}
	return rc
}

// crossOrigin refuses a post, edit or deletion sent by a page of another site.
func (rc *readerComments) crossOrigin() func(http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.serveError(w, r, refuse(http.StatusForbidden, "msg_cross_site", nil))
	}))
	return cop.Handler
}

// readCommentInput reads a posted comment form.
func readCommentInput(f url.Values) reader.CommentInput {
	in := reader.CommentInput{Name: data.CleanName(f.Get("name")), Email: strings.TrimSpace(f.Get("email")),
		Website: strings.TrimSpace(f.Get("website")), Body: data.CleanBody(f.Get("body")), Token: f.Get("token"),
		Honeypot: f.Get("homepage")}
	in.Parent, _ = strconv.ParseInt(f.Get("parent"), 10, 64)
	return in
}

// handleCommentPost takes a reader's comment. Refusals (discussion not open, bad token, bad
// fields) bring the form back with the text; a post a spam rule catches is stored in the spam
// folder and looks to its author like any comment awaiting moderation.
func handleCommentPost(rc *readerComments) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		// Every post counts against its address before anything else is looked at, so a flood
		// costs a map lookup per request and stores nothing.
		if wait := rc.perAddress.Take("ip:" + clientIP(r)); wait > 0 {
			rc.slowDown(w, r, wait)
			return
		}
		if !rc.readForm(w, r) {
			return
		}
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
		st, err := rc.model.Current(ctx)
		if err != nil {
			rc.serveError(w, r, err)
			return
		}
		in := readCommentInput(r.PostForm)
		if err := rc.post(w, r, st, &a, in, now); err != nil {
			rc.serveError(w, r, err)
		}
	})
}

func (rc *readerComments) post(w http.ResponseWriter, r *http.Request, st *reader.State, a *data.Article, in reader.CommentInput, now time.Time) error {
	ctx := r.Context()
	lang := readerLang(st, a)
	d, err := rc.store.Discussion(ctx, a.ID)
	if err != nil {
		return err
	}
	cs, err := rc.store.CommentSettings(ctx)
	if err != nil {
		return err
	}
	if state, notice := reader.DiscussionIn(lang, a, d, reader.CommentMode(st.Settings), cs, now); state != reader.DiscussionOpen {
		return rc.showForm(w, r, st, a, in, http.StatusForbidden, nil, views.Tf(lang, "discussion_refused", "notice", notice), false)
	}
	signer, err := commentFormSigner(ctx, rc.store)
	if err != nil {
		return err
	}
	issued, ok := signer.Verify(in.Token, a.ID)
	switch {
	case !ok:
		return rc.showForm(w, r, st, a, in, http.StatusForbidden, nil, views.T(lang, "post_bad_token"), true)
	case now.Sub(issued) > commentTokenMaxAge:
		return rc.showForm(w, r, st, a, in, http.StatusForbidden, nil, views.T(lang, "post_token_old"), true)
	}
	if fresh, err := rc.store.ClaimFormToken(ctx, in.Token); err != nil {
		return err
	} else if !fresh {
		return rc.showForm(w, r, st, a, in, http.StatusForbidden, nil, views.T(lang, "post_token_used"), true)
	}
	errs := in.ValidateIn(lang)
	if in.Parent != 0 {
		parent, err := rc.store.Comment(ctx, in.Parent)
		switch {
		case errors.Is(err, data.ErrNotFound) || (err == nil && (parent.ArticleID != a.ID || parent.Status != data.CommentApproved)):
			errs["body"] = views.T(lang, "err_parent_gone")
			in.Parent = 0
		case err != nil:
			return err
		case parent.ParentID != 0:
			in.Parent = parent.ParentID // one level of replies: a reply to a reply joins its thread
		}
	}
	if len(errs) > 0 {
		return rc.showForm(w, r, st, a, in, http.StatusUnprocessableEntity, errs, views.T(lang, "post_fix_fields"), true)
	}
	return rc.accept(w, r, st, a, in, issued, cs, now)
}

// accept runs the spam rules, decides the status, remembers the reader and stores the comment.
func (rc *readerComments) accept(w http.ResponseWriter, r *http.Request, st *reader.State, a *data.Article, in reader.CommentInput,
	issued time.Time, cs data.CommentSettings, now time.Time) error {
	ctx := r.Context()
	ip := clientIP(r)
	rs, known, err := readerSession(ctx, rc.store, r)
	if err != nil {
		return err
	}
	if in.Email == "" && known {
		in.Email = rs.Email
	}
	n := data.NewComment{ArticleID: a.ID, ParentID: in.Parent, Name: in.Name, Email: in.Email, URL: in.Website,
		Body: in.Body, IP: ip, Token: in.Token}
	reason, err := st.SpamReason(ctx, a, in, ip, issued, cs, now)
	if err != nil {
		return err
	}
	rs, err = rc.rememberReader(w, r, rs, known, in)
	if err != nil {
		return err
	}
	n.ReaderID = rs.ID
	var id int64
	if reason != "" {
		n.Status, n.SpamReason = data.CommentSpam, reason
		id, err = rc.caught.Add(ctx, n, cs.Budget())
	} else {
		if n.Status, err = st.ModerationStatus(ctx, in); err != nil {
			return err
		}
		if n.Status == data.CommentApproved && !rc.perArticle.Allow("article:"+strconv.FormatInt(a.ID, 10)) {
			// A burst on one article is held for an editor rather than published at once.
			n.Status = data.CommentPending
		}
		var res []data.CommentResult
		if res, err = rc.store.AddCommentsWithin(ctx, []data.NewComment{n}, cs.Budget()); err == nil {
			id, err = res[0].ID, res[0].Err
		}
	}
	var spent *data.BudgetError
	if errors.As(err, &spent) {
		rc.slowDown(w, r, spent.RetryAfter)
		return nil
	}
	if err != nil {
		return err
	}
	rc.metrics.Comment(string(n.Status))
	seeOther(w, r, reader.ArticleURL(a)+"#"+commentAnchor(id))
	return nil
}

// slowDown refuses a post from an address (or to an article) past its rate or budget: 429 with
// Retry-After, nothing stored.
func (rc *readerComments) slowDown(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := int(wait.Seconds()) + 1
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	rc.serveError(w, r, refuse(http.StatusTooManyRequests, "msg_slow_down", func(lang string) []string {
		return []string{"wait", views.Tn(lang, "minute", (secs+59)/60)}
	}))
}

// rememberReader keeps the reader's details in their session, starting one if needed.
func (rc *readerComments) rememberReader(w http.ResponseWriter, r *http.Request, rs data.ReaderSession, known bool, in reader.CommentInput) (data.ReaderSession, error) {
	ctx := r.Context()
	if !known {
		rs, err := rc.store.CreateReaderSession(ctx, in.Name, in.Email, in.Website)
		if err != nil {
			return rs, err
		}
		http.SetCookie(w, sessions.NewCookie(readerCookie, rs.ID, &sessions.Options{Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: r.TLS != nil || strings.HasPrefix(rc.model.Settings(ctx).BaseURL, "https://"), SameSite: http.SameSiteLaxMode}))
		return rs, nil
	}
	if rs.Name == in.Name && rs.Email == in.Email && rs.URL == in.Website {
		return rs, nil
	}
	rs.Name, rs.Email, rs.URL = in.Name, in.Email, in.Website
	return rs, rc.store.UpdateReaderSession(ctx, rs)
}

// readForm parses a reader's form of bounded size, answering a clear error itself.
func (rc *readerComments) readForm(w http.ResponseWriter, r *http.Request) bool {
	// Reader forms are url-encoded; ParseForm reports a body over the cap (ParseMultipartForm
	// would hide that error behind ErrNotMultipart).
	r.Body = http.MaxBytesReader(w, r.Body, maxCommentFormBytes)
	err := r.ParseForm()
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return true
	case errors.As(err, &tooBig):
		rc.serveError(w, r, refuse(http.StatusRequestEntityTooLarge, "msg_too_long", func(lang string) []string {
			return []string{"max", views.Tn(lang, "character", reader.MaxCommentRunes)}
		}))
	default:
		rc.serveError(w, r, refuse(http.StatusBadRequest, "msg_bad_form", nil))
	}
	return false
}

// showForm answers a post that was not taken: the form again with the text, a fresh token and
// the reason. The fresh token keeps the issue time of the one posted, when that was valid, so
// correcting a field is not mistaken for a robot's haste. canPost false shows the text
// read-only (the discussion is not open).
func (rc *readerComments) showForm(w http.ResponseWriter, r *http.Request, st *reader.State, a *data.Article, in reader.CommentInput,
	status int, errs map[string]string, msg string, canPost bool) error {
	ctx := r.Context()
	signer, err := commentFormSigner(ctx, rc.store)
	if err != nil {
		return err
	}
	rs, _, err := readerSession(ctx, rc.store, r)
	if err != nil {
		return err
	}
	lang := readerLang(st, a)
	issued, ok := signer.Verify(in.Token, a.ID)
	if !ok {
		issued = rc.store.Now()
	}
	v := views.CommentFormPage{Page: st.Page(ctx, reader.PageKind{Kind: "single", Lang: a.Lang, Article: a}, r.URL.Path),
		Heading: views.T(lang, "comment_yours"), ArticleURL: reader.ArticleURL(a), ArticleTit: a.Title, CanPost: canPost,
		Form: views.CommentForm{Action: commentPostURL(a.ID), Token: signer.Issue(a.ID, issued), ParentID: in.Parent, ReplyTo: in.ReplyTo,
			Name: in.Name, Website: in.Website, Body: in.Body, Errors: errs, Message: msg, EmailRemembered: rs.Email != ""}}
	v.Title, v.NoIndex = v.Heading, true
	return render(w, r, status, views.CommentFormStandalone(v), cacheNone, time.Time{})
}
