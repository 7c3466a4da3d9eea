package handlers

import (
	"net/http"
	"strings"
	"time"

	"gazette/editing"
	"gazette/reader"
	"gazette/views"
)

// The front-page settings (issue 17) are site params, like the rest of the desk's settings:
// `frontpage`, `frontsections` and `breaking` (see front_page.go).

// frontSettingsValues shows the stored settings.
func frontSettingsValues(params map[string]any, loc *time.Location) views.FrontSettingsValues {
	v := views.FrontSettingsValues{Newsroom: reader.NewsroomLayout(params), BreakingText: reader.ParamString(params, "breaking", "text"),
		BreakingURL: reader.ParamString(params, "breaking", "url")}
	v.Sections, _ = reader.ParamStrings(params, "frontsections")
	if t, err := time.Parse(time.RFC3339, reader.ParamString(params, "breaking", "until")); err == nil {
		v.BreakingTill = t.In(loc).Format(editing.FormTime)
	}
	return v
}

// handleFrontSettingsShow shows the front-page settings.
func handleFrontSettingsShow(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		set := dk.settings(r.Context())
		dk.renderFrontSettings(w, r, http.StatusOK, frontSettingsValues(set.Params, editing.SiteLocation(set)), nil)
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
		fr := &editing.FieldReader{Loc: editing.SiteLocation(set)}
		text := fr.Text("breaking_text", v.BreakingText, 200, false)
		if v.BreakingURL != "" && !strings.HasPrefix(v.BreakingURL, "/") && !strings.HasPrefix(v.BreakingURL, "https://") &&
			!strings.HasPrefix(v.BreakingURL, "http://") || strings.HasPrefix(v.BreakingURL, "//") || strings.ContainsAny(v.BreakingURL, " <>\"") {
			fr.Errs.Add("breaking_url", "Use a path on this site (/news/x/) or a web address (https://…).")
		}
		until := fr.Date("breaking_until", v.BreakingTill)
		if !until.IsZero() && !until.After(dk.store.Now()) {
			fr.Errs.Add("breaking_until", "The banner would already be gone: choose a time in the future.")
		}
		known, err := dk.store.DeskSections(ctx)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		var sections []string
		for _, s := range v.Sections {
			if !containsSection(known, s) {
				fr.Errs.Add("sections", "Pick among the site's sections.")
				continue
			}
			sections = append(sections, s)
		}
		if len(sections) > 8 {
			fr.Errs.Add("sections", "At most 8 section blocks.")
		}
		if invalid := fr.Errs.ErrFields(); invalid != nil {
			dk.renderFrontSettings(w, r, http.StatusUnprocessableEntity, v, invalid.Fields)
			return
		}
		if set.Params == nil {
			set.Params = map[string]any{}
		}
		p := set.Params
		layout := ""
		if v.Newsroom {
			layout = "newsroom"
		}
		setParam(p, layout, "frontpage")
		setParam(p, anyList(sections), "frontsections")
		delete(p, "breaking")
		if text != "" {
			setParam(p, text, "breaking", "text")
			setParam(p, v.BreakingURL, "breaking", "url")
			if !until.IsZero() {
				setParam(p, until.Format(time.RFC3339), "breaking", "until")
			}
		}
		if err := dk.store.SaveSiteSettings(ctx, set); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "settings", "front page", layout)
		seeOther(w, r, "/admin/front-page?done=front")
	})
}

func containsSection(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
