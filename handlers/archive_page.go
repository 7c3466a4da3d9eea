package handlers

import (
	"net/http"
	"strconv"

	"gazette/views"
)

// serveArchive renders the archive: the list of years, and one year's articles by month (the
// newest year at /archive/, any other at /archive/<year>/).
func (s *site) serveArchive(w http.ResponseWriter, r *http.Request, st *state, l listSpec) error {
	ctx := r.Context()
	years, err := s.store.ArchiveYears(ctx, l.lang)
	if err != nil {
		return err
	}
	year := l.year
	if year == "" && len(years) > 0 {
		year = years[0].Year
	}
	v := views.ArchivePage{Page: s.page(ctx, r, st, pageKind{kind: "list", lang: l.lang}), Heading: views.T(l.lang, "archive")}
	if l.year != "" {
		v.Heading += " " + l.year
	}
	v.Title, v.Canonical = v.Heading, s.absURL(st, l.url(1))
	for i, y := range years {
		link := views.ArchiveYearLink{Year: y.Year, Count: y.Count, Current: y.Year == year, URL: l.prefix + "/archive/" + y.Year + "/"}
		if i == 0 {
			link.URL = l.prefix + "/archive/"
		}
		v.Years = append(v.Years, link)
	}
	if year != "" {
		refs, err := s.store.ArchiveOfYear(ctx, l.lang, year)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			d := parseRefDate(ref.Date)
			name := views.FormatDate(d, "January 2006", l.lang)
			if n := len(v.Months); n == 0 || v.Months[n-1].Name != name {
				v.Months = append(v.Months, views.ArchiveMonth{Name: name, ID: "m-" + year + "-" + strconv.Itoa(int(d.Month()))})
			}
			m := &v.Months[len(v.Months)-1]
			m.Items = append(m.Items, views.RelatedLink{Title: refTitle(&ref), URL: articleURLFromPath(ref.Permalink), Date: d})
		}
	}
	return render(w, r, http.StatusOK, views.Archive(v), cachePublic, st.modified)
}
