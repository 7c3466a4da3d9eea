package handlers

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// hugoURLSite is a small site with the URLs Hugo builds beyond pages and plain lists.
var hugoURLSite = map[string]string{
	"config.toml": `baseURL = "https://news.example/"
title = "Test News"
paginate = 2
[outputs]
  home = ["HTML", "RSS", "JSON"]
  section = ["HTML", "RSS", "JSON"]
  page = ["HTML", "MarkDown"]
[outputFormats.RSS]
  baseName = "feed"
[outputFormats.MarkDown]
  mediaType = "text/plain"
  isPlainText = true
[mediaTypes."text/plain"]
  suffixes = ["md"]
`,
	"content/post/_index.md":        "---\ntitle: Posts\naliases: [articles, /blog/]\ntags: [Section Tag]\n---\n",
	"content/post/one.md":           "---\ntitle: First story\ndate: 2026-11-01\ntags: [parent/child, AC/DC, a, b, c]\n---\nThe **first** body.\n",
	"content/post/two.md":           "---\ntitle: Second story\ndate: 2026-11-02\ntags: [d, e]\n---\nThe second body.\n",
	"content/tags/nobody/_index.md": "---\ntitle: Nobody Yet\n---\nA tag page before its first article.\n",
	"content/archive/_index.md":     "---\ntitle: Old issues\n---\n",
	"content/favicon.ico":           "icon bytes",
	"content/post/callback.html":    "<!doctype html><title>OAuth</title><p>callback</p>\n",
	"content/post/three/index.md":   "---\ntitle: Third story\ndate: 2026-11-03\n---\nThird.\n",
	"content/post/three/index.html": "<p>a rendered copy left beside the source</p>\n",
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func wantStatus(t *testing.T, ts *testServer, path string, status int) *http.Response {
	t.Helper()
	resp := ts.get(t, path)
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d", path, resp.StatusCode, status)
	}
	return resp
}

func wantRedirect(t *testing.T, ts *testServer, path, to string) {
	t.Helper()
	resp := wantStatus(t, ts, path, http.StatusMovedPermanently)
	if got := resp.Header.Get("Location"); got != to {
		t.Fatalf("%s: redirects to %q, want %q", path, got, to)
	}
}

// TestTermsWithSlashAnswerAtHugosURL: a tag "parent/child" is /tags/parent/child/ in Hugo, and
// the article's own link to it leads there.
func TestTermsWithSlashAnswerAtHugosURL(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, hugoURLSite)
	d := doc(t, wantStatus(t, ts, "/post/one/", http.StatusOK))
	for _, href := range []string{"/tags/parent/child/", "/tags/ac/dc/"} {
		if d.Find(`a[href="`+href+`"]`).Length() == 0 {
			t.Errorf("the article does not link its tag at %s", href)
		}
		list := doc(t, wantStatus(t, ts, href, http.StatusOK))
		if !strings.Contains(list.Text(), "First story") {
			t.Errorf("%s does not list the article tagged with it", href)
		}
		wantStatus(t, ts, href+"feed.xml", http.StatusOK)
	}
	wantStatus(t, ts, "/tags/parent/", http.StatusNotFound)
}

// TestTermPagesHugoMakesWithoutArticles: a term with its own _index file, and a term only a
// list page names, have pages as in Hugo.
func TestTermPagesHugoMakesWithoutArticles(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, hugoURLSite)
	d := doc(t, wantStatus(t, ts, "/tags/nobody/", http.StatusOK))
	if !strings.Contains(d.Find("h1").Text(), "Nobody Yet") || !strings.Contains(d.Text(), "A tag page before its first article.") {
		t.Errorf("the term's own page shows no title or intro: %q", d.Find("main").Text())
	}
	wantStatus(t, ts, "/tags/section-tag/", http.StatusOK)
	wantStatus(t, ts, "/tags/nobody-at-all/", http.StatusNotFound)
}

// TestTaxonomyPagesAndFeed: Hugo pages a taxonomy's terms (/tags/page/N/) and writes its feed
// (/tags/feed.xml here, the RSS baseName); Gazette's one terms page stands for every page.
func TestTaxonomyPagesAndFeed(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, hugoURLSite)
	// 7 terms with articles, 2 a page: Hugo wrote /tags/page/2/ … /tags/page/4/.
	wantRedirect(t, ts, "/tags/page/1/", "/tags/")
	wantRedirect(t, ts, "/tags/page/4/", "/tags/")
	wantStatus(t, ts, "/tags/page/5/", http.StatusNotFound)
	feed := body(t, wantStatus(t, ts, "/tags/index.xml", http.StatusOK))
	for _, want := range []string{"<title>parent/child</title>", "https://news.example/tags/parent/child/"} {
		if !strings.Contains(feed, want) {
			t.Errorf("the taxonomy feed lacks %q:\n%s", want, feed)
		}
	}
}

// TestOutputFormatsOfTheConfig: the files [outputs] made beside each page answer: the RSS
// feed under its baseName, JSON (as a JSON Feed), a plain-text page format (the markdown).
func TestOutputFormatsOfTheConfig(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, hugoURLSite)
	for _, p := range []string{"/feed.xml", "/post/feed.xml"} {
		resp := wantStatus(t, ts, p, http.StatusOK)
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/rss+xml") {
			t.Errorf("%s: %s, want RSS", p, ct)
		}
	}
	for _, p := range []string{"/index.json", "/post/index.json"} {
		var f struct {
			Items []struct{ Title string } `json:"items"`
		}
		if err := json.Unmarshal([]byte(body(t, wantStatus(t, ts, p, http.StatusOK))), &f); err != nil || len(f.Items) == 0 {
			t.Errorf("%s: not a JSON Feed with items (%v)", p, err)
		}
	}
	if got := body(t, wantStatus(t, ts, "/post/one/index.md", http.StatusOK)); got != "The **first** body.\n" {
		t.Errorf("the page's plain-text output is %q", got)
	}
	// Formats the site does not declare are not made up.
	wantStatus(t, ts, "/post/one/index.json", http.StatusMovedPermanently) // the old JSON-first permalink rule
	wantStatus(t, ts, "/post/index.md", http.StatusNotFound)
	wantStatus(t, ts, "/tags/a/index.json", http.StatusNotFound)
}

// TestRSSBaseNameWithoutConfigStaysIndex: without [outputFormats.RSS] a feed is index.xml only.
func TestRSSBaseNameWithoutConfigStaysIndex(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	wantStatus(t, ts, "/post/index.xml", http.StatusOK)
	wantStatus(t, ts, "/post/feed.xml", http.StatusNotFound)
}

// TestListPageAliasesRedirect: a section's aliases lead to it (relative ones beside the
// section's own folder, as Hugo writes them).
func TestListPageAliasesRedirect(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, hugoURLSite)
	wantRedirect(t, ts, "/articles/", "/post/")
	wantRedirect(t, ts, "/blog/", "/post/")
}

// TestArchiveSectionKeepsItsFeeds: a site's own "archive" section had feeds; Gazette's archive
// page stands at /archive/, and the feeds still answer.
func TestArchiveSectionKeepsItsFeeds(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, hugoURLSite)
	wantStatus(t, ts, "/archive/", http.StatusOK)
	wantStatus(t, ts, "/archive/feed.xml", http.StatusOK)
	wantStatus(t, ts, "/archive/index.json", http.StatusOK)
}

// TestContentFolderFilesHugoCopies: a file in a content folder that no page claims, and HTML
// without front matter, are served as they are at their paths; neither becomes an article.
func TestContentFolderFilesHugoCopies(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, hugoURLSite)
	if got := body(t, wantStatus(t, ts, "/favicon.ico", http.StatusOK)); got != "icon bytes" {
		t.Errorf("/favicon.ico is %q", got)
	}
	if got := body(t, wantStatus(t, ts, "/post/callback.html", http.StatusOK)); !strings.Contains(got, "<p>callback</p>") {
		t.Errorf("/post/callback.html is %q", got)
	}
	wantStatus(t, ts, "/post/callback/", http.StatusNotFound)
	if got := body(t, wantStatus(t, ts, "/post/three/", http.StatusOK)); !strings.Contains(got, "Third.") {
		t.Error("a bundle's index.html beside its index.md replaced the page")
	}
	list := doc(t, wantStatus(t, ts, "/post/", http.StatusOK)).Text()
	for _, bad := range []string{"callback", "OAuth", "0001"} {
		if strings.Contains(list, bad) {
			t.Errorf("the section lists %q: HTML without front matter became an article", bad)
		}
	}
}

// TestMultilingualHugoURLs: Hugo writes /en/ (to /) and a sitemap per language.
func TestMultilingualHugoURLs(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, map[string]string{
		"config.toml": `baseURL = "https://news.example/"
title = "Test News"
defaultContentLanguage = "en"
[languages.en]
  weight = 1
[languages.es]
  weight = 2
`,
		"content/post/one.md":    "---\ntitle: One\ndate: 2026-11-01\n---\nEnglish.\n",
		"content/post/one.es.md": "---\ntitle: Uno\ndate: 2026-11-01\n---\nEspañol.\n",
	})
	wantRedirect(t, ts, "/en/", "/")
	es := body(t, wantStatus(t, ts, "/es/sitemap.xml", http.StatusOK))
	if !strings.Contains(es, "https://news.example/es/post/one/") || strings.Contains(es, "<loc>https://news.example/post/one/</loc>") {
		t.Errorf("the Spanish sitemap does not list the Spanish pages only:\n%s", es)
	}
	wantStatus(t, ts, "/en/sitemap.xml", http.StatusOK)
	wantStatus(t, ts, "/de/sitemap.xml", http.StatusNotFound)
}
