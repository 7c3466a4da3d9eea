package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/a-h/templ"

	"gazette/data"
	"gazette/reader"
	"gazette/static"
	"gazette/views"
)

// desk is the editor side's shared state: what the desk's handlers use, and no more of the
// reader side than the settings and state (model) and the article page for previews.
type desk struct {
	store  *data.Store
	media  *data.MediaDir
	assets *static.Assets
	log    *slog.Logger
	model  *reader.Model
	// serveArticle renders an article as readers see it (the desk's preview).
	serveArticle func(w http.ResponseWriter, r *http.Request, a *data.Article) error

	limits data.SessionLimits
	// dummyHash is compared against when an email is unknown, so that an unknown email and a
	// wrong password take the same time.
	dummyHash string
}

// Session limits: a working day of inactivity, a week at most.
var deskSessionLimits = data.SessionLimits{Idle: 8 * time.Hour, Absolute: 7 * 24 * time.Hour}

// DeskSessionLimits are the editor session limits, for the server's housekeeping.
func DeskSessionLimits() data.SessionLimits { return deskSessionLimits }

func newDesk(d Deps, s *site) *desk {
	hash, err := data.HashPassword(data.RandomToken())
	if err != nil {
		// HashPassword fails only when the system has no randomness.
		panic(err)
	}
	return &desk{
		store: d.Store, media: d.Media, assets: d.Assets, log: d.Logger, model: s.model,
		serveArticle: func(w http.ResponseWriter, r *http.Request, a *data.Article) error {
			return serveArticle(s, w, r, a)
		},
		limits:    deskSessionLimits,
		dummyHash: hash,
	}
}

// settings reads the site settings (the defaults when the row is broken; see reader.Model).
func (dk *desk) settings(ctx context.Context) data.SiteSettings { return dk.model.Settings(ctx) }

// page is the frame every desk page starts from.
func (dk *desk) page(r *http.Request, title, nav string) views.AdminPage {
	p := views.AdminPage{
		Title:    title,
		SiteName: dk.settings(r.Context()).Title,
		StyleURL: dk.assets.URL("admin.css"),
		Nav:      nav,
		Flash:    flashText(r.URL.Query().Get("done")),
	}
	if sess, ok := sessionFrom(r.Context()); ok {
		p.Editor, p.CSRF = &sess.Editor, sess.CSRFToken
		p.PendingComments = dk.pendingComments(r)
	} else {
		p.CSRF = anonCSRFToken(r)
	}
	return p
}

// renderDesk writes a desk page: never stored by any cache.
func (dk *desk) renderDesk(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	if err := render(w, r, status, c, cacheNone, time.Time{}); err != nil {
		dk.log.Error("render desk page", "path", r.URL.Path, "err", err)
		http.Error(w, "Something went wrong", http.StatusInternalServerError)
	}
}

// deskError answers an error on the desk: answerError picks the status; the page says it in
// the desk's words.
func (dk *desk) deskError(w http.ResponseWriter, r *http.Request, err error) {
	status := answerError(dk.log, w, r, err)
	if status == statusClientGone {
		return
	}
	heading, msg := "Something went wrong", "The problem was logged. Try again, or tell the site's admin."
	switch status {
	case http.StatusNotFound:
		heading, msg = "Not found", "There is nothing here. It may have been deleted."
	case http.StatusForbidden:
		heading, msg = "Admins only", "This page is for the site's admins."
	case http.StatusServiceUnavailable:
		heading = "The newsroom is read-only right now"
		msg = "Nothing was saved: " + data.StorageFault(err) + ". Reading works as usual; " +
			"go back, keep your text, and try again once the server has room to write."
	}
	dk.renderDesk(w, r, status, views.AdminMessage(dk.page(r, heading, ""), heading, msg))
}

// seeOther ends a successful POST: redirect, so a reload never posts twice.
func seeOther(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// flashText turns the ?done= code of a redirect into a sentence; unknown codes show nothing,
// so a crafted link cannot put words on the page.
func flashText(code string) string {
	return map[string]string{
		"saved": "Saved.", "published": "Published.", "scheduled": "Scheduled.", "unpublished": "Unpublished: readers no longer see it.",
		"trashed": "Moved to the trash.", "restored": "Restored from the trash as a draft: publish it again when it is ready.", "deleted": "Deleted for good.",
		"reverted": "Revision restored.", "uploaded": "Uploaded.", "media-deleted": "Image deleted.", "settings": "Settings saved.", "bulk": "Done.",
		"welcome": "Welcome. You are the site's admin.", "noted": "Note added: readers see it under the article.",
		"author": "Author saved.", "front": "Front page saved.",
	}[code]
}

// localPath accepts a redirect target only when it is a path on this site: never another host
// ("//evil", "/\evil", "https://…"), never outside the desk.
func localPath(next, fallback string) string {
	if !strings.HasPrefix(next, "/admin") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return fallback
	}
	return next
}

// secureCookies is the only way the desk decides whether cookies must be Secure.
func (dk *desk) secureCookies(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(dk.settings(r.Context()).BaseURL, "https://")
}
