package handlers

import (
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/editing"
	"gazette/ratelimit"
	"gazette/reader"
	"gazette/views"
)

const (
	searchPageSize = 10
	// maxSearchPages bounds how deep a search may be paged: nobody reads page 500 of a search,
	// and a crawler that tries should not make the store rank a million rows for it.
	maxSearchPages = 50
	// maxSearchInput is as much of a field as the page echoes back or the store sees.
	maxSearchInput = 1000
)

// handleSearch serves /search?q=&tag=&category=&lang=&from=&to=&page=. Whatever the query
// string holds, the reader gets results, "nothing found" or a note about a filter that was
// left out; never an error page.
func handleSearch(s *site) http.Handler {
	// A search for a very common word costs tens of milliseconds of CPU, so searches are the
	// cheapest way to overload the site: each address gets a budget, and only a few searches
	// run at once, so readers' pages never queue behind a flood of them.
	perAddress := ratelimit.New(s.store.Now, 500*time.Millisecond, 60)
	running := make(chan struct{}, max(2, runtime.NumCPU()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.TrimSpace(r.URL.Query().Get("q")) != "" && !perAddress.Allow(clientIP(r)) {
			w.Header().Set("Retry-After", "5")
			http.Error(w, views.T(s.refusalLang(r), "search_too_many"), http.StatusTooManyRequests)
			return
		}
		select {
		case running <- struct{}{}:
			defer func() { <-running }()
		case <-time.After(3 * time.Second):
			w.Header().Set("Retry-After", "5")
			http.Error(w, views.T(s.refusalLang(r), "search_busy"), http.StatusServiceUnavailable)
			return
		case <-r.Context().Done():
			return
		}
		if err := serveSearch(s, w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}

func serveSearch(s *site, w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.model.Current(ctx)
	if err != nil {
		return err
	}
	form := r.URL.Query()
	field := func(name string) string {
		v := strings.ToValidUTF8(strings.TrimSpace(form.Get(name)), "")
		if len(v) > maxSearchInput {
			v = strings.ToValidUTF8(v[:maxSearchInput], "")
		}
		return v
	}
	v := views.SearchPage{Query: field("q"), Section: field("section"), Tag: field("tag"), Category: field("category"), From: field("from"), To: field("to")}
	q := data.SearchQuery{Text: v.Query, Section: v.Section, Tag: content.Urlize(v.Tag), Category: content.Urlize(v.Category), Limit: searchPageSize}
	var notices []string
	pageLang := st.Settings.DefaultLanguage
	if lang := field("lang"); lang != "" {
		if knownLanguage(st.Settings, lang) {
			v.Lang, q.Lang, pageLang = lang, lang, lang
		} else {
			notices = append(notices, views.Tf(st.LangTag(pageLang), "search_no_language", "lang", lang))
		}
	}
	loc := editing.SiteLocation(st.Settings)
	if t, ok := searchDate(v.From, loc); ok {
		q.From = t
	} else {
		notices = append(notices, views.Tf(st.LangTag(pageLang), "search_bad_from", "date", v.From))
	}
	if t, ok := searchDate(v.To, loc); ok && !t.IsZero() {
		q.To = t.AddDate(0, 0, 1) // the whole of the last day
	} else if !ok {
		notices = append(notices, views.Tf(st.LangTag(pageLang), "search_bad_to", "date", v.To))
	}
	n, err := strconv.Atoi(form.Get("page"))
	if err != nil || n < 1 {
		n = 1
	}
	n = min(n, maxSearchPages)
	q.Offset = (n - 1) * searchPageSize

	v.Page = s.page(ctx, r, st, reader.PageKind{Kind: "list", Lang: pageLang})
	if suggest := s.assets.URL("search-suggest.js"); !slices.Contains(v.Scripts, suggest) {
		v.Scripts = append(v.Scripts, suggest)
	}
	v.Title, v.NoIndex = views.T(st.LangTag(pageLang), "search"), true
	if v.Query != "" {
		v.Title += ": " + v.Query
	}
	v.Notice = strings.Join(notices, " ")
	for _, l := range st.Settings.Languages {
		v.Languages = append(v.Languages, views.LanguageOption{Code: l.Code, Name: firstNonEmpty(l.Name, strings.ToUpper(l.Code))})
	}
	if v.Query != "" {
		v.Searched = true
		res, err := s.store.Search(ctx, q)
		if err != nil {
			return err
		}
		v.Total, v.More = res.Total, res.More
		v.Facets = searchFacets(form, res.Facets, st.LangTag(pageLang))
		for _, h := range res.Hits {
			hit := views.SearchHit{URL: reader.ArticleURL(&h.Article), TitleHTML: h.TitleHTML, SnippetHTML: h.SnippetHTML, Date: h.Article.Date, Lang: st.LangTag(h.Article.Lang)}
			if hit.TitleHTML == "" {
				hit.TitleHTML = hit.URL // escaped by EscapePath: safe as HTML text
			}
			v.Hits = append(v.Hits, hit)
		}
		pages := min(maxSearchPages, (res.Total+searchPageSize-1)/searchPageSize)
		v.Pagination = searchPagination(form, n, pages)
	}
	return render(w, r, http.StatusOK, views.Search(v), cachePublic, time.Time{})
}

// refusalLang is the language of a search turned away for load: the lang filter if the site has
// it, else the site's default, from the reader state last built. It never reads the store, so
// refusing stays cheap; before any state exists it is "" (English).
func (s *site) refusalLang(r *http.Request) string {
	st := s.model.Last()
	if st == nil {
		return ""
	}
	if lang := r.URL.Query().Get("lang"); knownLanguage(st.Settings, lang) {
		return lang
	}
	return st.Settings.DefaultLanguage
}

// searchDate reads a YYYY-MM-DD filter in the site's time zone; "" is no filter (ok).
func searchDate(s string, loc *time.Location) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.ParseInLocation("2006-01-02", s, loc)
	return t, err == nil
}

func knownLanguage(set data.SiteSettings, code string) bool {
	for _, l := range set.Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// searchParams are the query-string fields a search keeps from page to page.
var searchParams = []string{"q", "section", "tag", "category", "lang", "from", "to"}

// searchFacets turns the store's counts into links: each narrows the search to one section,
// tag or year (from its first to its last day), keeping the other fields; the value already
// chosen links back to the wider search.
func searchFacets(form url.Values, f data.SearchFacets, lang string) []views.SearchFacetGroup {
	link := func(set map[string]string) string {
		u := url.Values{}
		for _, k := range searchParams {
			if v := form.Get(k); v != "" {
				u.Set(k, v)
			}
		}
		for k, v := range set {
			if v == "" {
				u.Del(k)
			} else {
				u.Set(k, v)
			}
		}
		return "/search?" + u.Encode()
	}
	group := func(kind, title string, counts []data.FacetCount, set func(c data.FacetCount, current bool) map[string]string, current func(c data.FacetCount) bool) views.SearchFacetGroup {
		g := views.SearchFacetGroup{Kind: kind, Title: title}
		for _, c := range counts {
			cur := current(c)
			g.Values = append(g.Values, views.SearchFacetValue{Name: c.Name, Count: c.Count, Current: cur, URL: link(set(c, cur))})
		}
		return g
	}
	var groups []views.SearchFacetGroup
	if len(f.Sections) > 1 || form.Get("section") != "" {
		groups = append(groups, group("section", views.T(lang, "search_sections"), f.Sections,
			func(c data.FacetCount, cur bool) map[string]string {
				return map[string]string{"section": unless(cur, c.Key)}
			},
			func(c data.FacetCount) bool { return form.Get("section") == c.Key }))
	}
	if len(f.Tags) > 0 {
		groups = append(groups, group("tag", views.T(lang, "tags"), f.Tags,
			func(c data.FacetCount, cur bool) map[string]string {
				return map[string]string{"tag": unless(cur, c.Key)}
			},
			func(c data.FacetCount) bool { return content.Urlize(form.Get("tag")) == c.Key }))
	}
	if len(f.Years) > 1 || form.Get("from") != "" {
		groups = append(groups, group("year", views.T(lang, "years"), f.Years,
			func(c data.FacetCount, cur bool) map[string]string {
				return map[string]string{"from": unless(cur, c.Key+"-01-01"), "to": unless(cur, c.Key+"-12-31")}
			},
			func(c data.FacetCount) bool {
				return form.Get("from") == c.Key+"-01-01" && form.Get("to") == c.Key+"-12-31"
			}))
	}
	return groups
}

// unless is v, or "" (remove the field) when cond holds.
func unless(cond bool, v string) string {
	if cond {
		return ""
	}
	return v
}

// searchPagination numbers the pages of a search, keeping every filter in the links.
func searchPagination(form url.Values, n, total int) views.Pagination {
	link := func(i int) string {
		f := url.Values{}
		for _, k := range searchParams {
			if v := form.Get(k); v != "" {
				f.Set(k, v)
			}
		}
		if i > 1 {
			f.Set("page", strconv.Itoa(i))
		}
		return "/search?" + f.Encode()
	}
	pg := views.Pagination{Number: n, Total: total}
	if total <= 1 {
		return pg
	}
	if n > 1 {
		pg.FirstURL, pg.PrevURL = link(1), link(n-1)
	}
	if n < total {
		pg.NextURL, pg.LastURL = link(n+1), link(total)
	}
	for i := max(1, n-2); i <= min(total, n+2); i++ {
		pg.Pages = append(pg.Pages, views.PageLink{Number: i, URL: link(i), Current: i == n})
	}
	return pg
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
