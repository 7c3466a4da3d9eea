package handlers

import (
	"net/http"
	"strings"
	"testing"
)

// ownPagesSite has an _index file for the home page, a section, a nested section, a section
// without articles, a taxonomy and a term; the news section cascades a left sidebar.
var ownPagesSite = map[string]string{
	"config.toml":                    "baseURL = \"https://example.org/\"\ntitle = \"Courier\"\n[params]\n  description = \"The site's own description\"\n",
	"content/_index.md":              "---\ntitle: Front page\ndescription: Not the home page's meta\n---\nWelcome to **the Courier**.\n",
	"content/news/_index.md":         "---\ntitle: Latest news\ndescription: Everything we report\ncascade:\n  sidebar: left\n---\nThe newsroom's *own* words.\n",
	"content/news/a.md":              "---\ntitle: Council votes\ndate: 2024-03-01\ntags: [council]\n---\nA body.\n",
	"content/about/_index.md":        "---\ntitle: About us\nmenu: main\n---\nWe are a small newsroom.\n",
	"content/tags/_index.md":         "---\ntitle: Topics\n---\nAll our topics.\n",
	"content/tags/council/_index.md": "---\ntitle: City council\ndescription: Every vote of the council\n---\nWhat the council decides.\n",
	"content/other/b.md":             "---\ntitle: Weather\ndate: 2024-03-02\n---\nRain.\n",
}

// TestListPagesShowTheirOwnPage: a list shows its _index file's title as its heading and
// <title>, its body above the articles and its description in the head, where Mainroad does
// (the home page: no heading, the site's description); a section with only an _index file
// answers and its `menu: main` puts it in the main menu; a cascade reaches the articles below.
func TestListPagesShowTheirOwnPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, ownPagesSite)
	for _, c := range []struct {
		path, heading, intro, description string
	}{
		{"/", "", "Welcome to <strong>the Courier</strong>", "The site's own description"},
		{"/news/", "Latest news", "<em>own</em> words", "Everything we report"},
		// A list page without a description of its own takes the site's: every page has one
		// (issue 15's rule, which search engines and link previews need).
		{"/about/", "About us", "We are a small newsroom.", "The site's own description"},
		{"/tags/", "Topics", "All our topics.", "The site's own description"},
		{"/tags/council/", "City council", "What the council decides.", "Every vote of the council"},
	} {
		t.Run(c.path, func(t *testing.T) {
			resp := ts.get(t, c.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d", c.path, resp.StatusCode)
			}
			d := doc(t, resp)
			if got := strings.TrimSpace(d.Find(`[data-testid="list-heading"]`).Text()); got != c.heading {
				t.Errorf("heading %q, want %q", got, c.heading)
			}
			if c.heading != "" && !strings.HasPrefix(d.Find("title").Text(), c.heading) {
				t.Errorf("<title> %q does not start with %q", d.Find("title").Text(), c.heading)
			}
			intro, _ := d.Find(`[data-testid="list-intro"]`).Html()
			if !strings.Contains(intro, c.intro) {
				t.Errorf("intro %q lacks %q", intro, c.intro)
			}
			if got, _ := d.Find(`meta[name="description"]`).Attr("content"); got != c.description {
				t.Errorf("meta description %q, want %q", got, c.description)
			}
			if d.Find(".list__empty").Length() > 0 {
				t.Error("a list with its own text says it has no posts")
			}
		})
	}
	if href, _ := doc(t, ts.get(t, "/")).Find(`[data-testid="main-menu"] a:contains("About us")`).Attr("href"); href != "/about/" {
		t.Errorf("the about section's `menu: main` gave the main menu %q, want a link to /about/", href)
	}
	if d := doc(t, ts.get(t, "/news/a/")); d.Find(".wrapper--sidebar-left").Length() == 0 {
		t.Error("the news section's cascaded sidebar: left did not reach its article")
	}
	if d := doc(t, ts.get(t, "/other/b/")); d.Find(".wrapper--sidebar-left").Length() > 0 {
		t.Error("the cascade reached an article outside its section")
	}
}
