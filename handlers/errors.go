package handlers

import (
	"errors"
	"net/http"
	"time"

	"gazette/data"
	"gazette/views"
)

// storageFullRetry is the Retry-After of a write refused for lack of space: an operator has to
// act, so a few minutes.
const storageFullRetry = "300"

// storageFull answers whether err is a write the disk had no room for; if so it logs it and
// sets Retry-After, and the caller answers 503 with words that say so (never a bare 500: the
// site still reads).
func storageFull(log interface{ Error(string, ...any) }, w http.ResponseWriter, r *http.Request, err error) bool {
	if !data.IsStorageFull(err) {
		return false
	}
	log.Error("storage full", "path", r.URL.Path, "err", err)
	w.Header().Set("Retry-After", storageFullRetry)
	return true
}

// serveError is the one place errors become responses: a not-found page for ErrNotFound, 503
// for a full disk, a generic 500 page for anything else with the detail in the log, never in
// the page.
func (s *site) serveError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, data.ErrNotFound):
		status = http.StatusNotFound
	case storageFull(s.log, w, r, err):
		status = http.StatusServiceUnavailable
	default:
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
	}
	st, serr := s.currentState(r.Context())
	if serr != nil {
		// The store cannot even give the chrome: the defaults stand in.
		st = &state{settings: data.DefaultSiteSettings(), perLang: map[string]*langState{}}
	}
	lang := st.settings.DefaultLanguage
	page := s.page(r.Context(), r, st, pageKind{kind: "list", lang: lang})
	msg := views.T(lang, "error")
	switch status {
	case http.StatusNotFound:
		msg = views.T(lang, "not_found")
	case http.StatusServiceUnavailable:
		msg = views.T(lang, "storage_full")
	}
	page.Title, page.NoIndex = msg, true
	v := views.ErrorPage{Page: page, Status: status, Message: msg}
	if rerr := render(w, r, status, views.Error(v), cacheNone, time.Time{}); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, msg, status)
	}
}
