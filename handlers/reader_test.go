package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// readerConfig is a Mainroad-style configuration with every reader setting in play.
const readerConfig = `baseURL = "https://news.example/"
title = "Reader News"
defaultContentLanguage = "en"
paginate = 2

[languages]
  [languages.en]
    languageName = "English"
    weight = 1
  [languages.ru]
    languageName = "Русский"
    weight = 2

[params]
  copyright = "Reader Press"
  post_meta = ["author", "date", "categories", "translations"]
  dateformat = "2 January 2006"
  readmore = true
  mainSections = ["post"]
  [params.author]
    name = "Ann Editor"
    bio = "Ann edits."
  [params.style.vars]
    highlightColor = "#0b7285"
  [params.sidebar]
    home = "right"
    list = "left"
    single = "right"
    widgets = ["search", "recent", "categories", "taglist", "social", "languages", "sidemenu", "bogus"]
  [params.widgets]
    recent_num = 3
    categories_counter = true
    tags_counter = false
    tags_limit = 2
    [params.widgets.social]
      github = "gazette"
      email = "desk@news.example"

[menu]
  [[menu.main]]
    name = "Home"
    url = "/"
    weight = 1
  [[menu.main]]
    name = "Posts"
    url = "/post/"
    weight = 2
  [[menu.footer]]
    name = "Imprint"
    url = "/imprint/"
  [[menu.side]]
    name = "Side page"
    url = "/side/"
`

func readerSite() map[string]string {
	return map[string]string{
		"config.toml": readerConfig,
		"content/post/one.md": "---\ntitle: First story\ndate: 2026-11-01\nlastmod: 2026-11-05\ntags: [Harbour, Weather]\ncategories: [News]\n" +
			"toc: true\nauthorbox: true\nthumbnail: cover.png\n---\nIntro.\n\n## Part one\n\nText.\n\n### Detail\n\nMore.\n\n## Part two\n\nEnd.\n",
		"content/post/one.ru.md":   "---\ntitle: Первая история\ndate: 2026-11-01\ntags: [Гавань]\n---\nТекст.\n",
		"content/post/two.md":      "---\ntitle: Second story\ndate: 2026-11-02\ntags: [Harbour]\ncategories: [News]\nsidebar: left\nwidgets: [recent]\nmathjax: true\n---\nThe second body.\n",
		"content/post/three.md":    "---\ntitle: Third story\ndate: 2026-11-03\ntags: [Harbour, Ferry]\ncategories: [Transport]\nsidebar: false\ntoc: true\npager: false\nthumbnail:\n  src: https://img.example/a.jpg\n  visibility: [list]\n---\nNo headings here.\n",
		"content/post/four.md":     "---\ntitle: Fourth story\ndate: 2026-11-04\ntags: [\"\"]\npost_meta: []\nmathjax: \"false\"\nthumbnail: /post/four/missing.png\n---\nBody four.\n",
		"content/post/notitle.md":  "---\ntags: [Harbour]\n---\nNo title and no date.\n",
		"content/page/about.md":    "---\ntitle: About us\ndate: 2026-01-01\nmenu: main\nsidebar: \"\"\n---\nAbout.\n",
		"content/post/future.md":   "---\ntitle: Tomorrow\ndate: 2026-11-28 09:00:00\ntags: [Future]\n---\nLater.\n",
		"content/post/2025-old.md": "---\ntitle: Last year\ndate: 2025-03-04\n---\nOld.\n",
	}
}

func getDoc(t *testing.T, ts *testServer, path string, want int) *goquery.Document {
	t.Helper()
	resp := ts.get(t, path)
	if resp.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d", path, resp.StatusCode, want)
	}
	return doc(t, resp)
}

func texts(sel *goquery.Selection) string {
	var out []string
	sel.Each(func(_ int, s *goquery.Selection) { out = append(out, strings.Join(strings.Fields(s.Text()), " ")) })
	return strings.Join(out, "|")
}

func attrs(sel *goquery.Selection, name string) string {
	var out []string
	sel.Each(func(_ int, s *goquery.Selection) { out = append(out, s.AttrOr(name, "")) })
	return strings.Join(out, "|")
}

func TestListPageTypes(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, readerSite())
	for _, tc := range []struct {
		path, heading, items string
	}{
		{"/", "", "Fourth story|Third story"},
		{"/page/2/", "", "Second story|First story"},
		{"/page/3/", "", "Last year|/post/notitle/"},
		{"/post/", "Post", "Fourth story|Third story"},
		{"/page/", "Page", "About us"},
		{"/tags/harbour/", "Harbour", "Third story|Second story"},
		{"/tags/harbour/page/2/", "Harbour", "First story|/post/notitle/"},
		{"/categories/news/", "News", "Second story|First story"},
		{"/ru/", "", "Первая история"},
		{"/ru/tags/гавань/", "Гавань", "Первая история"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			d := getDoc(t, ts, tc.path, http.StatusOK)
			if got := texts(d.Find("[data-testid=list-heading]")); got != tc.heading {
				t.Errorf("heading %q, want %q", got, tc.heading)
			}
			if got := texts(d.Find("[data-testid=list-item] .list__title")); got != tc.items {
				t.Errorf("items %q, want %q", got, tc.items)
			}
		})
	}
}

func TestTaxonomyAndArchivePages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, readerSite())
	d := getDoc(t, ts, "/tags/", http.StatusOK)
	if got := texts(d.Find("[data-testid=terms] li")); got != "Ferry 1|Harbour 4|Weather 1" {
		t.Errorf("/tags/ lists %q (unpublished and empty terms must not appear)", got)
	}
	if got := attrs(d.Find("[data-testid=terms] a"), "href"); got != "/tags/ferry/|/tags/harbour/|/tags/weather/" {
		t.Errorf("/tags/ links %q", got)
	}
	d = getDoc(t, ts, "/categories/", http.StatusOK)
	if got := texts(d.Find("[data-testid=terms] li")); got != "News 2|Transport 1" {
		t.Errorf("/categories/ lists %q", got)
	}
	d = getDoc(t, ts, "/archive/", http.StatusOK)
	if got := texts(d.Find("[data-testid=archive-years] li")); got != "2026 5|2025 1" {
		t.Errorf("archive years %q", got)
	}
	if got := texts(d.Find("[data-testid=archive-months] li")); got != "November 4|January 1" {
		t.Errorf("archive months %q", got)
	}
	if got := texts(d.Find("[data-testid=archive-month] h2")) + ": " + texts(d.Find("[data-testid=archive-month] a")); got != "November 2026: Fourth story|Third story|Second story|First story" {
		t.Errorf("archive's newest month %q", got)
	}
	d = getDoc(t, ts, "/archive/2026/01/", http.StatusOK)
	if got := texts(d.Find("[data-testid=archive-month] a")); got != "About us" {
		t.Errorf("archive January 2026 %q", got)
	}
	d = getDoc(t, ts, "/archive/2025/", http.StatusOK)
	if got := texts(d.Find("[data-testid=archive-month] a")); got != "Last year" {
		t.Errorf("archive 2025 %q", got)
	}
	d = getDoc(t, ts, "/ru/archive/", http.StatusOK)
	if got := texts(d.Find("[data-testid=list-heading]")); got != "Архив" {
		t.Errorf("Russian archive heading %q", got)
	}
	if got := texts(d.Find("[data-testid=archive-month] h2")); got != "Ноябрь 2026" {
		t.Errorf("Russian archive months %q", got)
	}
}

func TestNumberedPagination(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, readerSite())
	d := getDoc(t, ts, "/page/2/", http.StatusOK)
	p := d.Find("[data-testid=pagination]")
	if got := attrs(p.Find("[data-testid=page-first]"), "href") + " " + attrs(p.Find("[rel=prev]"), "href") + " " +
		attrs(p.Find("[rel=next]"), "href") + " " + attrs(p.Find("[data-testid=page-last]"), "href"); got != "/ / /page/3/ /page/3/" {
		t.Errorf("first/prev/next/last %q", got)
	}
	if got := texts(p.Find("li a[aria-label], [aria-current=page]")); got != "1|2|3" {
		t.Errorf("numbered pages %q", got)
	}
	if d := getDoc(t, ts, "/", http.StatusOK); d.Find("[data-testid=page-first]").Length() != 0 || d.Find("[data-testid=pagination] [rel=next]").AttrOr("href", "") != "/page/2/" {
		t.Error("page 1 must have no first/previous links and a next link")
	}
	if d := getDoc(t, ts, "/categories/transport/", http.StatusOK); d.Find("[data-testid=pagination]").Length() != 0 {
		t.Error("a one-page list shows no pagination")
	}
}

func TestReaderRedirectsAndBadInput(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, readerSite())
	for path, want := range map[string]string{
		"/post":                 "/post/",
		"/tags":                 "/tags/",
		"/tags/harbour":         "/tags/harbour/",
		"/tags/harbour/page/1/": "/tags/harbour/",
		"/post/page/1/":         "/post/",
		"/ru/page/1/":           "/ru/",
		"/archive":              "/archive/",
		"/tags/page/2/":         "/tags/", // 3 tags, 2 a page: Hugo wrote page 2 of the taxonomy
		"/ru/tags/%D0%B3%D0%B0%D0%B2%D0%B0%D0%BD%D1%8C": "/ru/tags/%D0%B3%D0%B0%D0%B2%D0%B0%D0%BD%D1%8C/",
	} {
		resp := ts.get(t, path)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("%s: %d → %q, want 301 → %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	for _, p := range []string{"/tags/nope/", "/tags/future/", "/categories/nope/page/2/", "/tags/harbour/page/9/",
		"/tags/harbour/page/x/", "/page/02/", "/page/1e3/", "/page/99999999999999999999/", "/tags/a/b/", "/archive/1999/",
		"/archive/page/2/", "/archive/2026/13/", "/archive/2026/1/", "/archive/2026/11/x/", "/archive/2024/", "/tags/page/3/", "/nosection/", "/ru/nope/", "/xx/", "/%ff%fe/", "/tags/%00/", "/tags/%2F/",
		"/" + strings.Repeat("x/", 1500), "/post/one/%3Cscript%3E/", "/archive/20xx/", "/post/one/index.xml/"} {
		resp := ts.get(t, p)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%.60s: status %d, want 404", p, resp.StatusCode)
		}
	}
	// Query strings do not change a page.
	for _, p := range []string{"/post/one/?utm_source=x", "/?page=2", "/tags/?q=%00"} {
		if resp := ts.get(t, p); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", p, resp.StatusCode)
		}
	}
	d := getDoc(t, ts, "/nothing/", http.StatusNotFound)
	if d.Find("title").Text() != "Page not found - Reader News" || d.Find("[data-testid=sidebar]").Length() != 1 {
		t.Errorf("404 page: title %q, sidebar %d", d.Find("title").Text(), d.Find("[data-testid=sidebar]").Length())
	}
}

// TestArchiveMonthPages: a busy month is shown archivePageSize articles a page, newest first,
// with numbered pages at …/page/N/; page 1 at the month's own URL, past the last page a 404.
func TestArchiveMonthPages(t *testing.T) {
	t.Parallel()
	site := map[string]string{"config.toml": "baseURL = \"https://news.example/\"\ntitle = \"Busy News\"\n"}
	for i := 0; i < 2*archivePageSize+30; i++ {
		site[fmt.Sprintf("content/post/story-%03d.md", i)] = fmt.Sprintf("---\ntitle: Story %03d\ndate: 2026-11-%02dT%02d:%02d:00Z\n---\nBody.\n",
			i, 1+i/24%28, i%24, i%60)
	}
	ts := newTestServer(t, site)
	items := func(path string) []string {
		t.Helper()
		resp := ts.get(t, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", path, resp.StatusCode)
		}
		var got []string
		doc(t, resp).Find("[data-testid=archive-month] .archive__link").Each(func(_ int, s *goquery.Selection) { got = append(got, s.Text()) })
		return got
	}
	first, second, third := items("/archive/2026/11/"), items("/archive/2026/11/page/2/"), items("/archive/2026/11/page/3/")
	if len(first) != archivePageSize || len(second) != archivePageSize || len(third) != 30 {
		t.Fatalf("pages hold %d, %d, %d articles", len(first), len(second), len(third))
	}
	if first[0] <= second[0] || second[len(second)-1] <= third[0] {
		t.Errorf("not newest first across pages: %q … %q … %q", first[0], second[0], third[0])
	}
	if d := doc(t, ts.get(t, "/archive/2026/11/")); d.Find(`a[href="/archive/2026/11/page/2/"]`).Length() == 0 {
		t.Error("the first page does not link the second")
	}
	if r := ts.get(t, "/archive/2026/11/page/4/"); r.StatusCode != http.StatusNotFound {
		t.Errorf("past the last page: %d", r.StatusCode)
	}
	if r := ts.get(t, "/archive/2026/11/page/1/"); r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/archive/2026/11/" {
		t.Errorf("page 1: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
}
