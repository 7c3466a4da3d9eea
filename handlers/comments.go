package handlers

import (
	"context"
	"errors"
	"net/http"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	maxCommentRunes     = 5000
	maxCommenterName    = 80
	commentTokenMaxAge  = data.FormTokenLife
	duplicateWindow     = 24 * time.Hour
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

// commentInput is a posted comment form, cleaned.
type commentInput struct {
	name, email, website, body string
	parent                     int64
	replyTo                    string // the parent's author, for the form's heading
	token, honeypot            string
}

func readCommentInput(f url.Values) commentInput {
	in := commentInput{name: data.CleanName(f.Get("name")), email: strings.TrimSpace(f.Get("email")),
		website: strings.TrimSpace(f.Get("website")), body: data.CleanBody(f.Get("body")), token: f.Get("token"),
		honeypot: f.Get("homepage")}
	in.parent, _ = strconv.ParseInt(f.Get("parent"), 10, 64)
	return in
}

// validate checks the fields a reader typed; the messages, in English for the desk, say how to
// fix them.
func (in *commentInput) validate() map[string]string { return in.validateIn("en") }

// validateIn is validate with the messages in a reader's language.
func (in *commentInput) validateIn(lang string) map[string]string {
	errs := map[string]string{}
	switch n := utf8.RuneCountInString(in.name); {
	case n == 0:
		errs["name"] = views.T(lang, "err_name_empty")
	case n > maxCommenterName:
		errs["name"] = views.Tf(lang, "err_name_long", "max", views.Tn(lang, "character", maxCommenterName))
	}
	if in.email != "" {
		if a, err := mail.ParseAddress(in.email); err != nil || a.Address != in.email || len(in.email) > 254 {
			errs["email"] = views.T(lang, "err_email")
		}
	}
	if in.website != "" {
		u, err := url.Parse(in.website)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(in.website) > 300 || strings.ContainsAny(in.website, " \"<>'`") {
			errs["website"] = views.T(lang, "err_website")
		}
	}
	switch n := utf8.RuneCountInString(in.body); {
	case n == 0:
		errs["body"] = views.T(lang, "err_body_empty")
	case n > maxCommentRunes:
		errs["body"] = views.Tf(lang, "err_body_long", "max", views.Tn(lang, "character", maxCommentRunes), "n", strconv.Itoa(n))
	}
	return errs
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

func (rc *readerComments) post(w http.ResponseWriter, r *http.Request, st *reader.State, a *data.Article, in commentInput, now time.Time) error {
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
	issued, ok := signer.Verify(in.token, a.ID)
	switch {
	case !ok:
		return rc.showForm(w, r, st, a, in, http.StatusForbidden, nil, views.T(lang, "post_bad_token"), true)
	case now.Sub(issued) > commentTokenMaxAge:
		return rc.showForm(w, r, st, a, in, http.StatusForbidden, nil, views.T(lang, "post_token_old"), true)
	}
	if fresh, err := rc.store.ClaimFormToken(ctx, in.token); err != nil {
		return err
	} else if !fresh {
		return rc.showForm(w, r, st, a, in, http.StatusForbidden, nil, views.T(lang, "post_token_used"), true)
	}
	errs := in.validateIn(lang)
	if in.parent != 0 {
		parent, err := rc.store.Comment(ctx, in.parent)
		switch {
		case errors.Is(err, data.ErrNotFound) || (err == nil && (parent.ArticleID != a.ID || parent.Status != data.CommentApproved)):
			errs["body"] = views.T(lang, "err_parent_gone")
			in.parent = 0
		case err != nil:
			return err
		case parent.ParentID != 0:
			in.parent = parent.ParentID // one level of replies: a reply to a reply joins its thread
		}
	}
	if len(errs) > 0 {
		return rc.showForm(w, r, st, a, in, http.StatusUnprocessableEntity, errs, views.T(lang, "post_fix_fields"), true)
	}
	return rc.accept(w, r, st, a, in, issued, cs, now)
}

// accept runs the spam rules, decides the status, remembers the reader and stores the comment.
func (rc *readerComments) accept(w http.ResponseWriter, r *http.Request, st *reader.State, a *data.Article, in commentInput,
	issued time.Time, cs data.CommentSettings, now time.Time) error {
	ctx := r.Context()
	ip := clientIP(r)
	rs, known, err := readerSession(ctx, rc.store, r)
	if err != nil {
		return err
	}
	if in.email == "" && known {
		in.email = rs.Email
	}
	n := data.NewComment{ArticleID: a.ID, ParentID: in.parent, Name: in.name, Email: in.email, URL: in.website,
		Body: in.body, IP: ip, Token: in.token}
	reason, err := rc.spamReason(ctx, a, in, ip, issued, cs, now)
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
		if n.Status, err = rc.statusFor(ctx, st, in); err != nil {
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

// statusFor is the moderation rule of the site's mode for a comment that passed every check.
func (rc *readerComments) statusFor(ctx context.Context, st *reader.State, in commentInput) (data.CommentStatus, error) {
	switch reader.CommentMode(st.Settings) {
	case "open":
		return data.CommentApproved, nil
	case "trusted":
		ok, err := rc.store.HasApprovedComment(ctx, in.name, in.email)
		if ok {
			return data.CommentApproved, err
		}
		return data.CommentPending, err
	}
	return data.CommentPending, nil
}

// spamReason runs the spam rules, cheapest first, and names the first that trips. (The rate
// limit per address ran before any of them, when the post arrived.)
func (rc *readerComments) spamReason(ctx context.Context, a *data.Article, in commentInput, ip string, issued time.Time,
	cs data.CommentSettings, now time.Time) (string, error) {
	switch {
	case in.honeypot != "":
		return "honeypot field filled in", nil
	case now.Sub(issued) < time.Duration(cs.MinSeconds)*time.Second:
		return "sent " + now.Sub(issued).Round(time.Millisecond).String() + " after the form was shown", nil
	}
	if b := cs.BlockedBy(in.name, in.email, in.website, in.body, ip); b != "" {
		return "blocklist: " + b, nil
	}
	if links := len(data.CommentLinks(in.body)); links > cs.MaxLinks {
		return strconv.Itoa(links) + " links (at most " + strconv.Itoa(cs.MaxLinks) + ")", nil
	}
	dup, err := rc.store.DuplicateComment(ctx, a.ID, ip, in.body, now.Add(-duplicateWindow))
	if dup {
		return "duplicate of an earlier comment", err
	}
	return "", err
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
func (rc *readerComments) rememberReader(w http.ResponseWriter, r *http.Request, rs data.ReaderSession, known bool, in commentInput) (data.ReaderSession, error) {
	ctx := r.Context()
	if !known {
		rs, err := rc.store.CreateReaderSession(ctx, in.name, in.email, in.website)
		if err != nil {
			return rs, err
		}
		http.SetCookie(w, sessions.NewCookie(readerCookie, rs.ID, &sessions.Options{Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: r.TLS != nil || strings.HasPrefix(rc.model.Settings(ctx).BaseURL, "https://"), SameSite: http.SameSiteLaxMode}))
		return rs, nil
	}
	if rs.Name == in.name && rs.Email == in.email && rs.URL == in.website {
		return rs, nil
	}
	rs.Name, rs.Email, rs.URL = in.name, in.email, in.website
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
			return []string{"max", views.Tn(lang, "character", maxCommentRunes)}
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
func (rc *readerComments) showForm(w http.ResponseWriter, r *http.Request, st *reader.State, a *data.Article, in commentInput,
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
	issued, ok := signer.Verify(in.token, a.ID)
	if !ok {
		issued = rc.store.Now()
	}
	v := views.CommentFormPage{Page: st.Page(ctx, reader.PageKind{Kind: "single", Lang: a.Lang, Article: a}, r.URL.Path),
		Heading: views.T(lang, "comment_yours"), ArticleURL: reader.ArticleURL(a), ArticleTit: a.Title, CanPost: canPost,
		Form: views.CommentForm{Action: commentPostURL(a.ID), Token: signer.Issue(a.ID, issued), ParentID: in.parent, ReplyTo: in.replyTo,
			Name: in.name, Website: in.website, Body: in.body, Errors: errs, Message: msg, EmailRemembered: rs.Email != ""}}
	v.Title, v.NoIndex = v.Heading, true
	return render(w, r, status, views.CommentFormStandalone(v), cacheNone, time.Time{})
}
