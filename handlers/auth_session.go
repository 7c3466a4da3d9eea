package handlers

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/gorilla/sessions"

	"gazette/data"
	"gazette/editing"
	"gazette/views"
)

// The editor's cookie is sessionCookie (cache.go): a random id only, nothing else.

type sessionKey struct{}

func sessionFrom(ctx context.Context) (data.Session, bool) {
	s, ok := ctx.Value(sessionKey{}).(data.Session)
	return s, ok
}

// cookieOptions are the session cookie's flags: HttpOnly, SameSite=Lax, Secure over HTTPS.
func (dk *desk) cookieOptions(r *http.Request, maxAge int) *sessions.Options {
	return &sessions.Options{Path: "/", MaxAge: maxAge, HttpOnly: true, Secure: dk.secureCookies(r), SameSite: http.SameSiteLaxMode}
}

// startSession logs an editor in: any session the browser had is ended and a new id issued,
// so an id planted before login is worthless after it.
func (dk *desk) startSession(w http.ResponseWriter, r *http.Request, editorID int64) (string, error) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := dk.store.DeleteSession(r.Context(), c.Value); err != nil {
			return "", err
		}
	}
	id, err := dk.store.CreateSession(r.Context(), editorID)
	if err != nil {
		return "", err
	}
	http.SetCookie(w, sessions.NewCookie(sessionCookie, id, dk.cookieOptions(r, int(dk.limits.Absolute.Seconds()))))
	return id, nil
}

// endSession logs out: the server forgets the session and the browser the cookie.
func (dk *desk) endSession(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := dk.store.DeleteSession(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, sessions.NewCookie(sessionCookie, "", dk.cookieOptions(r, -1)))
	return nil
}

// loadSession puts the request's live session, if any, in its context.
func (dk *desk) loadSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie(sessionCookie); err == nil {
			sess, err := dk.store.SessionByID(r.Context(), c.Value, dk.limits)
			switch {
			case err == nil:
				r = r.WithContext(context.WithValue(r.Context(), sessionKey{}, sess))
			case !errors.Is(err, data.ErrNotFound):
				dk.deskError(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// requireEditor lets logged-in editors through. Others get the login page: a GET is sent there
// with a way back; a POST (a session that expired mid-edit) gets it at once with everything
// it posted kept in hidden fields, so no text is lost.
func (dk *desk) requireEditor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := sessionFrom(r.Context()); ok {
			next.ServeHTTP(w, r)
			return
		}
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			seeOther(w, r, "/admin/login?next="+url.QueryEscape(r.URL.RequestURI()))
			return
		}
		v := views.LoginForm{AdminPage: dk.page(r, "Log in", ""), Next: localPath(r.URL.Path, "/admin/"),
			Message: "Your session has ended. Log in again to continue."}
		// A form too large to keep is refused by checkCSRF's cap anyway; keep what was read.
		parseForm(w, r, maxUploadBytes)
		v.Kept = keptFields(r.PostForm)
		dk.renderDesk(w, r, http.StatusUnauthorized, views.AdminLogin(v))
	})
}

// maxFormBytes bounds a form post that is not an upload; maxUploadBytes one that is (the
// image cap plus room for the other fields).
const (
	maxFormBytes   = 4 << 20
	maxUploadBytes = editing.MaxImageBytes + 1<<20
)

// keptFields lists posted values in a stable order, leaving out secrets and tokens.
func keptFields(form url.Values) []views.KeptField {
	var out []views.KeptField
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "csrf" || k == "password" || k == "email" || k == "next" || strings.HasPrefix(k, "keep.") {
			continue
		}
		for _, v := range form[k] {
			out = append(out, views.KeptField{Name: k, Value: v})
		}
	}
	return out
}

// requireAdmin lets admins through; editors get a 403 page.
func (dk *desk) requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sess, ok := sessionFrom(r.Context()); !ok || !sess.Editor.IsAdmin() {
			dk.deskError(w, r, errForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// noStoreForEditors keeps a logged-in editor's view of public pages out of every cache, so a
// fix shows at once: the response is marked private and not storable.
func noStoreForEditors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie(sessionCookie); err != nil {
			next.ServeHTTP(w, r)
			return
		}
		r.Header.Del("If-None-Match")
		r.Header.Del("If-Modified-Since")
		next.ServeHTTP(&noStoreWriter{ResponseWriter: w}, r)
	})
}

type noStoreWriter struct {
	http.ResponseWriter
	wrote bool
}

func (n *noStoreWriter) WriteHeader(code int) {
	if !n.wrote {
		n.wrote = true
		cacheEditor.set(n.Header())
	}
	n.ResponseWriter.WriteHeader(code)
}

func (n *noStoreWriter) Write(b []byte) (int, error) {
	if !n.wrote {
		n.WriteHeader(http.StatusOK)
	}
	return n.ResponseWriter.Write(b)
}

func (n *noStoreWriter) Unwrap() http.ResponseWriter { return n.ResponseWriter }
