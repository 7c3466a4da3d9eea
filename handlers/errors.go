package handlers

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// errForbidden is a desk page asked for by an editor who may not see it.
var errForbidden = errors.New("forbidden")

// refusal is a request turned away for a reason the reader should read (a comment that is not
// theirs, a form too long, a post too soon): its status and the words of its page, the strings
// key_title (the heading) and key (the message) in the site's language; vars, if given, fills
// the message's placeholders in that language.
type refusal struct {
	status int
	key    string
	vars   func(lang string) []string
}

func (e *refusal) Error() string { return "refused: " + e.key }

// refuse makes a refusal; serveError answers it.
func refuse(status int, key string, vars func(lang string) []string) error {
	return &refusal{status: status, key: key, vars: vars}
}

// errorStatus is the status an error answers with: 404 for ErrNotFound, 503 when the storage
// cannot write (a full disk, a read-only filesystem: the request was fine and will work later),
// 403 for a desk page an editor may not see, a refusal's own status, 500 for anything else.
func errorStatus(err error) int {
	var ref *refusal
	switch {
	case errors.As(err, &ref):
		return ref.status
	case errors.Is(err, data.ErrNotFound):
		return http.StatusNotFound
	case data.StorageFault(err) != "":
		return http.StatusServiceUnavailable
	case errors.Is(err, errForbidden):
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// statusClientGone is nginx's 499: the client closed the connection before the answer was
// ready (a closed tab, a load test stopping). There is nobody to draw a page for, and it is no
// operator's business: it is logged at debug level and counted under its own status.
const statusClientGone = 499

// answerError is the one error mapper: it picks the status, logs what is worth an
// operator's eye and sets the headers; the reader pages (serveError) and the desk (deskError)
// then draw the page for that status in their own words and layout — unless it is
// statusClientGone, which answerError has written itself.
func answerError(log *slog.Logger, w http.ResponseWriter, r *http.Request, err error) int {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		log.DebugContext(r.Context(), "client gone", "path", r.URL.Path, "err", err)
		w.WriteHeader(statusClientGone)
		return statusClientGone
	}
	status := errorStatus(err)
	logError(log, r, status, err)
	if status == http.StatusServiceUnavailable {
		// Retry-After tells browsers and crawlers this passes.
		w.Header().Set("Retry-After", "120")
	}
	return status
}

// logError logs storage faults as warnings with their reason and anything unexpected as an
// error; a not-found or a refusal is no news.
func logError(log *slog.Logger, r *http.Request, status int, err error) {
	var ref *refusal
	switch {
	case status == http.StatusNotFound, errors.As(err, &ref):
	case status == http.StatusServiceUnavailable:
		log.WarnContext(r.Context(), "storage cannot write", "path", r.URL.Path, "reason", data.StorageFault(err), "err", err)
	default:
		log.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "err", err)
	}
}

// serveError answers an error on the reader side: a not-found page for ErrNotFound, a
// "read-only right now" page with 503 for storage faults, a refusal's message page, a generic
// 500 page for anything else with the detail in the log, never in the page.
func (s *site) serveError(w http.ResponseWriter, r *http.Request, err error) {
	status := answerError(s.log, w, r, err)
	if status == statusClientGone {
		return
	}
	st, serr := s.model.Current(r.Context())
	var ref *refusal
	if errors.As(err, &ref) {
		s.serveRefusal(w, r, st, serr, ref)
		return
	}
	if serr != nil {
		// The store cannot even give the chrome: the defaults stand in.
		st = s.model.Fallback()
	}
	lang := st.Settings.DefaultLanguage
	page := s.page(r.Context(), r, st, reader.PageKind{Kind: "list", Lang: lang})
	msg := views.T(st.LangTag(lang), "error")
	switch status {
	case http.StatusNotFound:
		msg = views.T(st.LangTag(lang), "not_found")
	case http.StatusServiceUnavailable:
		msg = views.T(st.LangTag(lang), "read_only")
	}
	standby := errors.Is(err, data.ErrStandby)
	if standby {
		msg = views.T(st.LangTag(lang), "standby")
	}
	page.Title, page.NoIndex = msg, true
	v := views.ErrorPage{Page: page, Status: status, Message: msg, ReadOnly: status == http.StatusServiceUnavailable, Standby: standby}
	if rerr := render(w, r, status, views.Error(v), cacheNone, time.Time{}); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, msg, status)
	}
}

// serveRefusal answers with a short page: refusals have no form to show, only their words
// and the way home.
func (s *site) serveRefusal(w http.ResponseWriter, r *http.Request, st *reader.State, serr error, ref *refusal) {
	text := func(lang string) (heading, msg string) {
		var pairs []string
		if ref.vars != nil {
			pairs = ref.vars(lang)
		}
		return views.T(lang, ref.key+"_title"), views.Tf(lang, ref.key, pairs...)
	}
	if serr != nil {
		_, msg := text("en")
		http.Error(w, msg, ref.status)
		return
	}
	ctx := r.Context()
	lang := st.Settings.DefaultLanguage
	heading, msg := text(lang)
	v := views.CommentFormPage{Page: s.page(ctx, r, st, reader.PageKind{Kind: "list", Lang: lang}),
		Heading: heading, ArticleURL: "/", ArticleTit: views.T(lang, "home"), Form: views.CommentForm{Message: msg}}
	v.Title, v.NoIndex = heading, true
	if err := render(w, r, ref.status, views.CommentFormStandalone(v), cacheNone, time.Time{}); err != nil {
		s.log.Error("render refusal", "err", err)
		http.Error(w, msg, ref.status)
	}
}
