package handlers

import (
	"net/http"
	"strconv"
	"time"

	"gazette/views"
)

// serveArchive renders the archive one month at a time (a busy newsroom publishes thousands of
// articles a year): the list of years, the months of the chosen year, and the chosen month's
// articles. /archive/ is the newest month, /archive/<year>/ that year's newest month,
// /archive/<year>/<month>/ one month.
func (s *site) serveArchive(w http.ResponseWriter, r *http.Request, st *state, l listSpec) error {
	ctx := r.Context()
	years, err := s.store.ArchiveYears(ctx, l.lang)
	if err != nil {
		return err
	}
	year, month := l.year, l.month
	if year == "" && len(years) > 0 {
		year = years[0].Period
	}
	v := views.ArchivePage{Page: s.page(ctx, r, st, pageKind{kind: "list", lang: l.lang}), Heading: views.T(l.lang, "archive")}
	v.Title, v.Canonical = v.Heading, s.absURL(st, l.url(1))
	for _, y := range years {
		v.Years = append(v.Years, views.ArchiveYearLink{Year: y.Period, Count: y.Count, Current: y.Period == year,
			URL: archiveURL(l.prefix, y.Period, "")})
	}
	if year != "" {
		months, err := s.store.ArchiveMonths(ctx, l.lang, year)
		if err != nil {
			return err
		}
		if month == "" && len(months) > 0 {
			month = months[0].Period[5:]
		}
		for _, m := range months {
			v.MonthLinks = append(v.MonthLinks, views.ArchiveYearLink{Year: monthName(m.Period, l.lang), Count: m.Count,
				Current: m.Period[5:] == month, URL: archiveURL(l.prefix, year, m.Period[5:])})
		}
		refs, err := s.store.ArchiveOfMonth(ctx, l.lang, year+"-"+month)
		if err != nil {
			return err
		}
		am := views.ArchiveMonth{Name: monthName(year+"-"+month, l.lang) + " " + year, ID: "m-" + year + "-" + month}
		for _, ref := range refs {
			am.Items = append(am.Items, views.RelatedLink{Title: refTitle(&ref), URL: articleURLFromPath(ref.Permalink), Date: parseRefDate(ref.Date)})
		}
		v.Months = append(v.Months, am)
		v.Title += " · " + am.Name
	}
	setKeys(w, l.keys()...)
	return render(w, r, http.StatusOK, views.Archive(v), cachePublic, st.modified)
}

// archiveURL is the archive page of a year and month; the newest period is /archive/ itself,
// but any period has its own URL too.
func archiveURL(prefix, year, month string) string {
	u := prefix + "/archive/"
	if year != "" {
		u += year + "/"
	}
	if month != "" {
		u += month + "/"
	}
	return u
}

// monthName is the standalone name of a period's month ("2026-11" → "November").
func monthName(period, lang string) string {
	m, err := strconv.Atoi(period[5:])
	if err != nil || m < 1 || m > 12 {
		return period
	}
	return views.MonthName(time.Month(m), lang)
}
