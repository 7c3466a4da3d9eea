package handlers

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"gazette/reader"
)

func TestArticleAnatomy(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, readerSite())
	d := getDoc(t, ts, "/post/one/", http.StatusOK)
	meta := d.Find(".post__header [data-testid=meta]")
	if got := texts(meta.Find("[data-testid=meta-author], [data-testid=meta-date], [data-testid=meta-categories], [data-testid=meta-translations]")); got != "Ann Editor|1 November 2026|News|Translations: RU" {
		t.Errorf("meta items %q", got)
	}
	if got := texts(meta.Find("[data-testid=meta-lastmod]")); got != "5 November 2026" {
		t.Errorf("last modified %q", got)
	}
	if got := attrs(meta.Find("[data-testid=meta-translations] a"), "href"); got != "/ru/post/one/" {
		t.Errorf("translation link %q", got)
	}
	if d.Find("[data-testid=reading-time]").Length() != 1 {
		t.Error("no reading time")
	}
	if got := texts(d.Find("[data-testid=toc] > ul > li > a")) + " / " + texts(d.Find("[data-testid=toc] li li a")); got != "Part one|Part two / Detail" {
		t.Errorf("toc %q", got)
	}
	if got := texts(d.Find("[data-testid=authorbox] h2")) + " / " + texts(d.Find("[data-testid=authorbox] p")); got != "About Ann Editor / Ann edits." {
		t.Errorf("author box %q", got)
	}
	if got := attrs(d.Find("[data-testid=tags] a"), "href"); got != "/tags/harbour/|/tags/weather/" {
		t.Errorf("tags %q", got)
	}
	// Thumbnail "cover.png" is not a bundle file of this one-file article: Hugo's relURL makes it
	// site-relative.
	if got := d.Find("[data-testid=post-thumbnail] img").AttrOr("src", ""); got != "/cover.png" {
		t.Errorf("thumbnail %q", got)
	}
	if got := attrs(d.Find("[data-testid=pager-next]"), "href"); got != "/post/two/" {
		t.Errorf("pager next %q", got)
	}
	if got := attrs(d.Find("[data-testid=pager-prev]"), "href"); got != "/post/2025-old/" {
		t.Errorf("pager previous %q (undated articles sort last)", got)
	}
	if got := texts(d.Find("[data-testid=related] a")); !strings.HasPrefix(got, "Second story|Third story") {
		t.Errorf("related %q: most shared terms first", got)
	}
	if d.Find("script[src]:not([src*=search-suggest])").Length() != 0 {
		t.Error("an article without mathjax loads a script (other than the search widget's suggestions)")
	}
	if got := d.Find("link[rel=canonical]").AttrOr("href", ""); got != "https://news.example/post/one/" {
		t.Errorf("canonical %q", got)
	}
}

func TestArticleToggles(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, readerSite())
	two := getDoc(t, ts, "/post/two/", http.StatusOK)
	if got := attrs(two.Find("script[async]"), "src"); got != reader.DefaultMathJaxPath+"?config="+reader.DefaultMathJaxConfig {
		t.Errorf("mathjax script %q", got)
	}
	if two.Find("[data-testid=toc]").Length() != 0 || two.Find("[data-testid=authorbox]").Length() != 0 {
		t.Error("toc and author box are off unless asked for")
	}
	three := getDoc(t, ts, "/post/three/", http.StatusOK)
	if three.Find("[data-testid=toc]").Length() != 0 {
		t.Error("toc: true without h2/h3 headings shows a table of contents")
	}
	if three.Find("[data-testid=pager]").Length() != 0 {
		t.Error("pager: false shows a pager")
	}
	if three.Find("[data-testid=post-thumbnail]").Length() != 0 {
		t.Error("thumbnail visibility [list] shows on the article")
	}
	home := getDoc(t, ts, "/", http.StatusOK)
	if got := attrs(home.Find("[data-testid=list-thumbnail] img"), "src"); got != "https://img.example/a.jpg" {
		t.Errorf("list thumbnails %q", got)
	}
	four := getDoc(t, ts, "/post/four/", http.StatusOK)
	if four.Find(".post__header [data-testid=meta-date]").Length() != 0 || four.Find("[data-testid=tags]").Length() != 0 {
		t.Error("post_meta: [] must hide the meta items; tags: [\"\"] must show no tags")
	}
	if four.Find("[data-testid=post-thumbnail]").Length() != 0 || four.Find("script[src]:not([src*=search-suggest])").Length() != 0 {
		t.Error("a missing bundle thumbnail must not render; mathjax: \"false\" loads nothing")
	}
	nt := getDoc(t, ts, "/post/notitle/", http.StatusOK)
	if nt.Find("title").Text() != "/post/notitle/ - Reader News" || nt.Find("[data-testid=meta-date]").Length() != 0 {
		t.Errorf("untitled, undated article: title %q", nt.Find("title").Text())
	}
}

func TestAuthorboxWarningAndSiteDefaults(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"config.toml":       "title = \"T\"\n[params]\nauthorbox = true\ntoc = \"yes\"\npager = false\nmathjax = true\nmathjaxPath = \"https://math.example/MathJax.js\"\n",
		"content/post/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\n## One\n\nx\n",
		"content/post/b.md": "---\ntitle: B\ndate: 2026-01-02\nauthorbox: false\ntoc: false\npager: true\nmathjax: false\n---\n## One\n\nx\n",
	}
	ts := newTestServer(t, files)
	a := getDoc(t, ts, "/post/a/", http.StatusOK)
	if !strings.Contains(a.Find("[data-testid=authorbox]").Text(), "not specified") {
		t.Error("site authorbox on without an author must show the warning")
	}
	if a.Find("[data-testid=toc]").Length() != 1 || a.Find("[data-testid=pager]").Length() != 0 {
		t.Error("site toc \"yes\" and pager false must apply")
	}
	if got := attrs(a.Find("script[src]"), "src"); got != "https://math.example/MathJax.js?config=TeX-AMS-MML_HTMLorMML" {
		t.Errorf("site mathjax path %q", got)
	}
	b := getDoc(t, ts, "/post/b/", http.StatusOK)
	if b.Find("[data-testid=authorbox]").Length() != 0 || b.Find("[data-testid=toc]").Length() != 0 ||
		b.Find("[data-testid=pager]").Length() != 1 || b.Find("script[src]").Length() != 0 {
		t.Error("the article's own values must win over the site's, false included")
	}
	if a.Find("[data-testid=sidebar]").Length() != 0 {
		t.Error("no sidebar setting anywhere means no sidebar")
	}
}

// TestArticlePageWeight keeps a typical article (1,500 words, a sidebar full of widgets) with its
// stylesheets under 50 KB gzipped, the budget for a reader on a slow phone connection.
func TestArticlePageWeight(t *testing.T) {
	t.Parallel()
	files := readerSite()
	var body strings.Builder
	for p := 0; p < 30; p++ {
		if p%6 == 0 {
			body.WriteString("## Section heading number " + strings.Repeat("x", p%5) + "\n\n")
		}
		body.WriteString(strings.Repeat("The harbour council met again on Tuesday to discuss the budget, the ferry and the storm. ", 3) + "\n\n")
	}
	body.WriteString("```go\nfunc main() { println(\"hello\") }\n```\n")
	files["content/post/long.md"] = "---\ntitle: A long read\ndate: 2026-11-06\ntags: [Harbour]\ntoc: true\n---\n" + body.String()
	ts := newTestServer(t, files)
	resp := ts.get(t, "/post/long/", "Accept-Encoding", "gzip")
	html, _ := io.ReadAll(resp.Body)
	total := len(html)
	// Reading the page's own stylesheet links keeps the test true to what a browser fetches.
	plain := getDoc(t, ts, "/post/long/", http.StatusOK)
	plain.Find("link[rel=stylesheet]").Each(func(_ int, s *goquery.Selection) {
		r := ts.get(t, s.AttrOr("href", ""), "Accept-Encoding", "gzip")
		b, _ := io.ReadAll(r.Body)
		total += len(b)
	})
	t.Logf("article HTML + CSS, gzipped: %d bytes", total)
	if total > 50_000 {
		t.Errorf("article HTML + CSS weigh %d bytes gzipped, over the 50 KB budget", total)
	}
}
