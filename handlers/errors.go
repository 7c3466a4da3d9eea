package handlers

import (
	"errors"
	"net/http"
	"time"

	"gazette/data"
	"gazette/views"
)

// serveError is the one place errors become responses: a not-found page for ErrNotFound, a
// generic 500 page for anything else with the detail in the log, never in the page.
func (s *site) serveError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	if errors.Is(err, data.ErrNotFound) {
		status = http.StatusNotFound
	} else {
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
	if status == http.StatusNotFound {
		msg = views.T(lang, "not_found")
	}
	page.Title, page.NoIndex = msg, true
	v := views.ErrorPage{Page: page, Status: status, Message: msg}
	if rerr := render(w, r, status, views.Error(v), cacheNone, time.Time{}); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, msg, status)
	}
}
