package handlers

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"

	"gazette/reader"
	"gazette/static"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// multilingualSite has an English story with a Spanish translation, a story of this morning
// (for the news sitemap) and one that is not yet public.
var multilingualSite = map[string]string{
	"config.toml": `baseURL = "https://news.example/"
title = "Harbour Gazette"
defaultContentLanguage = "en"
[params]
description = "News from the harbour."
[languages.en]
languageName = "English"
weight = 1
[languages.es]
languageName = "Español"
title = "Gaceta del Puerto"
weight = 2
`,
	"content/news/wall.md":     "---\ntitle: Harbour wall repairs begin\ndate: 2026-11-20T09:00:00Z\nlastmod: 2026-11-21T10:00:00Z\ndescription: Engineers start on the storm-damaged wall.\ntags: [Harbour, Storm]\ncategories: [Works]\nthumbnail: /img/wall.jpg\n---\nEngineers started work on the **harbour wall** after the storm. <img src=\"/news/wall/plan.png\" alt=\"plan\">\n",
	"content/news/wall.es.md":  "---\ntitle: Empiezan las obras del muro del puerto\ndate: 2026-11-20T09:00:00Z\ntags: [Puerto]\n---\nLos ingenieros empezaron a reparar el muro.\n",
	"content/news/ferry.md":    "---\ntitle: Ferry timetable changes\ndate: 2026-11-27T08:00:00Z\ntags: [Transport]\n---\nWinter sailings are fewer; the harbour master agreed.\n",
	"content/news/draft.md":    "---\ntitle: Harbour secret plans\ndate: 2026-11-25\ndraft: true\n---\nHarbour harbour.\n",
	"content/opinion/tides.md": "---\ntitle: Why tides matter\ndate: 2026-11-10T09:00:00Z\n---\nThe moon & the sea, <b>explained</b>.\n",
}

func TestSearchPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	d := doc(t, ts.get(t, "/search?q=harbour"))
	var links []string
	d.Find("[data-testid=search-result-link]").Each(func(_ int, s *goquery.Selection) { links = append(links, s.AttrOr("href", "")) })
	// The title match first, then the body match; the draft never. (Ranking is tested in data
	// and on real and generated corpora.)
	if strings.Join(links, " ") != "/news/wall/ /news/ferry/" {
		t.Errorf("results %v", links)
	}
	if got := d.Find("[data-testid=search-result] mark").First().Text(); !strings.EqualFold(got, "harbour") {
		t.Errorf("no highlighted match: %q", got)
	}
	if got := d.Find("[data-testid=search-input]").AttrOr("value", ""); got != "harbour" {
		t.Errorf("the form forgot the query: %q", got)
	}
	if d.Find(`meta[name=robots][content=noindex]`).Length() == 0 {
		t.Error("search results must not be indexed")
	}

	t.Run("filters", func(t *testing.T) {
		for query, want := range map[string]string{
			"q=harbour&tag=storm":                     "/news/wall/",
			"q=harbour&tag=Transport":                 "/news/ferry/",
			"q=harbour&from=2026-11-25":               "/news/ferry/",
			"q=harbour&to=2026-11-20":                 "/news/wall/",
			"q=muro&lang=es":                          "/es/news/wall/",
			"q=muro&lang=en":                          "",
			"q=harbour&category=works":                "/news/wall/",
			"q=%22harbour+wall%22":                    "/news/wall/",
			"q=harb*+-ferry":                          "/news/wall/",
			"q=moon+%26+sea":                          "/opinion/tides/",
			"q=harbour&page=2":                        "",
			"q=harbour&from=2026-11-25&to=2026-11-01": "",
			"q=harbour&from=yesterday":                "/news/wall/ /news/ferry/",
			"q=harbour&lang=xx":                       "/news/wall/ /news/ferry/",
			"q=harbour&page=-3":                       "/news/wall/ /news/ferry/",
			"q=harbour&page=99999999999999999999":     "/news/wall/ /news/ferry/",
			"q=harbour&tag=%00%FF&category=" + url.QueryEscape(strings.Repeat("x", 3000)): "",
		} {
			d := doc(t, ts.get(t, "/search?"+query))
			var got []string
			d.Find("[data-testid=search-result-link]").Each(func(_ int, s *goquery.Selection) { got = append(got, s.AttrOr("href", "")) })
			if strings.Join(got, " ") != want {
				t.Errorf("%s: %v, want %q", query, got, want)
			}
		}
	})

	t.Run("malformed queries", func(t *testing.T) {
		for _, q := range []string{`"`, `"unbalanced`, "*", "-", "AND", "OR NOT", "NEAR(a b", "title:x", "(((", "^",
			"🎉🎉", "\x00", strings.Repeat("harbour ", 1300), "%", "' OR 1=1 --", "\u202e"} {
			resp := ts.get(t, "/search?q="+url.QueryEscape(q))
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%.20q: status %d", q, resp.StatusCode)
				continue
			}
			d := doc(t, resp)
			if d.Find("[data-testid=search-result]").Length() == 0 && d.Find("[data-testid=search-empty]").Length() == 0 &&
				strings.TrimSpace(q) != "" && q != "\x00" {
				t.Errorf("%.20q: neither results nor a nothing-found message", q)
			}
		}
	})

	t.Run("notices", func(t *testing.T) {
		d := doc(t, ts.get(t, "/search?q=harbour&from=soon&lang=xx"))
		notice := d.Find("[data-testid=search-notice]").Text()
		if !strings.Contains(notice, "soon") || !strings.Contains(notice, "xx") {
			t.Errorf("notice %q", notice)
		}
	})

	t.Run("empty form", func(t *testing.T) {
		d := doc(t, ts.get(t, "/search"))
		if d.Find("[data-testid=search-form]").Length() != 1 || d.Find("[data-testid=search-empty]").Length() != 0 {
			t.Error("the empty search page shows the form and no verdict")
		}
	})
}

// feedPaths are every kind of feed the multilingual site has, in each format.
var feedPaths = []string{"/", "/news/", "/tags/harbour/", "/categories/works/", "/es/", "/es/tags/puerto/"}

func TestFeedsParseAndList(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	want := map[string]string{
		"/":                  "Ferry timetable changes|Harbour wall repairs begin|Why tides matter",
		"/news/":             "Ferry timetable changes|Harbour wall repairs begin",
		"/tags/harbour/":     "Harbour wall repairs begin",
		"/categories/works/": "Harbour wall repairs begin",
		"/es/":               "Empiezan las obras del muro del puerto",
		"/es/tags/puerto/":   "Empiezan las obras del muro del puerto",
	}
	for _, base := range feedPaths {
		for _, f := range feedKinds {
			path := base + f.File
			resp := ts.get(t, path)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), f.ContentType) {
				t.Errorf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
				continue
			}
			feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
			if err != nil {
				t.Errorf("%s: a feed parser refuses it: %v", path, err)
				continue
			}
			var titles []string
			for _, it := range feed.Items {
				titles = append(titles, it.Title)
				if !strings.HasPrefix(it.Link, "https://news.example/") {
					t.Errorf("%s: item link %q is not absolute", path, it.Link)
				}
			}
			if strings.Join(titles, "|") != want[base] {
				t.Errorf("%s: items %v, want %s", path, titles, want[base])
			}
			// Conditional GET: the ETag and Last-Modified come back as 304.
			if r := ts.get(t, path, "If-None-Match", resp.Header.Get("ETag")); r.StatusCode != http.StatusNotModified {
				t.Errorf("%s: If-None-Match gave %d", path, r.StatusCode)
			}
			if r := ts.get(t, path, "If-Modified-Since", resp.Header.Get("Last-Modified")); r.StatusCode != http.StatusNotModified {
				t.Errorf("%s: If-Modified-Since gave %d", path, r.StatusCode)
			}
		}
	}
	// (/tags/index.xml is Hugo's taxonomy feed, one item per term: TestTaxonomyPagesAndFeed.)
	for _, p := range []string{"/nosuchsection/index.xml", "/tags/nosuch/atom.xml", "/xx/feed.json", "/news/wall/index.xml",
		"/%00/index.xml", "/a/../index.xml"} {
		if r := ts.get(t, p); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, r.StatusCode)
		}
	}
}

// TestFeedGolden pins one feed of each format byte for byte: the whole output matters to
// feed readers, and a change should be a decision. Run with -update to rewrite them.
func TestFeedGolden(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	for _, f := range feedKinds {
		t.Run(f.Name, func(t *testing.T) {
			body, _ := io.ReadAll(ts.get(t, "/news/"+f.File).Body)
			golden := filepath.Join("testdata", "news."+f.File+".golden")
			if *updateGolden {
				if err := os.WriteFile(golden, body, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(body, want) {
				t.Errorf("/news/%s differs from %s (go test -run TestFeedGolden -update to accept):\n%s", f.File, golden, body)
			}
		})
	}
}

func TestSitemapsValidate(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	sitemap := fetchBody(t, ts, "/sitemap.xml", "application/xml")
	xmllintSchema(t, "urlset-extended.xsd", sitemap)
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(sitemap))
	if err != nil {
		t.Fatal(err)
	}
	locs := map[string]*goquery.Selection{}
	d.Find("url").Each(func(_ int, s *goquery.Selection) { locs[s.Find("loc").Text()] = s })
	for _, want := range []string{"https://news.example/", "https://news.example/es/", "https://news.example/news/",
		"https://news.example/tags/harbour/", "https://news.example/news/wall/", "https://news.example/es/news/wall/"} {
		if locs[want] == nil {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	if locs["https://news.example/news/draft/"] != nil {
		t.Error("a draft is in the sitemap")
	}
	if wall := locs["https://news.example/news/wall/"]; wall != nil {
		if got := wall.Find("lastmod").Text(); got != "2026-11-21T10:00:00Z" {
			t.Errorf("lastmod %q", got)
		}
		var alts []string
		wall.Find("xhtml\\:link").Each(func(_ int, s *goquery.Selection) {
			alts = append(alts, s.AttrOr("hreflang", "")+" "+s.AttrOr("href", ""))
		})
		if strings.Join(alts, "|") != "en https://news.example/news/wall/|es https://news.example/es/news/wall/" &&
			strings.Join(alts, "|") != "es https://news.example/es/news/wall/|en https://news.example/news/wall/" {
			t.Errorf("hreflang alternates %v", alts)
		}
	}

	news := fetchBody(t, ts, "/sitemap-news.xml", "application/xml")
	xmllintSchema(t, "urlset-extended.xsd", news)
	if !bytes.Contains(news, []byte("<loc>https://news.example/news/ferry/</loc>")) || bytes.Contains(news, []byte("news/wall/")) {
		t.Errorf("news sitemap is not the last two days:\n%s", news)
	}

	robots := string(fetchBody(t, ts, "/robots.txt", "text/plain"))
	if !strings.Contains(robots, "User-agent: *") || !strings.Contains(robots, "Sitemap: https://news.example/sitemap.xml") {
		t.Errorf("robots.txt:\n%s", robots)
	}
	open := string(fetchBody(t, ts, "/opensearch.xml", "application/opensearchdescription+xml"))
	if !strings.Contains(open, `template="https://news.example/search?q={searchTerms}"`) {
		t.Errorf("opensearch.xml:\n%s", open)
	}
	for _, p := range []string{"/sitemaps/1.xml", "/sitemaps/0.xml", "/sitemaps/x.xml", "/sitemaps/01.xml"} {
		if r := ts.get(t, p); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d; a sitemap this small is not split", p, r.StatusCode)
		}
	}
}

// TestSitemapIndexWhenLarge splits the sitemap at a small size to check the index and parts
// (the real limit, 50,000, works the same way).
func TestSitemapIndexWhenLarge(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	s := newSite(Deps{Store: ts.store, Assets: assets, Logger: slog.New(slog.DiscardHandler)})
	get := func(part int) []byte {
		req, _ := http.NewRequest(http.MethodGet, "http://news.example/sitemap.xml", nil)
		w := &bufferedResponse{header: http.Header{}}
		if err := serveSitemap(s, w, req, part, 4); err != nil {
			t.Fatalf("part %d: %v", part, err)
		}
		return w.body.Bytes()
	}
	index := get(0)
	xmllintSchema(t, "siteindex.xsd", index)
	n := strings.Count(string(index), "<sitemap>")
	if n < 2 {
		t.Fatalf("no index:\n%s", index)
	}
	total := 0
	for i := 1; i <= n; i++ {
		part := get(i)
		xmllintSchema(t, "urlset-extended.xsd", part)
		total += strings.Count(string(part), "<url>")
	}
	all, _, err := mustState(t, s).SitemapPages(httptestRequest().Context(), "")
	if err != nil || total != len(all) {
		t.Errorf("parts hold %d URLs, the sitemap %d (%v)", total, len(all), err)
	}
}

func fetchBody(t *testing.T, ts *testServer, path, contentType string) []byte {
	t.Helper()
	resp := ts.get(t, path)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), contentType) {
		t.Fatalf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return body
}

// xmllintSchema validates a document against one of the XSDs in testdata/xsd with xmllint
// (Debian libxml2-utils). Without it the check is skipped, unless GAZETTE_HTML_CHECK=1 says
// the checks must run.
func xmllintSchema(t *testing.T, schema string, doc []byte) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("GAZETTE_HTML_CHECK") == "1" {
			t.Fatal("xmllint is missing: run scripts/install-test-deps.sh")
		}
		t.Skip("xmllint not installed")
	}
	file := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--nonet", "--schema", filepath.Join("testdata", "xsd", schema), file).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint against %s: %v\n%s\n%s", schema, err, out, doc)
	}
}

// bufferedResponse is a ResponseWriter that keeps what is written.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) WriteHeader(code int)        { b.status = code }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

func httptestRequest() *http.Request {
	r, _ := http.NewRequest(http.MethodGet, "http://news.example/", nil)
	return r
}

func mustState(t *testing.T, s *site) *reader.State {
	t.Helper()
	st, err := s.model.Current(httptestRequest().Context())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestJSONFeedShape(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	var feed struct {
		Version string `json:"version"`
		Title   string `json:"title"`
		Items   []struct {
			ID, URL, Title string
			ContentHTML    string `json:"content_html"`
			Summary        string `json:"summary"`
		} `json:"items"`
	}
	if err := json.Unmarshal(fetchBody(t, ts, "/feed.json", "application/feed+json"), &feed); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(feed.Version, "https://jsonfeed.org/version/1") || feed.Title != "Harbour Gazette" || len(feed.Items) != 3 {
		t.Errorf("feed %+v", feed)
	}
}
