package editing

import (
	"slices"
	"strings"
	"time"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// The front-page settings (issue 17) are site params, like the rest of the desk's settings:
// `frontpage`, `frontsections` and `breaking` (read by reader/front_page.go).

// FrontSettingsValues are the stored front-page settings as their desk form shows them.
func FrontSettingsValues(params map[string]any, loc *time.Location) views.FrontSettingsValues {
	v := views.FrontSettingsValues{Newsroom: reader.NewsroomLayout(params), BreakingText: reader.ParamString(params, "breaking", "text"),
		BreakingURL: reader.ParamString(params, "breaking", "url")}
	v.Sections, _ = reader.ParamStrings(params, "frontsections")
	if t, err := time.Parse(time.RFC3339, reader.ParamString(params, "breaking", "until")); err == nil {
		v.BreakingTill = t.In(loc).Format(FormTime)
	}
	return v
}

// ApplyFrontSettings checks the front-page form against the site's sections (known) and the
// time now, and writes it into set's params when it is valid. layout is what the audit log
// records ("newsroom" or "").
func ApplyFrontSettings(v views.FrontSettingsValues, set *data.SiteSettings, known []string, now time.Time) (layout string, invalid *data.ValidationError) {
	fr := &FieldReader{Loc: SiteLocation(*set)}
	text := fr.Text("breaking_text", v.BreakingText, 200, false)
	if v.BreakingURL != "" && !strings.HasPrefix(v.BreakingURL, "/") && !strings.HasPrefix(v.BreakingURL, "https://") &&
		!strings.HasPrefix(v.BreakingURL, "http://") || strings.HasPrefix(v.BreakingURL, "//") || strings.ContainsAny(v.BreakingURL, " <>\"") {
		fr.Errs.Add("breaking_url", "Use a path on this site (/news/x/) or a web address (https://…).")
	}
	until := fr.Date("breaking_until", v.BreakingTill)
	if !until.IsZero() && !until.After(now) {
		fr.Errs.Add("breaking_until", "The banner would already be gone: choose a time in the future.")
	}
	var sections []string
	for _, s := range v.Sections {
		if !slices.Contains(known, s) {
			fr.Errs.Add("sections", "Pick among the site's sections.")
			continue
		}
		sections = append(sections, s)
	}
	if len(sections) > 8 {
		fr.Errs.Add("sections", "At most 8 section blocks.")
	}
	if invalid := fr.Errs.ErrFields(); invalid != nil {
		return "", invalid
	}
	if set.Params == nil {
		set.Params = map[string]any{}
	}
	p := set.Params
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
	return layout, nil
}
