package handlers

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"gazette/data"
	"gazette/reader"
)

func TestSidebarPrecedence(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, readerSite())
	for _, tc := range []struct{ path, class, why string }{
		{"/", "sidebar--right", "home: site sidebar.home = right"},
		{"/post/", "sidebar--left", "section list: site sidebar.list = left"},
		{"/tags/", "sidebar--left", "taxonomy: list kind"},
		{"/post/one/", "sidebar--right", "article without a value: site sidebar.single"},
		{"/post/two/", "sidebar--left", "article sidebar: left wins"},
		{"/post/three/", "", "article sidebar: false disables"},
		{"/page/about/", "sidebar--right", "article sidebar: \"\" falls back to the site"},
	} {
		d := getDoc(t, ts, tc.path, http.StatusOK)
		got := ""
		if s := d.Find("[data-testid=sidebar]"); s.Length() > 0 {
			got = strings.TrimSpace(strings.TrimPrefix(s.AttrOr("class", ""), "sidebar"))
		}
		if got != tc.class {
			t.Errorf("%s: sidebar %q, want %q (%s)", tc.path, got, tc.class, tc.why)
		}
	}
	// A left sidebar comes before the main column, a right one after it.
	d := getDoc(t, ts, "/post/two/", http.StatusOK)
	if d.Find(".wrapper > :first-child").Is("aside") != true {
		t.Error("left sidebar is not before main")
	}
	if got := attrs(d.Find("[data-testid=sidebar] section"), "data-testid"); got != "widget-recent" {
		t.Errorf("article widgets [recent] give %q", got)
	}
}

func TestWidgets(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, readerSite())
	d := getDoc(t, ts, "/", http.StatusOK)
	sb := d.Find("[data-testid=sidebar]")
	if got := attrs(sb.Find("section"), "data-testid"); got != "widget-search|widget-recent|widget-categories|widget-taglist|widget-social|widget-languages|widget-sidemenu" {
		t.Errorf("widgets in order %q (the unknown one skipped)", got)
	}
	form := sb.Find("form[role=search]")
	if form.AttrOr("action", "") != "/search" || form.Find("input[name=q]").Length() != 1 {
		t.Error("search widget must query /search?q=")
	}
	if got := texts(sb.Find("[data-testid=widget-recent] a")); got != "Fourth story|Third story|Second story" {
		t.Errorf("recent (recent_num = 3, main sections only) %q", got)
	}
	if got := texts(sb.Find("[data-testid=widget-categories] li")); got != "News 2|Transport 1" {
		t.Errorf("categories with counts %q", got)
	}
	tags := sb.Find("[data-testid=widget-taglist]")
	if got := texts(tags.Find("li")); got != "Ferry|Harbour" && got != "Harbour|Weather" {
		t.Errorf("taglist capped at 2 without counts %q", got)
	}
	if tags.Find("[data-testid=count]").Length() != 0 || tags.Find("[data-testid=all-tags]").AttrOr("href", "") != "/tags/" {
		t.Error("taglist: no counts (tags_counter = false) and an all-tags link when capped")
	}
	if got := attrs(sb.Find("[data-testid=widget-social] a"), "href"); got != "https://github.com/gazette|mailto:desk@news.example" {
		t.Errorf("social %q", got)
	}
	if got := texts(sb.Find("[data-testid=widget-languages] li")) + " " + attrs(sb.Find("[data-testid=widget-languages] a"), "href"); got != "English|Русский /ru/" {
		t.Errorf("languages %q", got)
	}
	if got := attrs(sb.Find("[data-testid=widget-sidemenu] a"), "href"); got != "/side/" {
		t.Errorf("sidemenu %q", got)
	}
	one := getDoc(t, ts, "/post/one/", http.StatusOK)
	if got := attrs(one.Find("[data-testid=widget-languages] a"), "href"); got != "/ru/post/one/" {
		t.Errorf("languages widget on an article links its translation: %q", got)
	}
	ru := getDoc(t, ts, "/ru/", http.StatusOK)
	if got := texts(ru.Find("[data-testid=widget-recent] h2")); got != "Последние публикации" {
		t.Errorf("Russian widget title %q", got)
	}
}

func TestEmptyWidgetListWarns(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, map[string]string{
		"config.toml":       "title = \"T\"\n[params.sidebar]\nhome = true\nsingle = \"false\"\n",
		"content/post/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\nx\n",
	})
	d := getDoc(t, ts, "/", http.StatusOK)
	if d.Find("[data-testid=sidebar] .sidebar__warning").Length() != 1 {
		t.Error("a sidebar without widgets shows Mainroad's warning")
	}
	if getDoc(t, ts, "/post/a/", http.StatusOK).Find("[data-testid=sidebar]").Length() != 0 {
		t.Error("sidebar.single = \"false\" must mean no sidebar")
	}
}

func TestSiteChrome(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, readerSite())
	d := getDoc(t, ts, "/post/two/", http.StatusOK)
	if got := texts(d.Find("[data-testid=main-menu] a")); got != "Home|Posts|About us" {
		t.Errorf("main menu %q (config entries and the article with menu: main, by weight, unset weights last)", got)
	}
	if got := texts(d.Find("[data-testid=main-menu] [aria-current=page]")); got != "Posts" {
		t.Errorf("active menu item %q", got)
	}
	if got := texts(d.Find("[data-testid=footer-menu] a")) + " " + texts(d.Find("[data-testid=copyright]")); got != "Imprint © 2026 Reader Press." {
		t.Errorf("footer %q", got)
	}
	theme := ""
	d.Find("link[rel=stylesheet]").Each(func(_ int, s *goquery.Selection) {
		if h := s.AttrOr("href", ""); strings.HasPrefix(h, reader.ThemePrefix) {
			theme = h
		}
	})
	resp := ts.get(t, theme)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "#0b7285") || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("theme stylesheet %q: %d %q", theme, resp.StatusCode, body)
	}
	if r := ts.get(t, reader.ThemePrefix+"0000000000.css"); r.StatusCode != http.StatusNotFound {
		t.Errorf("stale theme name: %d", r.StatusCode)
	}
	ru := getDoc(t, ts, "/ru/post/one/", http.StatusOK)
	if ru.Find("html").AttrOr("lang", "") != "ru" || texts(ru.Find("[data-testid=meta-date]")) != "1 ноября 2026" {
		t.Errorf("Russian article: lang %q, date %q", ru.Find("html").AttrOr("lang", ""), texts(ru.Find("[data-testid=meta-date]")))
	}
	if got := texts(ru.Find(".skip-link")); got != "Перейти к содержанию" {
		t.Errorf("skip link %q", got)
	}
}

func TestResponseCache(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, readerSite())
	// A list page: article pages carry the comment form's per-request token.
	first := ts.get(t, "/tags/harbour/", "Accept-Encoding", "gzip")
	if first.Header.Get("Content-Encoding") != "gzip" {
		t.Fatal("no gzip")
	}
	again := ts.get(t, "/tags/harbour/", "If-None-Match", first.Header.Get("ETag"), "Accept-Encoding", "gzip")
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("cached conditional GET: %d", again.StatusCode)
	}
	// A write from outside the handler (an import, the editor) shows at once.
	a, err := ts.store.Article(context.Background(), mustResolve(t, ts, "/post/two/"))
	if err != nil {
		t.Fatal(err)
	}
	a.Title, a.ContentHash = "Second story, updated", "changed"
	if _, err := ts.store.SaveArticles(context.Background(), []data.Article{a}); err != nil {
		t.Fatal(err)
	}
	if got := texts(getDoc(t, ts, "/post/two/", http.StatusOK).Find("h1")); got != "Second story, updated" {
		t.Errorf("after a write the page says %q", got)
	}
	if got := texts(getDoc(t, ts, "/", http.StatusOK).Find("[data-testid=widget-recent] a")); !strings.Contains(got, "Second story, updated") {
		t.Errorf("widgets after a write: %q", got)
	}
	// A scheduled article appears at its time, cache or not.
	ts.clock.Set(time.Date(2026, 11, 28, 9, 0, 1, 0, time.UTC))
	if got := texts(getDoc(t, ts, "/", http.StatusOK).Find("[data-testid=list-item] .list__title")); !strings.HasPrefix(got, "Tomorrow") {
		t.Errorf("scheduled article missing from the cached home page: %q", got)
	}
	if r := ts.get(t, "/tags/future/"); r.StatusCode != http.StatusOK {
		t.Errorf("scheduled article's tag: %d", r.StatusCode)
	}
	// An editor's session bypasses the cache; an editor's page is never stored for readers.
	if r := ts.get(t, "/", "Cookie", sessionCookie+"=x"); r.StatusCode != http.StatusOK {
		t.Errorf("with a session cookie: %d", r.StatusCode)
	}
}

func mustResolve(t *testing.T, ts *testServer, path string) int64 {
	t.Helper()
	target, err := ts.store.ResolvePath(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return target.ArticleID
}

// TestArchiveWidget: the archive widget (one row in reader/widgets.go, one view) lists the
// years newest first with their counts and links each year's archive page.
func TestArchiveWidget(t *testing.T) {
	t.Parallel()
	site := readerSite()
	site["config.toml"] = strings.Replace(strings.Replace(site["config.toml"],
		`widgets = ["search", "recent", "categories", "taglist", "social", "languages", "sidemenu", "bogus"]`, `widgets = ["archive", "recent"]`, 1),
		"recent_num = 3", "recent_num = 3\n    archive_counter = true", 1)
	site["content/post/old.md"] = "---\ntitle: Last year's story\ndate: 2025-06-01\n---\nOld.\n"
	ts := newTestServer(t, site)
	sb := getDoc(t, ts, "/", http.StatusOK).Find("[data-testid=sidebar]")
	if got := attrs(sb.Find("section"), "data-testid"); got != "widget-archive|widget-recent" {
		t.Fatalf("widgets in order %q", got)
	}
	w := sb.Find("[data-testid=widget-archive]")
	if got := texts(w.Find("a")); got != "2026|2025" {
		t.Errorf("archive years %q, want newest first", got)
	}
	if got := attrs(w.Find("a"), "href"); got != "/archive/2026/|/archive/2025/" {
		t.Errorf("archive links %q", got)
	}
	if got := texts(w.Find("[data-testid=count]")); got != "5|2" {
		t.Errorf("archive counts %q, want 5|2 (2025: the fixture's and this test's)", got)
	}
	if d := getDoc(t, ts, "/archive/2025/", http.StatusOK); !strings.Contains(d.Text(), "Last year's story") {
		t.Error("the 2025 link does not lead to 2025's archive")
	}
}
