package handlers

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestNestedSectionListsWhatIsBelowIt: a sub-folder with its own _index file (/cn/kids/) has a
// list page and a feed of the articles stored below it, as Hugo serves them; the top-level
// section lists and feeds its own pages only, as Hugo 0.111's paginator and RSS do (a
// section's RegularPages: its nested section's pages are not its, but those of a folder
// without an _index file are).
func TestNestedSectionListsWhatIsBelowIt(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, map[string]string{
		"config.toml":                 "baseURL = \"https://news.example/\"\ntitle = \"Test News\"\npaginate = 1\n",
		"content/cn/_index.md":        "---\ntitle: China\n---\n",
		"content/cn/kids/_index.md":   "---\ntitle: For kids\n---\nStories for young readers.\n",
		"content/cn/kids/panda.md":    "---\ntitle: Panda story\ndate: 2026-11-02\n---\nPanda.\n",
		"content/cn/kids/dragon.md":   "---\ntitle: Dragon story\ndate: 2026-11-01\n---\nDragon.\n",
		"content/cn/adults.md":        "---\ntitle: Trade report\ndate: 2026-11-03\n---\nTrade.\n",
		"content/cn/plain/nothing.md": "---\ntitle: In a folder without _index\ndate: 2026-11-04\n---\nx\n",
	})
	d := doc(t, wantStatus(t, ts, "/cn/kids/", http.StatusOK))
	if h := d.Find("h1").First().Text(); !strings.Contains(h, "For kids") {
		t.Errorf("heading %q, want the section's own title", h)
	}
	page := d.Text()
	if !strings.Contains(page, "Panda story") || strings.Contains(page, "Trade report") || !strings.Contains(page, "Stories for young readers.") {
		t.Errorf("/cn/kids/ does not list exactly its own articles with its intro:\n%s", page)
	}
	if p2 := doc(t, wantStatus(t, ts, "/cn/kids/page/2/", http.StatusOK)).Text(); !strings.Contains(p2, "Dragon story") {
		t.Error("/cn/kids/page/2/ does not show the second article")
	}
	wantStatus(t, ts, "/cn/kids/page/3/", http.StatusNotFound)
	feed := body(t, wantStatus(t, ts, "/cn/kids/index.xml", http.StatusOK))
	if !strings.Contains(feed, "Panda story") || !strings.Contains(feed, "Dragon story") || strings.Contains(feed, "Trade report") {
		t.Errorf("the nested section's feed:\n%s", feed)
	}
	top := body(t, wantStatus(t, ts, "/cn/index.xml", http.StatusOK))
	for _, want := range []string{"Trade report", "In a folder without _index"} {
		if !strings.Contains(top, want) {
			t.Errorf("the top-level section's feed lacks %q", want)
		}
	}
	if strings.Contains(top, "Panda story") {
		t.Error("the top-level section's feed lists its nested section's article")
	}
	var listed []string
	for n := 1; n <= 2; n++ {
		listed = append(listed, doc(t, wantStatus(t, ts, sectionPage("/cn/", n), http.StatusOK)).Find("article h2, article h1").Text())
	}
	if got := strings.Join(listed, "|"); strings.Contains(got, "Panda") || !strings.Contains(got, "Trade report") || !strings.Contains(got, "In a folder without _index") {
		t.Errorf("/cn/ pages list %q, want its own two articles only", got)
	}
	wantStatus(t, ts, "/cn/page/3/", http.StatusNotFound)
	// A folder without an _index file is no section in Hugo.
	wantStatus(t, ts, "/cn/plain/", http.StatusNotFound)
}

// TestSectionURLIsLowerCase: Hugo writes a section's URL in lower case (content/TIL is /til/),
// and its list, feed and pages answer there.
func TestSectionURLIsLowerCase(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, map[string]string{
		"config.toml":               "baseURL = \"https://news.example/\"\ntitle = \"T\"\npaginate = 1\n",
		"content/TIL/one.md":        "---\ntitle: One\ndate: 2026-11-01\n---\nx\n",
		"content/TIL/two.md":        "---\ntitle: Two\ndate: 2026-11-02\n---\nx\n",
		"content/TIL/sub/_index.md": "---\ntitle: Sub\n---\n",
		"content/TIL/sub/three.md":  "---\ntitle: Three\ndate: 2026-11-03\n---\nx\n",
	})
	d := doc(t, wantStatus(t, ts, "/til/", http.StatusOK))
	if !strings.Contains(d.Find("h1").First().Text(), "TIL") {
		t.Errorf("heading %q", d.Find("h1").First().Text())
	}
	wantStatus(t, ts, "/til/page/2/", http.StatusOK)
	wantStatus(t, ts, "/til/index.xml", http.StatusOK)
	if !strings.Contains(doc(t, wantStatus(t, ts, "/til/sub/", http.StatusOK)).Text(), "Three") {
		t.Error("/til/sub/ does not list its article")
	}
	if !strings.Contains(body(t, wantStatus(t, ts, "/sitemap.xml", http.StatusOK)), "https://news.example/til/</loc>") {
		t.Error("the sitemap does not name the section at /til/")
	}
}

// sectionPage is page n of a list at base.
func sectionPage(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}
