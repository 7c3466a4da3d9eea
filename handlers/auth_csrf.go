package handlers

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"

	"github.com/gorilla/sessions"

	"gazette/data"
	"gazette/views"
)

// csrfCookie holds the token of forms shown before login (login, first admin). Logged-in forms
// use the token of the server-side session instead.
const csrfCookie = "gazette_csrf"

type anonCSRFKey struct{}

// anonCSRFToken returns the token for a logged-out visitor's forms.
func anonCSRFToken(r *http.Request) string {
	if t, ok := r.Context().Value(anonCSRFKey{}).(string); ok {
		return t
	}
	return ""
}

// ensureCSRFCookie gives every desk visitor without a session a form token cookie.
func (dk *desk) ensureCSRFCookie(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := ""
		if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 && len(c.Value) <= 64 {
			token = c.Value
		} else {
			token = data.RandomToken()
			http.SetCookie(w, sessions.NewCookie(csrfCookie, token, &sessions.Options{Path: "/admin", MaxAge: 0,
				HttpOnly: true, Secure: dk.secureCookies(r), SameSite: http.SameSiteLaxMode}))
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), anonCSRFKey{}, token)))
	})
}

// crossOrigin refuses state-changing requests that a browser marks as coming from another site
// (Sec-Fetch-Site, or an Origin that is not this host).
func (dk *desk) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dk.renderDesk(w, r, http.StatusForbidden, views.AdminMessage(dk.page(r, "Refused", ""), "Refused",
			"This form was sent from another site, so it was not accepted. Open the desk and send it from there."))
	}))
	return cop.Handler(next)
}

// checkCSRF accepts a POST only with the form token of its session (or, logged out, of its
// token cookie), compared in constant time. It also caps the body and parses the form.
func (dk *desk) checkCSRF(limit int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost {
				next.ServeHTTP(w, r)
				return
			}
			if err := parseForm(w, r, limit); err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					dk.renderDesk(w, r, http.StatusRequestEntityTooLarge, views.AdminMessage(dk.page(r, "Too large", ""), "Too large",
						"What you sent is larger than the desk accepts. Images may be up to 10 MB."))
					return
				}
				dk.renderDesk(w, r, http.StatusBadRequest, views.AdminMessage(dk.page(r, "Bad form", ""), "Bad form", "The form could not be read. Reload the page and try again."))
				return
			}
			want := anonCSRFToken(r)
			if sess, ok := sessionFrom(r.Context()); ok {
				want = sess.CSRFToken
			}
			got := r.PostForm.Get("csrf")
			if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
				dk.renderDesk(w, r, http.StatusForbidden, views.AdminMessage(dk.page(r, "Form expired", ""), "Form expired",
					"This form is missing its security token or the token is out of date, so nothing was changed. Go back, reload the page and send it again."))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// parseForm reads a url-encoded or multipart body of at most limit bytes.
func parseForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	err := r.ParseMultipartForm(limit)
	if errors.Is(err, http.ErrNotMultipart) {
		return nil // ParseMultipartForm already parsed the url-encoded body
	}
	return err
}
