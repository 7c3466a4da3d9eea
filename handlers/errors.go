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
	status, msg := http.StatusInternalServerError, "Something went wrong"
	if errors.Is(err, data.ErrNotFound) {
		status, msg = http.StatusNotFound, "Page not found"
	} else {
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
	}
	page := views.ErrorPage{Page: views.Page{Site: s.siteView(r), Title: msg, NoIndex: true}, Status: status, Message: msg}
	if rerr := render(w, r, status, views.Error(page), cacheNone, time.Time{}); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, msg, status)
	}
}
