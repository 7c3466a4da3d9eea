package handlers

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// fidelitySite shows three of Hugo's rules on a small site: a `url` without a trailing slash,
// an alias claimed by a draft and a published page, and pages without a date.
var fidelitySite = map[string]string{
	"config.toml":             "baseURL = \"https://example.org/\"\ntitle = \"Courier\"\n",
	"content/post/build.md":   "---\ntitle: Building images\ndate: 2024-03-01\nurl: /docker/image/build\n---\nBuild.\n",
	"content/post/report.md":  "---\ntitle: Report\ndate: 2024-03-02\nurl: /files/report.html\n---\nReport.\n",
	"content/post/a-draft.md": "---\ntitle: Draft\ndate: 2024-03-03\ndraft: true\naliases: [/old/, /draft-only/]\n---\nDraft.\n",
	"content/post/b-live.md":  "---\ntitle: Live\ndate: 2024-03-04\naliases: [/old/]\n---\nLive.\n",
	"content/about.md":        "---\ntitle: About us\nweight: 1\n---\nWho we are.\n",
	"content/post/newest.md":  "---\ntitle: Newest\ndate: 2024-03-05\n---\nNewest.\n",
}

// TestURLWithoutTrailingSlash: Hugo publishes `url: /docker/image/build` at
// /docker/image/build/ (the last segment has no extension); the written form redirects there.
// A url with an extension is kept as written.
func TestURLWithoutTrailingSlash(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, fidelitySite)
	if resp := ts.get(t, "/docker/image/build/"); resp.StatusCode != http.StatusOK {
		t.Errorf("/docker/image/build/: %d, want 200", resp.StatusCode)
	}
	resp := ts.get(t, "/docker/image/build")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/docker/image/build/" {
		t.Errorf("/docker/image/build: %d to %q, want 301 to /docker/image/build/", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := ts.get(t, "/files/report.html"); resp.StatusCode != http.StatusOK {
		t.Errorf("/files/report.html: %d, want 200", resp.StatusCode)
	}
}

// TestDraftAliases: Hugo never publishes a draft's aliases, so an alias a draft and a published
// page both claim leads to the published page, whichever file is read first, and an alias only
// a draft claims is a plain 404 that does not tell the draft's URL.
func TestDraftAliases(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, fidelitySite)
	resp := ts.get(t, "/old/")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/post/b-live/" {
		t.Errorf("/old/: %d to %q, want 301 to /post/b-live/", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp = ts.get(t, "/draft-only/")
	if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Location") != "" {
		t.Errorf("/draft-only/: %d to %q, want a 404", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestUndatedPagesStayOutOfFeeds: a page without a date (Hugo's zero date) is not news: the
// main feeds list the dated articles, newest first, each with its own date, never the time of
// the import.
func TestUndatedPagesStayOutOfFeeds(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, fidelitySite)
	for _, feed := range []string{"/index.xml", "/atom.xml", "/feed.json"} {
		resp := ts.get(t, feed)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body := string(b)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", feed, resp.StatusCode)
		}
		if strings.Contains(body, "About us") {
			t.Errorf("%s lists the undated About page", feed)
		}
		if strings.Contains(body, "2026") {
			t.Errorf("%s stamps something with the import's year:\n%s", feed, body)
		}
		first, rest := strings.Index(body, "Newest"), strings.Index(body, "Report")
		if first < 0 || rest < 0 || first > rest {
			t.Errorf("%s: the newest dated article does not lead:\n%s", feed, body)
		}
	}
}
