package handlers

import (
	"net/http"
	"testing"

	"gazette/reader"
)

// TestMathFollowsSiteAndPageSwitches: a site whose theme's switch is `params.math` (not
// Mainroad's `mathjax`) gets MathJax on its pages, and a page's own `math: false` turns it off.
func TestMathFollowsSiteAndPageSwitches(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, map[string]string{
		"config.toml":            "baseURL = \"https://news.example/\"\ntitle = \"T\"\n[params]\nmath = true\n",
		"content/post/tex.md":    "---\ntitle: TeX\ndate: 2026-11-01\n---\n$$E = mc^2$$\n",
		"content/post/plain.md":  "---\ntitle: Plain\ndate: 2026-11-02\nmath: false\n---\nNo maths.\n",
		"content/post/mainrd.md": "---\ntitle: Mainroad word\ndate: 2026-11-03\nmath: false\nmathjax: true\n---\n$$x$$\n",
	})
	for path, want := range map[string]bool{"/post/tex/": true, "/post/plain/": false, "/post/mainrd/": true} {
		d := doc(t, wantStatus(t, ts, path, http.StatusOK))
		got := d.Find(`script[src^="`+reader.DefaultMathJaxPath+`"]`).Length() == 1
		if got != want {
			t.Errorf("%s: MathJax loaded %v, want %v", path, got, want)
		}
	}
	page := newTestServer(t, map[string]string{
		"config.toml":         "baseURL = \"https://news.example/\"\ntitle = \"T\"\n",
		"content/post/tex.md": "---\ntitle: TeX\ndate: 2026-11-01\nmath: true\n---\n$$E = mc^2$$\n",
		"content/post/no.md":  "---\ntitle: No\ndate: 2026-11-02\n---\nx\n",
	})
	if doc(t, wantStatus(t, page, "/post/tex/", http.StatusOK)).Find(`script[src^="`+reader.DefaultMathJaxPath+`"]`).Length() != 1 {
		t.Error("a page's own `math: true` does not load MathJax")
	}
	if doc(t, wantStatus(t, page, "/post/no/", http.StatusOK)).Find(`script[src^="`+reader.DefaultMathJaxPath+`"]`).Length() != 0 {
		t.Error("MathJax loaded on a page that asks for no maths")
	}
}
