package handlers

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"
)

// routes is the one list of Gazette's routes and the middleware around them: the site's map.
func routes(d Deps, ready *readiness) http.Handler {
	r := mux.NewRouter()
	// Paths are looked up exactly as requested; cleaning them would turn "/a/../b" into a
	// redirect instead of the 404 it deserves.
	r.SkipClean(true)
	get, post := []string{http.MethodGet, http.MethodHead}, []string{http.MethodPost}
	getPost := append(get, post...)
	// One site for every reader handler: one settings reader, one reader state per store
	// generation (reader/). The desk and the comments take what they use of it.
	pub := newSite(d)
	dk := newDesk(d, pub)
	rc := newReaderComments(d, pub)

	// Probes and hashed assets.
	r.Handle("/healthz", handleHealth(d.Store)).Methods(get...)
	r.Handle("/readyz", handleReady(ready.check, writableUnlessStandby(d))).Methods(get...)
	r.Handle("/static/{file:.+}", handleStatic(d.Assets)).Methods(get...)

	// The editor desk under /admin/, and uploads. Desk and comment routes are tried only for
	// paths under their prefixes (pathsUnder), so a reader's page never meets their patterns.
	// Every desk route runs in the same frame: the cross-origin check, the session loader and
	// the form-token cookie; each says whether it needs an editor or an admin, and every POST
	// needs its form token.
	desk := deskRouter{r: pathsUnder(r, "/admin", "/media/"), frame: func(h http.Handler) http.Handler {
		return dk.crossOrigin(dk.loadSession(dk.ensureCSRFCookie(h)))
	}}
	anyone := func(h http.Handler) http.Handler { return dk.checkCSRF(maxFormBytes)(h) }
	// account: a signed-in editor's own page, open even while admins require two-factor sign-in
	// and it is not set up yet; every other desk page waits for it (requireTwoFactor).
	account := func(h http.Handler) http.Handler { return dk.requireEditor(dk.checkCSRF(maxFormBytes)(h)) }
	editor := func(h http.Handler) http.Handler { return account(dk.requireTwoFactor(h)) }
	uploader := func(h http.Handler) http.Handler {
		return dk.requireEditor(dk.requireTwoFactor(dk.checkCSRF(maxUploadBytes)(h)))
	}
	admin := func(h http.Handler) http.Handler { return editor(dk.requireAdmin(h)) }

	desk.r.Handle("/admin", http.RedirectHandler("/admin/", http.StatusMovedPermanently))
	desk.Handle("/admin/login", handleLoginShow(dk)).Methods(get...)
	desk.Handle("/admin/login", anyone(handleLoginSubmit(dk))).Methods(post...)
	desk.Handle("/admin/login/code", handleLoginCodeShow(dk)).Methods(get...)
	desk.Handle("/admin/login/code", anyone(handleLoginCodeSubmit(dk))).Methods(post...)
	desk.Handle("/admin/logout", anyone(handleLogout(dk))).Methods(post...)
	desk.Handle("/admin/account", account(handleAccount(dk))).Methods(get...)
	desk.Handle("/admin/account/two-factor", account(handleTwoFactorChange(dk))).Methods(post...)
	desk.Handle("/admin/setup/{token}", handleSetupShow(dk)).Methods(get...)
	desk.Handle("/admin/setup/{token}", anyone(handleSetupSubmit(dk))).Methods(post...)

	desk.Handle("/admin/", editor(handleArticleList(dk))).Methods(get...)
	desk.Handle("/admin/dashboard", editor(handleDashboard(dk))).Methods(get...)
	desk.Handle("/admin/articles/bulk", editor(handleArticleBulk(dk))).Methods(post...)
	desk.Handle("/admin/articles/new", editor(handleArticleNew(dk))).Methods(get...)
	desk.Handle("/admin/articles/new", uploader(handleArticleSave(dk))).Methods(post...)
	desk.Handle("/admin/articles/preview", uploader(handleArticlePreview(dk))).Methods(post...)
	desk.Handle("/admin/articles/render", editor(handleArticleRender(dk))).Methods(post...)
	desk.Handle("/admin/articles/{id:[0-9]+}", editor(handleArticleEdit(dk))).Methods(get...)
	desk.Handle("/admin/articles/{id:[0-9]+}", uploader(handleArticleSave(dk))).Methods(post...)
	desk.Handle("/admin/articles/{id:[0-9]+}/trash", editor(handleArticleTrash(dk, true))).Methods(post...)
	desk.Handle("/admin/articles/{id:[0-9]+}/restore", editor(handleArticleTrash(dk, false))).Methods(post...)
	desk.Handle("/admin/articles/{id:[0-9]+}/delete", admin(handleArticleDelete(dk))).Methods(post...)
	desk.Handle("/admin/articles/{id:[0-9]+}/revisions", editor(handleRevisionList(dk))).Methods(get...)
	desk.Handle("/admin/articles/{id:[0-9]+}/revisions/{rev:[0-9]+}", editor(handleRevisionShow(dk))).Methods(get...)
	desk.Handle("/admin/articles/{id:[0-9]+}/revisions/{rev:[0-9]+}/restore", editor(handleRevisionRestore(dk))).Methods(post...)

	desk.Handle("/admin/media", editor(handleMediaList(dk))).Methods(get...)
	desk.Handle("/admin/media", uploader(handleMediaUpload(dk))).Methods(post...)
	desk.Handle("/admin/media/{id:[0-9]+}", editor(handleMediaEdit(dk))).Methods(get...)
	desk.Handle("/admin/media/{id:[0-9]+}", editor(handleMediaSave(dk))).Methods(post...)
	desk.Handle("/admin/media/{id:[0-9]+}/delete", editor(handleMediaDelete(dk))).Methods(post...)

	desk.Handle("/admin/settings", admin(handleSettingsShow(dk))).Methods(get...)
	desk.Handle("/admin/settings", admin(handleSettingsSave(dk))).Methods(post...)
	desk.Handle("/admin/export.tar.gz", admin(handleExport(dk))).Methods(get...)
	desk.Handle("/admin/editors", admin(handleEditorList(dk))).Methods(get...)
	desk.Handle("/admin/editors", admin(handleEditorSave(dk))).Methods(post...)
	desk.Handle("/admin/security", admin(handleSecurity(dk))).Methods(getPost...)
	desk.Handle("/admin/audit", admin(handleAuditLog(dk))).Methods(get...)

	// Comment moderation (admin_comments.go) and each article's discussion switches.
	desk.Handle("/admin/comments", http.RedirectHandler("/admin/comments/", http.StatusMovedPermanently))
	desk.Handle("/admin/comments/", editor(handleCommentQueue(dk))).Methods(get...)
	desk.Handle("/admin/comments/bulk", editor(handleCommentAction(dk, true))).Methods(post...)
	desk.Handle("/admin/comments/settings", admin(handleCommentSettings(dk))).Methods(getPost...)
	desk.Handle("/admin/comments/{id:[0-9]+}", editor(handleCommentEdit(dk))).Methods(getPost...)
	desk.Handle("/admin/comments/{id:[0-9]+}/status", editor(handleCommentAction(dk, false))).Methods(post...)
	desk.Handle("/admin/comments/{id:[0-9]+}/reply", editor(handleCommentReply(dk))).Methods(post...)
	desk.Handle("/admin/articles/{id:[0-9]+}/discussion", editor(handleDiscussionSave(dk))).Methods(post...)

	// The newsroom: corrections, author profiles, the front page.
	desk.Handle("/admin/articles/{id:[0-9]+}/notes", editor(handleNoteAdd(dk))).Methods(post...)
	desk.Handle("/admin/articles/{id:[0-9]+}/notes/{note:[0-9]+}/delete", editor(handleNoteDelete(dk))).Methods(post...)
	desk.Handle("/admin/authors", editor(handleAuthorList(dk))).Methods(get...)
	desk.Handle("/admin/authors/new", editor(handleAuthorShow(dk))).Methods(get...)
	desk.Handle("/admin/authors/new", uploader(handleAuthorSave(dk))).Methods(post...)
	desk.Handle("/admin/authors/{slug}", editor(handleAuthorShow(dk))).Methods(get...)
	desk.Handle("/admin/authors/{slug}", uploader(handleAuthorSave(dk))).Methods(post...)
	desk.Handle("/admin/authors/{slug}/delete", editor(handleAuthorDelete(dk))).Methods(post...)
	desk.Handle("/admin/front-page", admin(handleFrontSettingsShow(dk))).Methods(get...)
	desk.Handle("/admin/front-page", admin(handleFrontSettingsSave(dk))).Methods(post...)

	// Uploaded images are public: articles show them. Outside the desk's frame.
	desk.r.Handle("/media/{dir:[0-9a-f]{2}}/{file}", handleMediaFile(d.Media, pub.serveError)).Methods(get...)

	// Discovery: search, feeds at Hugo's URLs (any list path, any language prefix, then the
	// feed's file name: feedKinds), sitemaps, robots.txt, OpenSearch. Before the catch-all.
	r.Handle("/search", handleSearch(pub)).Methods(get...)
	r.Handle("/search/suggest", handleSearchSuggest(pub)).Methods(get...)
	for _, f := range feedKinds {
		r.Handle("/"+f.File, handleFeed(pub, f)).Methods(get...)
		r.Handle("/{list:.+}/"+f.File, handleFeed(pub, f)).Methods(get...)
	}
	r.Handle("/sitemap.xml", handleSitemap(pub)).Methods(get...)
	r.Handle("/sitemaps/{n}.xml", handleSitemap(pub)).Methods(get...)
	r.Handle("/sitemap-news.xml", handleNewsSitemap(pub)).Methods(get...)
	r.Handle("/robots.txt", handleRobots(pub)).Methods(get...)
	r.Handle("/opensearch.xml", handleOpenSearch(pub)).Methods(get...)

	// Readers' comments: posting, their own edits, comment feeds. Posts, edits and deletions
	// run behind the cross-origin check: a page of another site cannot post in a reader's name.
	comments := pathsUnder(r, "/comments/")
	sameOrigin := rc.crossOrigin()
	comments.Handle("/comments/article/{id:[0-9]+}", sameOrigin(handleCommentPost(rc))).Methods(post...)
	comments.Handle("/comments/article/{id:[0-9]+}/new", handleCommentWrite(rc)).Methods(get...)
	comments.Handle("/comments/{id:[0-9]+}/edit", sameOrigin(handleOwnCommentEdit(rc))).Methods(getPost...)
	comments.Handle("/comments/{id:[0-9]+}/delete", sameOrigin(handleOwnCommentDelete(rc))).Methods(post...)
	comments.Handle("/comments/feed.xml", handleCommentFeed(rc, false)).Methods(get...)
	comments.Handle("/comments/article/{id:[0-9]+}/feed.xml", handleCommentFeed(rc, true)).Methods(get...)

	// Everything else is a public page found through the path index (public_path.go).
	r.PathPrefix("/").Handler(handlePublicPath(pub)).Methods(get...)
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	})

	var h http.Handler = r
	// A warm standby's copy serves readers only (standby.go).
	h = refuseWritesOnStandby(d.Store, pub, h)
	h = compress(h)
	// A logged-in editor's pages are never kept by any cache, so a fix shows at once.
	h = noStoreForEditors(h)
	h = securityHeaders(h)
	h = strictTransport(pub, h)
	h = readerAddress(d.TrustedProxies, h)
	// Keys and s-maxage for a shared cache in front, kept with the page by the cache below.
	h = exposeToSharedCache(d.SharedCache, h)
	h = requestContext(h)
	// Outermost but for panics, the body deadline and the request id, metrics and log: a
	// cached page costs a map lookup and one write, with the headers above already in it.
	h = cacheResponses(d.Store, strings.EqualFold(d.SharedCache.KeysHeader, surrogateKey), h)
	// Reading figures count every reader's view, a cached one too (read_count.go).
	h = countReads(d.Reads, h)
	h = observeRequests(d.Logger, d.Metrics, h)
	h = bodyDeadline(bodyReadTimeout, h)
	h = recoverPanics(d.Logger, h)
	return h
}

// pathsUnder is a router for routes whose full paths begin with one of prefixes: a reader's
// page is tried against those prefixes instead of every desk and comment route's pattern
// (gorilla/mux matches routes in order, one regular expression each). Routes keep their full
// paths; one outside the prefixes would never match.
func pathsUnder(r *mux.Router, prefixes ...string) *mux.Router {
	return r.MatcherFunc(func(req *http.Request, _ *mux.RouteMatch) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(req.URL.Path, p) {
				return true
			}
		}
		return false
	}).Subrouter()
}

// deskRouter registers desk routes inside the desk's middleware frame.
type deskRouter struct {
	r     *mux.Router
	frame func(http.Handler) http.Handler
}

func (d deskRouter) Handle(path string, h http.Handler) *mux.Route {
	return d.r.Handle(path, d.frame(h))
}
