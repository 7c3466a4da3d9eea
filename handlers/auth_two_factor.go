package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/sessions"

	"gazette/data"
	"gazette/views"
)

// Two-factor sign-in: after the password matches, an editor with an authenticator app set up
// gets a short-lived challenge (its id in the gazette_2fa cookie) and is asked for the app's
// code or a recovery code. Wrong codes count as failed sign-ins in the same throttle as
// passwords.
const (
	challengeCookie = "gazette_2fa"
	challengeTTL    = 5 * time.Minute
)

// askSecondFactor starts the second step of a sign-in whose password matched.
func (dk *desk) askSecondFactor(w http.ResponseWriter, r *http.Request, e data.Editor, next string) error {
	id, err := dk.store.CreateLoginChallenge(r.Context(), e.ID, next, challengeTTL)
	if err != nil {
		return err
	}
	opts := dk.cookieOptions(r, int(challengeTTL.Seconds()))
	opts.Path = "/admin/login"
	http.SetCookie(w, sessions.NewCookie(challengeCookie, id, opts))
	seeOther(w, r, "/admin/login/code")
	return nil
}

// handleLoginCodeShow asks for the code; without a live challenge, back to the password.
func handleLoginCodeShow(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, _, err := dk.challenge(r); err != nil {
			dk.challengeGone(w, r, err)
			return
		}
		dk.renderDesk(w, r, http.StatusOK, views.AdminLoginCode(views.LoginCodeForm{AdminPage: dk.page(r, "Two-factor sign-in", "")}))
	})
}

func (dk *desk) challenge(r *http.Request) (data.Editor, string, error) {
	c, err := r.Cookie(challengeCookie)
	if err != nil {
		return data.Editor{}, "", data.ErrNotFound
	}
	return dk.store.LoginChallenge(r.Context(), c.Value)
}

func (dk *desk) challengeGone(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, data.ErrNotFound) {
		seeOther(w, r, "/admin/login")
		return
	}
	dk.deskError(w, r, err)
}

// handleLoginCodeSubmit checks the app's code or a recovery code and, if it is right, signs in.
func handleLoginCodeSubmit(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		e, next, err := dk.challenge(r)
		if err != nil {
			dk.challengeGone(w, r, err)
			return
		}
		v := views.LoginCodeForm{AdminPage: dk.page(r, "Two-factor sign-in", "")}
		ip := clientIP(r)
		if d, err := dk.store.LoginWait(ctx, e.Email, ip); err != nil {
			dk.deskError(w, r, err)
			return
		} else if d > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(d.Seconds())+1))
			v.Message = throttleMessage(d)
			dk.renderDesk(w, r, http.StatusTooManyRequests, views.AdminLoginCode(v))
			return
		}
		ok, err := dk.secondFactorMatches(r, e, r.PostForm.Get("code"))
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		if !ok {
			if err := dk.store.LoginFailed(ctx, e.Email, ip); err != nil {
				dk.deskError(w, r, err)
				return
			}
			dk.audit(r, "sign-in failed", e.Email, "wrong two-factor code")
			v.Message = "That code is not right, or was used already. Codes change every 30 seconds."
			dk.renderDesk(w, r, http.StatusUnauthorized, views.AdminLoginCode(v))
			return
		}
		c, _ := r.Cookie(challengeCookie)
		if err := dk.store.DeleteLoginChallenge(ctx, c.Value); err != nil {
			dk.deskError(w, r, err)
			return
		}
		opts := dk.cookieOptions(r, -1)
		opts.Path = "/admin/login"
		http.SetCookie(w, sessions.NewCookie(challengeCookie, "", opts))
		if _, err := dk.signIn(w, r, e); err != nil {
			dk.deskError(w, r, err)
			return
		}
		seeOther(w, r, localPath(next, "/admin/"))
	})
}

// secondFactorMatches checks a typed code: six digits against the app (each step once), else
// a recovery code (each once).
func (dk *desk) secondFactorMatches(r *http.Request, e data.Editor, code string) (bool, error) {
	ctx := r.Context()
	secret, err := dk.store.TwoFactorSecret(ctx, e.ID)
	if err != nil || secret == "" {
		return false, err
	}
	if step, ok := data.TOTPStep(secret, code, dk.store.Now()); ok {
		return dk.store.UseTwoFactorStep(ctx, e.ID, step)
	}
	if len(strings.TrimSpace(code)) < 10 {
		return false, nil
	}
	return dk.store.UseRecoveryCode(ctx, e.ID, code)
}
