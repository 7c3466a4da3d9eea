package handlers

import (
	"net/http"

	"github.com/gorilla/mux"
)

// deskRoutes lists the editor desk's routes under /admin/. Every route runs behind the
// cross-origin check and the session loader; each says whether it needs an editor or an admin,
// and every POST needs its form token.
func deskRoutes(r *mux.Router, d Deps, s *site) {
	dk := newDesk(d, s)
	get, post := []string{http.MethodGet, http.MethodHead}, []string{http.MethodPost}
	r.Handle("/admin", http.RedirectHandler("/admin/", http.StatusMovedPermanently))
	// Routes are registered one by one with full paths: every desk route gets the same frame.
	a := deskRouter{r: r, frame: func(h http.Handler) http.Handler { return dk.crossOrigin(dk.loadSession(dk.ensureCSRFCookie(h))) }}

	anyone := func(h http.Handler) http.Handler { return dk.checkCSRF(maxFormBytes)(h) }
	// account: a signed-in editor's own page, open even while admins require two-factor sign-in
	// and it is not set up yet; every other desk page waits for it (requireTwoFactor).
	account := func(h http.Handler) http.Handler { return dk.requireEditor(dk.checkCSRF(maxFormBytes)(h)) }
	editor := func(h http.Handler) http.Handler { return account(dk.requireTwoFactor(h)) }
	uploader := func(h http.Handler) http.Handler {
		return dk.requireEditor(dk.requireTwoFactor(dk.checkCSRF(maxUploadBytes)(h)))
	}
	admin := func(h http.Handler) http.Handler { return editor(dk.requireAdmin(h)) }

	a.Handle("/admin/login", dk.handleLoginShow()).Methods(get...)
	a.Handle("/admin/login", anyone(dk.handleLoginSubmit())).Methods(post...)
	a.Handle("/admin/login/code", dk.handleLoginCodeShow()).Methods(get...)
	a.Handle("/admin/login/code", anyone(dk.handleLoginCodeSubmit())).Methods(post...)
	a.Handle("/admin/logout", anyone(dk.handleLogout())).Methods(post...)
	a.Handle("/admin/account", account(dk.handleAccount())).Methods(get...)
	a.Handle("/admin/account/two-factor", account(dk.handleTwoFactorChange())).Methods(post...)
	a.Handle("/admin/setup/{token}", dk.handleSetupShow()).Methods(get...)
	a.Handle("/admin/setup/{token}", anyone(dk.handleSetupSubmit())).Methods(post...)

	a.Handle("/admin/", editor(dk.handleArticleList())).Methods(get...)
	a.Handle("/admin/dashboard", editor(dk.handleDashboard())).Methods(get...)
	a.Handle("/admin/articles/bulk", editor(dk.handleArticleBulk())).Methods(post...)
	a.Handle("/admin/articles/new", editor(dk.handleArticleNew())).Methods(get...)
	a.Handle("/admin/articles/new", uploader(dk.handleArticleSave())).Methods(post...)
	a.Handle("/admin/articles/preview", uploader(dk.handleArticlePreview())).Methods(post...)
	a.Handle("/admin/articles/render", editor(dk.handleArticleRender())).Methods(post...)
	a.Handle("/admin/articles/{id:[0-9]+}", editor(dk.handleArticleEdit())).Methods(get...)
	a.Handle("/admin/articles/{id:[0-9]+}", uploader(dk.handleArticleSave())).Methods(post...)
	a.Handle("/admin/articles/{id:[0-9]+}/trash", editor(dk.handleArticleTrash(true))).Methods(post...)
	a.Handle("/admin/articles/{id:[0-9]+}/restore", editor(dk.handleArticleTrash(false))).Methods(post...)
	a.Handle("/admin/articles/{id:[0-9]+}/delete", admin(dk.handleArticleDelete())).Methods(post...)
	a.Handle("/admin/articles/{id:[0-9]+}/revisions", editor(dk.handleRevisionList())).Methods(get...)
	a.Handle("/admin/articles/{id:[0-9]+}/revisions/{rev:[0-9]+}", editor(dk.handleRevisionShow())).Methods(get...)
	a.Handle("/admin/articles/{id:[0-9]+}/revisions/{rev:[0-9]+}/restore", editor(dk.handleRevisionRestore())).Methods(post...)

	a.Handle("/admin/media", editor(dk.handleMediaList())).Methods(get...)
	a.Handle("/admin/media", uploader(dk.handleMediaUpload())).Methods(post...)
	a.Handle("/admin/media/{id:[0-9]+}", editor(dk.handleMediaEdit())).Methods(get...)
	a.Handle("/admin/media/{id:[0-9]+}", editor(dk.handleMediaSave())).Methods(post...)
	a.Handle("/admin/media/{id:[0-9]+}/delete", editor(dk.handleMediaDelete())).Methods(post...)

	a.Handle("/admin/settings", admin(dk.handleSettingsShow())).Methods(get...)
	a.Handle("/admin/settings", admin(dk.handleSettingsSave())).Methods(post...)
	a.Handle("/admin/export.tar.gz", admin(dk.handleExport())).Methods(get...)
	a.Handle("/admin/editors", admin(dk.handleEditorList())).Methods(get...)
	a.Handle("/admin/editors", admin(dk.handleEditorSave())).Methods(post...)
	a.Handle("/admin/security", admin(dk.handleSecurity())).Methods(append(get, post...)...)
	a.Handle("/admin/audit", admin(dk.handleAuditLog())).Methods(get...)

	// Comment moderation (admin_comments.go) and each article's discussion switches.
	a.Handle("/admin/comments", http.RedirectHandler("/admin/comments/", http.StatusMovedPermanently))
	a.Handle("/admin/comments/", editor(dk.handleCommentQueue())).Methods(get...)
	a.Handle("/admin/comments/bulk", editor(dk.handleCommentAction(true))).Methods(post...)
	a.Handle("/admin/comments/settings", admin(dk.handleCommentSettings())).Methods(append(get, post...)...)
	a.Handle("/admin/comments/{id:[0-9]+}", editor(dk.handleCommentEdit())).Methods(append(get, post...)...)
	a.Handle("/admin/comments/{id:[0-9]+}/status", editor(dk.handleCommentAction(false))).Methods(post...)
	a.Handle("/admin/comments/{id:[0-9]+}/reply", editor(dk.handleCommentReply())).Methods(post...)
	a.Handle("/admin/articles/{id:[0-9]+}/discussion", editor(dk.handleDiscussionSave())).Methods(post...)

	// The newsroom (issue 17): corrections, author profiles, the front page.
	a.Handle("/admin/articles/{id:[0-9]+}/notes", editor(dk.handleNoteAdd())).Methods(post...)
	a.Handle("/admin/articles/{id:[0-9]+}/notes/{note:[0-9]+}/delete", editor(dk.handleNoteDelete())).Methods(post...)
	a.Handle("/admin/authors", editor(dk.handleAuthorList())).Methods(get...)
	a.Handle("/admin/authors/new", editor(dk.handleAuthorShow())).Methods(get...)
	a.Handle("/admin/authors/new", uploader(dk.handleAuthorSave())).Methods(post...)
	a.Handle("/admin/authors/{slug}", editor(dk.handleAuthorShow())).Methods(get...)
	a.Handle("/admin/authors/{slug}", uploader(dk.handleAuthorSave())).Methods(post...)
	a.Handle("/admin/authors/{slug}/delete", editor(dk.handleAuthorDelete())).Methods(post...)
	a.Handle("/admin/front-page", admin(dk.handleFrontSettingsShow())).Methods(get...)
	a.Handle("/admin/front-page", admin(dk.handleFrontSettingsSave())).Methods(post...)

	// Uploaded images are public: articles show them.
	r.Handle("/media/{dir:[0-9a-f]{2}}/{file}", dk.handleMediaFile()).Methods(get...)
}

// deskRouter registers desk routes inside the desk's middleware frame.
type deskRouter struct {
	r     *mux.Router
	frame func(http.Handler) http.Handler
}

func (d deskRouter) Handle(path string, h http.Handler) *mux.Route {
	return d.r.Handle(path, d.frame(h))
}
