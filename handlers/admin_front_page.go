package handlers

import (
	"net/http"
	"strings"

	"gazette/editing"
	"gazette/views"
)

// The front-page settings (issue 17) are site params, like the rest of the desk's settings:
// `frontpage`, `frontsections` and `breaking`; the form's meaning is editing/front_settings.go,
// and reader/front_page.go reads them.

// handleFrontSettingsShow shows the front-page settings.
func handleFrontSettingsShow(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		set := dk.settings(r.Context())
		dk.renderFrontSettings(w, r, http.StatusOK, editing.FrontSettingsValues(set.Params, editing.SiteLocation(set)), nil)
	})
}

func (dk *desk) renderFrontSettings(w http.ResponseWriter, r *http.Request, status int, v views.FrontSettingsValues, errs map[string]string) {
	ctx := r.Context()
	set := dk.settings(ctx)
	sections, err := dk.store.DeskSections(ctx)
	if err != nil {
		dk.deskError(w, r, err)
		return
	}
	dk.renderDesk(w, r, status, views.AdminFrontSettings(views.FrontSettingsForm{AdminPage: dk.page(r, "Front page", "front"),
		Values: v, Errors: errs, Sections: sections, TimeZone: editing.SiteLocation(set).String()}))
}

// handleFrontSettingsSave checks and saves the front-page settings.
func handleFrontSettingsSave(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		f := r.PostForm
		v := views.FrontSettingsValues{Newsroom: f.Get("layout") == "newsroom", Sections: f["sections"],
			BreakingText: f.Get("breaking_text"), BreakingURL: strings.TrimSpace(f.Get("breaking_url")), BreakingTill: f.Get("breaking_until")}
		set, err := dk.store.SiteSettings(ctx)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		known, err := dk.store.DeskSections(ctx)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		layout, invalid := editing.ApplyFrontSettings(v, &set, known, dk.store.Now())
		if invalid != nil {
			dk.renderFrontSettings(w, r, http.StatusUnprocessableEntity, v, invalid.Fields)
			return
		}
		if err := dk.store.SaveSiteSettings(ctx, set); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "settings", "front page", layout)
		seeOther(w, r, "/admin/front-page?done=front")
	})
}
