package markdown

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestRenderMarkdown(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		src    string
		checks []check
	}{
		{"typographer", Options{}, `He said "hi" -- then... 'ok' --- done`, []check{
			{sel: "p", want: "He said “hi” – then… ‘ok’ — done"},
		}},
		{"gfm table", Options{}, "| a | b |\n|:--|--:|\n| 1 | 2 |\n", []check{
			{sel: "table thead th", want: "a", count: 2},
			{sel: "table tbody td:nth-child(2)", attr: "style", want: "text-align: right"},
		}},
		{"strikethrough and task list", Options{}, "~~gone~~\n\n- [x] done\n- [ ] todo\n", []check{
			{sel: "del", want: "gone"},
			{sel: `input[type=checkbox][checked]`, count: 1},
		}},
		{"linkify", Options{}, "see https://example.org/page now", []check{
			{sel: "a", attr: "href", want: "https://example.org/page"},
		}},
		{"footnote", Options{}, "Text[^1].\n\n[^1]: The note.\n", []check{
			{sel: `sup#fnref\:1 a`, attr: "href", want: "#fn:1"},
			{sel: `div.footnotes li#fn\:1`, want: "The note."},
			{sel: `a.footnote-backref`, attr: "href", want: "#fnref:1"},
		}},
		{"definition list", Options{}, "Term\n: Meaning\n", []check{
			{sel: "dl dt", want: "Term"},
			{sel: "dl dd", want: "Meaning"},
		}},
		{"heading ids", Options{}, "## Hello, World!\n\n## Hello, World!\n\n## Привет мир\n\n## snake_case 42\n", []check{
			{sel: "h2#hello-world", count: 1},
			{sel: "h2#hello-world-1", count: 1},
			{sel: "h2#привет-мир", count: 1},
			{sel: "h2#snake_case-42", count: 1},
		}},
		{"custom heading id", Options{}, "## Intro {#my-intro}\n", []check{
			{sel: "h2#my-intro", want: "Intro"},
		}},
		{"highlighted code", Options{}, "```go\nfunc main() {}\n```\n", []check{
			{sel: "div.highlight pre.chroma code.language-go", count: 1},
			{sel: "code span.kd", want: "func"},
			{sel: "[style]", count: -1},
		}},
		{"unknown language", Options{}, "```nosuchlang\nx < y\n```\n", []check{
			{sel: "pre > code.language-nosuchlang", want: "x < y"},
			{sel: "div.highlight", count: -1},
		}},
		{"no language", Options{}, "```\nplain\n```\n", []check{
			{sel: "pre > code", want: "plain"},
			{sel: "span", count: -1},
		}},
		{"soft wraps", Options{}, "one\ntwo\n", []check{{sel: "br", count: -1}}},
		{"hard wraps", Options{HardWraps: true}, "one\ntwo\n", []check{{sel: "p br", count: 1}}},
		{"raw html kept", Options{}, "<div class=\"note\">Hi <b>there</b></div>\n", []check{
			{sel: "div.note b", want: "there"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := renderWith(t, New(tt.opts), tt.src, Page{})
			assertHTML(t, res.HTML, tt.checks)
		})
	}
}

func TestTOC(t *testing.T) {
	src := "# Title\n\n## First *one*\n\ntext\n\n### Sub {#sub}\n\n#### Deep\n\n## First one\n"
	res := render(t, src, Page{})
	want := []Heading{
		{Level: 2, ID: "first-one", Text: "First one"},
		{Level: 3, ID: "sub", Text: "Sub"},
		{Level: 2, ID: "first-one-1", Text: "First one"},
	}
	if !reflect.DeepEqual(res.TOC, want) {
		t.Errorf("TOC = %+v, want %+v", res.TOC, want)
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ name, src, banned string }{
		{"script", "<script>alert(1)</script>\n\nok", "<script"},
		{"onerror", `<img src="x.png" onerror="alert(1)">`, "onerror"},
		{"javascript link", `[x](javascript:alert(1)) <a href="javascript:alert(2)">y</a>`, "javascript:"},
		{"iframe elsewhere", `<iframe src="https://evil.example/"></iframe>`, "evil"},
		{"svg onload", `<svg onload="alert(1)"><circle r="1"/></svg>`, "onload"},
		{"style", "<style>body{display:none}</style>\n\ntext", "<style"},
		{"figure src", `{{< figure src="javascript:alert(1)" caption="<script>x</script>" >}}`, "javascript:"},
		{"youtube id injection", `{{< youtube "x\" onload=\"alert(1)" >}}`, "onload"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, tt.src, Page{})
			for _, s := range []string{res.HTML, res.SummaryHTML} {
				if strings.Contains(strings.ToLower(s), tt.banned) {
					t.Errorf("output contains %q:\n%s", tt.banned, s)
				}
			}
		})
	}
	t.Run("allowed iframe", func(t *testing.T) {
		res := render(t, `<iframe src="https://player.vimeo.com/video/123" title="v" allowfullscreen></iframe>`, Page{})
		assertHTML(t, res.HTML, []check{{sel: "iframe", attr: "src", want: "https://player.vimeo.com/video/123"}})
	})
}

func TestSeedArticle(t *testing.T) {
	src, err := os.ReadFile("../../../shared/fixtures/seed-article.md")
	if err != nil {
		missingShared(t, "the seed article ("+err.Error()+")")
	}
	parts := strings.SplitN(string(src), "\n---\n", 2)
	if len(parts) != 2 {
		t.Fatal("seed article has no front matter end")
	}
	res := render(t, parts[1], Page{})
	d := doc(t, res.HTML)
	if n := d.Find("p").Length(); n != 17 {
		t.Errorf("paragraphs = %d, want 17", n)
	}
	a := d.Find("p").Last().Find("a")
	if href, _ := a.Attr("href"); href != "https://thehill.com/homenews/administration/5134714-trump-urkraine-war-talks/" || a.Text() != "thehill" {
		t.Errorf("final link = %q %q", href, a.Text())
	}
	if !strings.HasPrefix(d.Find("p").First().Text(), "President Trump says") {
		t.Errorf("first paragraph = %q", d.Find("p").First().Text())
	}
	if !res.Truncated || res.WordCount < 400 {
		t.Errorf("Truncated = %v, WordCount = %d", res.Truncated, res.WordCount)
	}
}

func TestBlockShortcodeNeverInsideHeading(t *testing.T) {
	res, err := New(Options{}).Render([]byte("{{< youtube abcdefghijk >}}\n---\n\n## A {{< youtube abcdefghijk >}} b\n\n{{< figure src=\"a.png\" width=\"100%\" height=\"300\" >}}\n"), Page{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.HTML, `id="a-<`) || strings.Contains(res.HTML, "<h2><div") || strings.Contains(res.HTML, `width="100%"`) {
		t.Errorf("invalid markup:\n%s", res.HTML)
	}
	if !strings.Contains(res.HTML, "<hr") || !strings.Contains(res.HTML, `height="300"`) {
		t.Errorf("expected a thematic break and the pixel height:\n%s", res.HTML)
	}
}

// TestUnknownShortcodeKeepsItsMedia: a theme's own image or video shortcode keeps its picture
// (as a figure) or video, and nothing executable gets through its src.
func TestUnknownShortcodeKeepsItsMedia(t *testing.T) {
	r := New(Options{})
	for src, want := range map[string]string{
		`{{< figureforgallery src="shot.png" alt="A screenshot" >}}`: `<img src="shot.png" alt="A screenshot">`,
		`{{< img src="/img/a.JPG" caption="Cap" >}}`:                 `<figcaption><p>Cap</p></figcaption>`,
		`{{< video src="clip.mp4" >}}`:                               `<video controls="" preload="metadata" src="clip.mp4"></video>`,
		`{{< video src="javascript:alert(1)//.mp4" >}}`:              `<video controls="" preload="metadata"></video>`,
		`{{< gallery dir="x" >}}`:                                    ``,
	} {
		res, err := r.Render([]byte(src), Page{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res.HTML, want) || len(res.UnknownShortcodes) != 1 {
			t.Errorf("%s:\n got %q (unknown %v)\nwant %q", src, res.HTML, res.UnknownShortcodes, want)
		}
	}
}
