package handlers

import (
	"net/http"
	"strings"

	"gazette/data"
	"gazette/views"
)

// handleAccount is an editor's own page: setting up two-factor sign-in (a fresh key and its QR
// code each visit until one is confirmed), recovery codes, turning it off.
func handleAccount(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := dk.accountPage(r)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		if !v.TwoFactor {
			if v.Secret, v.QRImage, err = data.NewTOTPKey(v.SiteName, v.Email); err != nil {
				dk.deskError(w, r, err)
				return
			}
		}
		dk.renderDesk(w, r, http.StatusOK, views.AdminAccount(v))
	})
}

func (dk *desk) accountPage(r *http.Request) (views.AccountPage, error) {
	sess, _ := sessionFrom(r.Context())
	v := views.AccountPage{AdminPage: dk.page(r, "Your account", "account"), Email: sess.Editor.Email, TwoFactor: sess.Editor.TwoFactor}
	st, err := dk.model.Current(r.Context())
	if err != nil {
		return v, err
	}
	v.Required = st.Security.RequireTwoFactor
	if v.TwoFactor {
		v.RecoveryLeft, err = dk.store.RecoveryCodesLeft(r.Context(), sess.Editor.ID)
	}
	return v, err
}

// handleTwoFactorChange turns two-factor sign-in on (with a code proving the app has the key),
// makes new recovery codes, or turns it off (with a current code, unless admins require it).
func handleTwoFactorChange(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		sess, _ := sessionFrom(ctx)
		v, err := dk.accountPage(r)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		f := r.PostForm
		switch action := f.Get("action"); {
		case action == "enable" && !v.TwoFactor:
			secret := strings.TrimSpace(f.Get("secret"))
			if _, ok := data.TOTPStep(secret, f.Get("code"), dk.store.Now()); !ok || len(secret) < 16 {
				v.Secret, v.Message = secret, "That code does not match the key: check the phone's clock and type the code the app shows now."
				if v.QRImage, err = data.TOTPQRFor(v.SiteName, v.Email, secret); err != nil {
					v.Secret, v.QRImage, _ = data.NewTOTPKey(v.SiteName, v.Email)
				}
				dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminAccount(v))
				return
			}
			if v.NewCodes, err = dk.store.EnableTwoFactor(ctx, sess.Editor.ID, secret); err != nil {
				dk.deskError(w, r, err)
				return
			}
			dk.audit(r, "two-factor", sess.Editor.Email, "turned on")
			v.TwoFactor, v.RecoveryLeft = true, len(v.NewCodes)
			v.Editor.TwoFactor = true
		case action == "codes" && v.TwoFactor:
			if v.NewCodes, err = dk.store.NewRecoveryCodes(ctx, sess.Editor.ID); err != nil {
				dk.deskError(w, r, err)
				return
			}
			dk.audit(r, "two-factor", sess.Editor.Email, "new recovery codes")
			v.RecoveryLeft = len(v.NewCodes)
		case action == "disable" && v.TwoFactor && !v.Required:
			ok, err := dk.secondFactorMatches(r, sess.Editor, f.Get("code"))
			if err != nil {
				dk.deskError(w, r, err)
				return
			}
			if !ok {
				v.Flash = "That code is not right: two-factor sign-in stays on."
				dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminAccount(v))
				return
			}
			if err := dk.store.DisableTwoFactor(ctx, sess.Editor.Email); err != nil {
				dk.deskError(w, r, err)
				return
			}
			dk.audit(r, "two-factor", sess.Editor.Email, "turned off")
			seeOther(w, r, "/admin/account")
			return
		default:
			seeOther(w, r, "/admin/account")
			return
		}
		// The codes are shown on this answer only: no redirect, no cache.
		dk.renderDesk(w, r, http.StatusOK, views.AdminAccount(v))
	})
}

// requireTwoFactor sends an editor without two-factor sign-in to their account page while
// admins require it of everyone.
func (dk *desk) requireTwoFactor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, ok := sessionFrom(r.Context())
		if !ok || sess.Editor.TwoFactor {
			next.ServeHTTP(w, r)
			return
		}
		st, err := dk.model.Current(r.Context())
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		if !st.Security.RequireTwoFactor {
			next.ServeHTTP(w, r)
			return
		}
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			seeOther(w, r, "/admin/account")
			return
		}
		dk.renderDesk(w, r, http.StatusForbidden, views.AdminMessage(dk.page(r, "Two-factor sign-in required", "account"),
			"Two-factor sign-in required", "The site's admins require two-factor sign-in. Set it up on your account page, then send this again."))
	})
}
