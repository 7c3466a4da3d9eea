package handlers

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"

	"gazette/data"
	"gazette/reader"
)

// wideLogoPNG is a 300×60 wordmark, the shape that used to be squeezed into 48×48.
func wideLogoPNG(t testing.TB) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 300, 60))
	for x := range 300 {
		for y := range 60 {
			img.Set(x, y, color.RGBA{0xff, 0x66, 0, 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// russianSite is an imported Mainroad site as many are: the default language key left at "en"
// with languageCode "ru", its own orange accent, a wide logo, a body that opens with a heading.
func wideLogoSite(t testing.TB, baseURL string) map[string]string {
	return map[string]string{
		"config.toml": `baseURL = "` + baseURL + `"
title = "Монеро по-русски"
languageCode = "ru"
[params]
  description = "Новости сообщества Monero."
  mainSections = ["news"]
  readmore = true
  [params.style.vars]
    highlightColor = "#ff6600"
  [params.logo]
    image = "img/logo.png"
[[menu.main]]
  name = "Новости"
  url = "/news/"
[[menu.main]]
  name = "О сайте"
  url = "/about/"
`,
		"static/img/logo.png": wideLogoPNG(t),
		"content/news/first.md": `---
title: "Первый выпуск"
date: 2026-11-05T10:00:00Z
author: "Ирина"
tags: ["кошельки"]
categories: ["Новости"]
---
## Введение

Кошелёк <a href="/news/second/">Monero</a>, узел и адрес 48e6d6b3b1d1f2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7.

<!--more-->

Остальное.
`,
		"content/news/second.md": `---
title: "Второй выпуск"
date: 2026-11-06T10:00:00Z
---
Короткий текст.
`,
		"content/about.md": `---
title: "О сайте"
---
Кто мы.
`,
	}
}

func TestImportedSiteReaderStandards(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, wideLogoSite(t, "https://monero.example/"))
	home := doc(t, ts.get(t, "/"))

	t.Run("accent stylesheet is derived, not the raw colour", func(t *testing.T) {
		href := home.Find(`link[href^="/_theme/"]`).AttrOr("href", "")
		body, _ := io.ReadAll(ts.get(t, href).Body)
		if !strings.HasPrefix(string(body), ":root { --accent: #") || strings.HasPrefix(string(body), ":root { --accent: #ff6600") {
			t.Errorf("theme %s = %q: the text accent must be a darker shade of #ff6600", href, body)
		}
		if !strings.Contains(string(body), "--accent-decor: #ff6600") {
			t.Errorf("theme %q: the colour as given stays for borders", body)
		}
	})

	t.Run("phone menu folds without a script", func(t *testing.T) {
		nav := home.Find("[data-testid=main-menu]")
		toggle := nav.Find("input#menu-toggle[type=checkbox]")
		if toggle.Length() != 1 || nav.Find(`label[for=menu-toggle]`).Text() != "Меню" {
			t.Error("the main menu has no checkbox toggle with a label")
		}
		if toggle.NextAllFiltered(".menu__list").Length() != 1 {
			t.Error("the menu list must follow the toggle, so :checked ~ .menu__list opens it")
		}
	})

	t.Run("meta description on every page", func(t *testing.T) {
		for _, p := range []string{"/", "/news/first/", "/tags/кошельки/", "/news/", "/about/", "/search?q=Monero"} {
			d := doc(t, ts.get(t, p))
			if got := d.Find(`meta[name=description]`).AttrOr("content", ""); got == "" {
				t.Errorf("%s: no meta description", p)
			}
		}
	})

	t.Run("language from languageCode", func(t *testing.T) {
		art := doc(t, ts.get(t, "/news/first/"))
		if l := art.Find("html").AttrOr("lang", ""); l != "ru" {
			t.Errorf("html lang = %q, want ru", l)
		}
		if l := art.Find(`meta[property="og:locale"]`).AttrOr("content", ""); l != "ru" {
			t.Errorf("og:locale = %q", l)
		}
		if ld := jsonLD(t, art)["NewsArticle"]; ld["inLanguage"] != "ru" {
			t.Errorf("inLanguage = %v", ld["inLanguage"])
		}
		body, _ := io.ReadAll(ts.get(t, "/index.xml").Body)
		if !strings.Contains(string(body), "<language>ru</language>") {
			t.Error("RSS has no <language>ru</language>")
		}
		if art.Find("[data-testid=meta-date]").First().Text() != "5 ноября 2026" && !strings.Contains(art.Find("[data-testid=meta-date]").First().Text(), "ноябр") {
			t.Errorf("date %q is not in Russian", art.Find("[data-testid=meta-date]").First().Text())
		}
	})

	t.Run("excerpts carry no headings", func(t *testing.T) {
		if n := home.Find(".list__excerpt :is(h1, h2, h3, h4, h5, h6)").Length(); n != 0 {
			t.Errorf("home excerpts hold %d headings", n)
		}
		if home.Find(".list__excerpt .excerpt-heading").Text() != "Введение" {
			t.Error("the summary's heading text is lost")
		}
	})

	t.Run("read more on every item or none", func(t *testing.T) {
		if items, more := home.Find("[data-testid=list-item]").Length(), home.Find("[data-testid=read-more]").Length(); items != more {
			t.Errorf("%d items, %d Read more links", items, more)
		}
	})

	t.Run("logo keeps its shape, default favicon", func(t *testing.T) {
		logo := home.Find(".logo__image")
		if logo.AttrOr("width", "") != "300" || logo.AttrOr("height", "") != "60" {
			t.Errorf("logo %s×%s, want its own 300×60", logo.AttrOr("width", ""), logo.AttrOr("height", ""))
		}
		icon := home.Find(`link[rel=icon]`).AttrOr("href", "")
		if r := ts.get(t, icon); icon == "" || r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "image/svg+xml" {
			t.Errorf("favicon %q: no icon served", icon)
		}
	})

	t.Run("JSON-LD publisher logo and page types", func(t *testing.T) {
		art := doc(t, ts.get(t, "/news/first/"))
		pub, _ := jsonLD(t, art)["NewsArticle"]["publisher"].(map[string]any)
		logo, _ := pub["logo"].(map[string]any)
		if logo["url"] != "https://monero.example/img/logo.png" || logo["width"] != float64(300) {
			t.Errorf("publisher.logo = %v", logo)
		}
		about := doc(t, ts.get(t, "/about/"))
		page := jsonLD(t, about)["WebPage"]
		if page == nil {
			t.Fatal("the undated About page is not a WebPage")
		}
		if _, ok := page["datePublished"]; ok || jsonLD(t, about)["NewsArticle"] != nil {
			t.Error("the About page claims to be dated news")
		}
		if about.Find(`meta[property="og:type"]`).AttrOr("content", "") != "website" {
			t.Error("About's og:type is not website")
		}
		if about.Find("[data-testid=pager]").Length() != 0 {
			t.Error("a page without a section shows prev/next links")
		}
	})

	t.Run("social titles and descriptions", func(t *testing.T) {
		art := doc(t, ts.get(t, "/news/first/"))
		if got := art.Find(`meta[property="og:title"]`).AttrOr("content", ""); got != "Первый выпуск" {
			t.Errorf("og:title = %q, want the article's title alone", got)
		}
		desc := art.Find(`meta[property="og:description"]`).AttrOr("content", "")
		if !strings.HasPrefix(desc, "Введение. Кошелёк Monero, узел") {
			t.Errorf("og:description = %q: heading run into the text or a space before a comma", desc)
		}
	})

	t.Run("canonical and og:url from the configured base URL", func(t *testing.T) {
		for path, want := range map[string]string{"/": "https://monero.example/", "/news/first/": "https://monero.example/news/first/",
			"/page/1/": "", "/news/": "https://monero.example/news/"} {
			if want == "" {
				continue
			}
			d := doc(t, ts.get(t, path, "Host", "evil.example"))
			if got := d.Find(`link[rel=canonical]`).AttrOr("href", ""); got != want {
				t.Errorf("%s: canonical %q, want %q", path, got, want)
			}
			if got := d.Find(`meta[property="og:url"]`).AttrOr("content", ""); got != want {
				t.Errorf("%s: og:url %q, want %q", path, got, want)
			}
		}
		body, _ := io.ReadAll(ts.get(t, "/robots.txt", "Host", "evil.example").Body)
		if !strings.Contains(string(body), "Sitemap: https://monero.example/sitemap.xml") || strings.Contains(string(body), "evil") {
			t.Errorf("robots.txt = %q", body)
		}
	})

	t.Run("search landmarks are labelled apart", func(t *testing.T) {
		d := doc(t, ts.get(t, "/search?q=Monero"))
		labels := map[string]bool{}
		d.Find(`[role=search], search`).Each(func(_ int, s *goquery.Selection) {
			l := s.AttrOr("aria-label", "")
			if l == "" || labels[l] {
				t.Errorf("search landmark with label %q: unlabelled or repeated", l)
			}
			labels[l] = true
		})
		if d.Find(`[data-testid=search-result][lang=ru]`).Length() == 0 {
			t.Error("search hits are not marked with the site's language")
		}
	})
}

func TestNoHostHeaderInAbsoluteURLs(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, wideLogoSite(t, "/"))
	for _, p := range []string{"/", "/news/first/", "/index.xml", "/atom.xml", "/feed.json", "/robots.txt", "/opensearch.xml"} {
		resp := ts.get(t, p, "Host", "evil.example")
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || strings.Contains(string(body), "evil.example") {
			t.Errorf("%s: status %d, the request's Host leaks into the page", p, resp.StatusCode)
		}
	}
	d := doc(t, ts.get(t, "/news/first/"))
	if d.Find(`link[rel=canonical]`).Length() != 0 || d.Find(`meta[property="og:url"]`).Length() != 0 {
		t.Error("a site without an absolute base URL writes a canonical link or og:url")
	}
	if body, _ := io.ReadAll(ts.get(t, "/robots.txt").Body); strings.Contains(string(body), "Sitemap:") {
		t.Errorf("robots.txt names a sitemap with no absolute URL: %q", body)
	}
	for _, p := range []string{"/sitemap.xml", "/sitemap-news.xml"} {
		if r := ts.get(t, p); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d; a sitemap needs absolute URLs, none is configured", p, r.StatusCode)
		}
	}
}

// TestFeedsCarryWhatTheirSpecsRequire checks each format's required elements explicitly, then
// parses it with gofeed (feedparser, the Python reference, cannot be installed here).
func TestFeedsCarryWhatTheirSpecsRequire(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, wideLogoSite(t, "https://monero.example/"))

	t.Run("JSON Feed 1.1", func(t *testing.T) {
		var f struct {
			Version string `json:"version"`
			Title   string `json:"title"`
			Items   []struct {
				ID          string `json:"id"`
				URL         string `json:"url"`
				ContentHTML string `json:"content_html"`
				ContentText string `json:"content_text"`
				Summary     string `json:"summary"`
				Authors     []struct {
					Name string `json:"name"`
				} `json:"authors"`
			} `json:"items"`
		}
		if err := json.NewDecoder(ts.get(t, "/feed.json").Body).Decode(&f); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(f.Version, "https://jsonfeed.org/version/") || f.Title == "" || len(f.Items) < 2 {
			t.Fatalf("feed: version %q, title %q, %d items", f.Version, f.Title, len(f.Items))
		}
		for _, it := range f.Items {
			if it.ID == "" || (it.ContentHTML == "" && it.ContentText == "") {
				t.Errorf("item %s: no id or no content_html/content_text", it.URL)
			}
			if strings.ContainsAny(it.Summary, "<>") {
				t.Errorf("item %s: summary holds HTML: %q", it.URL, it.Summary)
			}
		}
		for _, it := range f.Items {
			if strings.HasSuffix(it.URL, "/news/first/") && (len(it.Authors) != 1 || it.Authors[0].Name != "Ирина") {
				t.Errorf("the first article's author is dropped: %+v", it.Authors)
			}
		}
	})

	t.Run("Atom", func(t *testing.T) {
		type person struct {
			Name string `xml:"name"`
		}
		var f struct {
			ID      string   `xml:"id"`
			Title   string   `xml:"title"`
			Updated string   `xml:"updated"`
			Authors []person `xml:"author"`
			Entries []struct {
				ID      string   `xml:"id"`
				Title   string   `xml:"title"`
				Updated string   `xml:"updated"`
				Authors []person `xml:"author"`
			} `xml:"entry"`
		}
		if err := xml.NewDecoder(ts.get(t, "/atom.xml").Body).Decode(&f); err != nil {
			t.Fatal(err)
		}
		if f.ID == "" || f.Title == "" || f.Updated == "" {
			t.Errorf("feed id %q, title %q, updated %q: RFC 4287 requires all three", f.ID, f.Title, f.Updated)
		}
		if len(f.Authors) == 0 || f.Authors[0].Name == "" {
			t.Error("no feed-level author (RFC 4287 4.1.1 wants one, or one in every entry)")
		}
		for _, e := range f.Entries {
			if e.ID == "" || e.Title == "" || e.Updated == "" {
				t.Errorf("entry %+v lacks id, title or updated", e)
			}
			if e.Title == "Первый выпуск" && (len(e.Authors) == 0 || e.Authors[0].Name != "Ирина") {
				t.Error("the entry's own author is dropped")
			}
		}
	})

	t.Run("RSS 2.0", func(t *testing.T) {
		body, _ := io.ReadAll(ts.get(t, "/index.xml").Body)
		if !strings.Contains(string(body), "<dc:creator>Ирина</dc:creator>") {
			t.Error("RSS drops the article's author (dc:creator; <author> is for email addresses)")
		}
		if strings.Contains(string(body), "<managingEditor>") || strings.Contains(string(body), "<author>") {
			t.Error("RSS writes a name where an email address belongs")
		}
		var f struct {
			Channel struct {
				Title       string `xml:"title"`
				Link        string `xml:"link"`
				Description string `xml:"description"`
				Items       []struct {
					Title string `xml:"title"`
					Link  string `xml:"link"`
				} `xml:"item"`
			} `xml:"channel"`
		}
		if err := xml.Unmarshal(body, &f); err != nil {
			t.Fatal(err)
		}
		if c := f.Channel; c.Title == "" || c.Link == "" || c.Description == "" || len(c.Items) == 0 {
			t.Errorf("RSS channel lacks title, link, description or items: %+v", c)
		}
	})

	for _, p := range []string{"/index.xml", "/atom.xml", "/feed.json", "/news/index.xml"} {
		body, _ := io.ReadAll(ts.get(t, p).Body)
		f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
		if err != nil {
			t.Errorf("%s: gofeed refuses it: %v", p, err)
			continue
		}
		for _, it := range f.Items {
			if it.Title == "Первый выпуск" && (len(it.Authors) == 0 || it.Authors[0].Name != "Ирина") {
				t.Errorf("%s: gofeed reads no author for the first article", p)
			}
		}
	}
}

func TestSmallWordingItems(t *testing.T) {
	t.Parallel()
	if got := reader.PlainText(`<h2 id="x">Intro</h2><p>A <a href="/">wallet</a>, a node.</p><h3>Done?</h3><p>Yes</p>`); got != "Intro. A wallet, a node. Done? Yes" {
		t.Errorf("plainText = %q", got)
	}
	if got := throttleMessage(900 * time.Millisecond); strings.Contains(got, "1 seconds") {
		t.Errorf("throttle message %q", got)
	}
	if got := reader.ExcerptHTML(`<h2 id="a">Title</h2><p>Text</p>`); got != `<p class="excerpt-heading"><strong>Title</strong></p><p>Text</p>` {
		t.Errorf("excerptHTML = %q", got)
	}
}

func TestDeskHomeSections(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, wideLogoSite(t, "https://monero.example/"))
	addEditor(t, ts, "ed@example.com", data.RoleAdmin)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)

	form := articleForm(c.token("/admin/articles/new"), "Без раздела", "Текст.")
	form.Set("section", "")
	form.Set("lang", "en")
	form.Set("action", "publish")
	resp, d := c.post("/admin/articles/new", form)
	if resp.StatusCode == http.StatusSeeOther {
		_, d = c.page(resp.Header.Get("Location"))
	}
	if note := d.Find("[data-testid=section-note]").Text(); !strings.Contains(note, "not listed on the home page") {
		t.Errorf("saving an article without a section warns nothing (note %q)", note)
	}

	_, d = c.page("/admin/settings")
	f := readForm(d.Find("[data-testid=settings-form]"))
	if f.Get("home_sections") != "news" {
		t.Errorf("home sections field = %q, want the imported mainSections", f.Get("home_sections"))
	}
	f.Set("home_sections", "news, pages")
	if resp, d := c.post("/admin/settings", f); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("settings: %d %s", resp.StatusCode, d.Find(".field-error").Text())
	}
	_, d = c.page("/admin/settings")
	if got := readForm(d.Find("[data-testid=settings-form]")).Get("home_sections"); got != "news, pages" {
		t.Errorf("saved home sections = %q", got)
	}
}
