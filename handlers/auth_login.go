package handlers

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gazette/data"
	"gazette/views"
)

// handleLoginShow shows the login form; a logged-in editor goes straight on.
func handleLoginShow(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next := localPath(r.URL.Query().Get("next"), "/admin/")
		if _, ok := sessionFrom(r.Context()); ok {
			seeOther(w, r, next)
			return
		}
		dk.renderDesk(w, r, http.StatusOK, views.AdminLogin(views.LoginForm{AdminPage: dk.page(r, "Log in", ""), Next: next}))
	})
}

// handleLoginSubmit checks a password. An unknown email, a wrong password and a disabled
// account get the same answer after the same work (a hash comparison), so the form does not
// tell which emails have accounts.
func handleLoginSubmit(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := r.PostForm
		email, pw := strings.TrimSpace(f.Get("email")), f.Get("password")
		v := views.LoginForm{AdminPage: dk.page(r, "Log in", ""), Email: email, Next: localPath(f.Get("next"), "/admin/"), Kept: keptFromLogin(f)}
		ip := clientIP(r)
		d, err := dk.store.LoginWait(r.Context(), email, ip)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		if d > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(d.Seconds())+1))
			v.Message = throttleMessage(d)
			dk.renderDesk(w, r, http.StatusTooManyRequests, views.AdminLogin(v))
			return
		}
		e, err := dk.store.EditorByEmail(r.Context(), email)
		ok := false
		switch {
		case err == nil:
			ok = data.PasswordMatches(e.PasswordHash, pw) && !e.Disabled
		case errors.Is(err, data.ErrNotFound):
			data.PasswordMatches(dk.dummyHash, pw)
		default:
			dk.deskError(w, r, err)
			return
		}
		if !ok {
			if err := dk.store.LoginFailed(r.Context(), email, ip); err != nil {
				dk.deskError(w, r, err)
				return
			}
			dk.audit(r, "sign-in failed", email, "wrong password, unknown or disabled account")
			v.Message = "That email and password do not match an active account."
			dk.renderDesk(w, r, http.StatusUnauthorized, views.AdminLogin(v))
			return
		}
		if e.TwoFactor {
			// An interrupted edit's kept fields are not carried through the second step.
			if err := dk.askSecondFactor(w, r, e, v.Next); err != nil {
				dk.deskError(w, r, err)
			}
			return
		}
		id, err := dk.signIn(w, r, e)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		if len(v.Kept) > 0 {
			sess, err := dk.store.SessionByID(r.Context(), id, dk.limits)
			if err != nil {
				dk.deskError(w, r, err)
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), sessionKey{}, sess))
			dk.resumeAfterLogin(w, r, v.Next, v.Kept)
			return
		}
		seeOther(w, r, v.Next)
	})
}

// signIn ends a sign-in that passed every check: the account's failures are forgotten, the
// session starts, the audit log notes it. It returns the session id.
func (dk *desk) signIn(w http.ResponseWriter, r *http.Request, e data.Editor) (string, error) {
	if err := dk.store.LoginSucceeded(r.Context(), e.Email, clientIP(r)); err != nil {
		return "", err
	}
	id, err := dk.startSession(w, r, e.ID)
	if err != nil {
		return "", err
	}
	dk.auditAs(r, e, "sign-in", e.Email, "")
	return id, nil
}

// keptFromLogin reads back the fields a login form carried from an interrupted edit.
func keptFromLogin(f map[string][]string) []views.KeptField {
	var out []views.KeptField
	for _, k := range keptFields(unprefix(f, "keep.")) {
		out = append(out, k)
	}
	return out
}

func unprefix(f map[string][]string, prefix string) map[string][]string {
	out := map[string][]string{}
	for k, v := range f {
		if name, ok := strings.CutPrefix(k, prefix); ok {
			out[name] = v
		}
	}
	return out
}

// handleLogout ends the session on the server and in the browser.
func handleLogout(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := dk.endSession(w, r); err != nil {
			dk.deskError(w, r, err)
			return
		}
		seeOther(w, r, "/admin/login")
	})
}

// clientIP is the reader's address: the connection's, or the one a trusted proxy named
// (readerAddress has already put it in RemoteAddr). Headers are never read here: any client
// can send them, and trusting them would let a guesser pick a fresh address per try.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// throttleMessage says how long to wait, in words.
func throttleMessage(d time.Duration) string {
	secs := int(math.Ceil(d.Seconds()))
	if secs >= 120 {
		return fmt.Sprintf("Too many failed attempts from your address: sign-in from it is paused for %d minutes. Wait, or sign in from another network, or ask an admin to run `gazette user unlock`.", (secs+59)/60)
	}
	if secs <= 1 {
		return "Too many failed attempts. Try again in a second."
	}
	return fmt.Sprintf("Too many failed attempts. Try again in %d seconds.", secs)
}
