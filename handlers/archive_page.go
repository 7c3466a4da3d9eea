package handlers

import (
	"net/http"
	"strconv"
	"time"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// archivePageSize is how many articles an archive month shows a page: a newsroom publishing a
// hundred stories a day makes a month of 3,000 (a 770 KB page at 100,000 articles).
const archivePageSize = 100

// serveArchive renders the archive one month at a time (a busy newsroom publishes thousands of
// articles a year): the list of years, the months of the chosen year, and the chosen month's
// articles. /archive/ is the newest month, /archive/<year>/ that year's newest month,
// /archive/<year>/<month>/ one month, archivePageSize articles a page (…/page/N/).
func serveArchive(s *site, w http.ResponseWriter, r *http.Request, st *reader.State, l reader.Listing, n int) error {
	ctx := r.Context()
	years, err := s.store.ArchiveYears(ctx, l.Lang)
	if err != nil {
		return err
	}
	year, month := l.Year, l.Month
	if year == "" && len(years) > 0 {
		year = years[0].Period
	}
	v := views.ArchivePage{Page: s.page(ctx, r, st, reader.PageKind{Kind: "list", Lang: l.Lang}), Heading: views.T(st.LangTag(l.Lang), "archive")}
	v.Title, v.Canonical = v.Heading, st.AbsURL(l.URL(1))
	for _, y := range years {
		v.Years = append(v.Years, views.ArchiveYearLink{Year: y.Period, Count: y.Count, Current: y.Period == year,
			URL: reader.ArchiveURL(l.LangPrefix, y.Period, "")})
	}
	if year != "" {
		months, err := s.store.ArchiveMonths(ctx, l.Lang, year)
		if err != nil {
			return err
		}
		if month == "" && len(months) > 0 {
			month = months[0].Period[5:]
		}
		for _, m := range months {
			v.MonthLinks = append(v.MonthLinks, views.ArchiveYearLink{Year: monthName(m.Period, l.Lang), Count: m.Count,
				Current: m.Period[5:] == month, URL: reader.ArchiveURL(l.LangPrefix, year, m.Period[5:])})
		}
		refs, err := s.store.ArchiveOfMonth(ctx, l.Lang, year+"-"+month)
		if err != nil {
			return err
		}
		pages := max(1, (len(refs)+archivePageSize-1)/archivePageSize)
		if n > pages {
			return data.ErrNotFound
		}
		v.Pagination = reader.Paginate(l, n, pages)
		refs = refs[min((n-1)*archivePageSize, len(refs)):min(n*archivePageSize, len(refs))]
		am := views.ArchiveMonth{Name: monthName(year+"-"+month, l.Lang) + " " + year, ID: "m-" + year + "-" + month}
		for _, ref := range refs {
			am.Items = append(am.Items, views.RelatedLink{Title: reader.RefTitle(&ref), URL: articleURLFromPath(ref.Permalink), Date: reader.ParseRefDate(ref.Date)})
		}
		v.Months = append(v.Months, am)
		v.Title += " · " + am.Name
	}
	if n > 1 {
		if year == "" {
			return data.ErrNotFound // page N of an empty archive
		}
		v.Title += " · " + views.T(st.LangTag(l.Lang), "page") + " " + strconv.Itoa(n)
		v.Canonical = st.AbsURL(l.URL(n))
	}
	setKeys(w, l.Keys()...)
	return render(w, r, http.StatusOK, views.Archive(v), cachePublic, st.Modified)
}

// monthName is the standalone name of a period's month ("2026-11" → "November").
func monthName(period, lang string) string {
	m, err := strconv.Atoi(period[5:])
	if err != nil || m < 1 || m > 12 {
		return period
	}
	return views.MonthName(time.Month(m), lang)
}
