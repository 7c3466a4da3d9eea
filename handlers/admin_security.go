package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"gazette/views"
)

// handleSecurity shows (GET) and saves (POST) the security settings (admins only): two-factor
// for everyone, HSTS, how long the audit log keeps entries.
func handleSecurity(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		set, err := dk.store.SecuritySettings(ctx)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v := views.SecurityForm{AdminPage: dk.page(r, "Security", "security"), HSTSMaxAge: strconv.Itoa(set.HSTSMaxAge),
			AuditKeepDays: strconv.Itoa(set.AuditKeepDays), HSTSSubdomains: set.HSTSIncludeSubdomains, Preload: set.HSTSPreload,
			RequireTwoFactor: set.RequireTwoFactor, HTTPS: strings.HasPrefix(dk.settings(ctx).BaseURL, "https://"), Errors: map[string]string{}}
		if r.Method != http.MethodPost {
			dk.renderDesk(w, r, http.StatusOK, views.AdminSecurity(v))
			return
		}
		f := r.PostForm
		v.HSTSMaxAge, v.AuditKeepDays = f.Get("hsts_max_age"), f.Get("audit_keep_days")
		v.HSTSSubdomains, v.Preload, v.RequireTwoFactor = f.Get("hsts_subdomains") == "on", f.Get("hsts_preload") == "on", f.Get("require_two_factor") == "on"
		for _, n := range []struct {
			field, value string
			max          int
			to           *int
		}{{"hsts_max_age", v.HSTSMaxAge, 63072000, &set.HSTSMaxAge}, {"audit_keep_days", v.AuditKeepDays, 36500, &set.AuditKeepDays}} {
			i, err := strconv.Atoi(strings.TrimSpace(n.value))
			if err != nil || i < 0 || i > n.max {
				v.Errors[n.field] = "Enter a whole number from 0 to " + strconv.Itoa(n.max) + "."
				continue
			}
			*n.to = i
		}
		if len(v.Errors) > 0 {
			dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminSecurity(v))
			return
		}
		set.HSTSIncludeSubdomains, set.HSTSPreload, set.RequireTwoFactor = v.HSTSSubdomains, v.Preload, v.RequireTwoFactor
		if err := dk.store.SaveSecuritySettings(ctx, set); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "settings", "security", "two-factor required: "+strconv.FormatBool(set.RequireTwoFactor)+", HSTS max-age "+
			strconv.Itoa(set.HSTSMaxAge)+", audit kept "+strconv.Itoa(set.AuditKeepDays)+" days")
		seeOther(w, r, "/admin/security?done=saved")
	})
}
