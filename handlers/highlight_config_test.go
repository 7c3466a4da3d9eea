package handlers

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestFencedCodeFollowsSiteHighlightConfig: as in Hugo 0.111, [markup.highlight] lineNos puts
// line numbers on every fenced block (in a table of their own unless lineNumbersInTable is
// false), a block's own {linenos=false} takes them off, and the highlight shortcode starts
// from the same defaults.
func TestFencedCodeFollowsSiteHighlightConfig(t *testing.T) {
	t.Parallel()
	const post = "---\ntitle: Code\ndate: 2026-11-01\n---\n" +
		"```go\na := 1\nb := 2\n```\n\n" +
		"```go {linenos=false}\nc := 3\n```\n\n" +
		"```go {linenos=inline,linenostart=5}\nd := 4\n```\n\n" +
		"{{< highlight go >}}\ne := 5\n{{< /highlight >}}\n"
	site := func(highlight string) *testServer {
		return newTestServer(t, map[string]string{
			"config.toml":          "baseURL = \"https://news.example/\"\ntitle = \"T\"\n" + highlight,
			"content/post/code.md": post,
		})
	}
	blocks := func(ts *testServer) []string {
		d := doc(t, wantStatus(t, ts, "/post/code/", http.StatusOK))
		var got []string
		d.Find("div.highlight").Each(func(_ int, b *goquery.Selection) {
			switch {
			case b.Find("table.lntable").Length() == 1:
				got = append(got, "table "+b.Find("span.lnt").First().Text())
			case b.Find("span.ln").Length() > 0:
				got = append(got, "inline "+b.Find("span.ln").First().Text())
			default:
				got = append(got, "none")
			}
		})
		return got
	}
	for _, c := range []struct {
		name, config string
		want         []string
	}{
		{"Hugo's defaults", "", []string{"none", "none", "inline 5", "none"}},
		{"lineNos", "[markup.highlight]\nlineNos = true\nlineNumbersInTable = true\nnoClasses = false\n", []string{"table 1\n", "none", "inline 5", "table 1\n"}},
		{"lineNos inline", "[markup.highlight]\nlineNos = true\nlineNumbersInTable = false\n", []string{"inline 1", "none", "inline 5", "inline 1"}},
		{"lineNoStart", "[markup.highlight]\nlineNos = true\nlineNoStart = 10\nlineNumbersInTable = false\n", []string{"inline 10", "none", "inline 5", "inline 10"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := blocks(site(c.config))
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", c.want) {
				t.Errorf("code blocks %q, want %q", got, c.want)
			}
		})
	}
}
