package handlers

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// errorStatus is the status an error answers with: 404 for ErrNotFound, 503 when the storage
// cannot write (a full disk, a read-only filesystem: the request was fine and will work later),
// 500 for anything else. Every error mapper (the reader pages' and the desk's) starts here.
func errorStatus(err error) int {
	switch {
	case errors.Is(err, data.ErrNotFound):
		return http.StatusNotFound
	case data.StorageFault(err) != "":
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// logError logs what is worth an operator's eye: storage faults as warnings with their reason,
// anything unexpected as an error; a not-found is no news.
func logError(log *slog.Logger, r *http.Request, status int, err error) {
	switch status {
	case http.StatusNotFound:
	case http.StatusServiceUnavailable:
		// Retry-After tells browsers and crawlers this passes.
		log.WarnContext(r.Context(), "storage cannot write", "path", r.URL.Path, "reason", data.StorageFault(err), "err", err)
	default:
		log.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "err", err)
	}
}

// serveError is the one place errors become responses: a not-found page for ErrNotFound, a
// "read-only right now" page with 503 for storage faults, a generic 500 page for anything else
// with the detail in the log, never in the page.
func (s *site) serveError(w http.ResponseWriter, r *http.Request, err error) {
	status := errorStatus(err)
	logError(s.log, r, status, err)
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "120")
	}
	st, serr := s.model.Current(r.Context())
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
