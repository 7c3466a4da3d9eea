package content

import "testing"

func TestOutputFileReadsTheConfigsFormats(t *testing.T) {
	t.Parallel()
	custom := map[string]any{
		"outputs":       map[string]any{"home": []any{"HTML", "RSS", "SearchIndex"}, "page": []any{"HTML", "MarkDown"}, "taxonomyterm": []any{"RSS"}},
		"outputformats": map[string]any{"rss": map[string]any{"basename": "feed"}, "searchindex": map[string]any{"mediatype": "application/json"}, "markdown": map[string]any{"mediatype": "text/markdown"}},
	}
	cases := []struct {
		name       string
		hugo       map[string]any
		kind, file string
		want       HugoOutput
	}{
		{"a list's default RSS", map[string]any{}, "section", "index.xml", OutputRSS},
		{"no JSON by default", map[string]any{}, "home", "index.json", OutputNone},
		{"a page has no feed", map[string]any{}, "page", "index.xml", OutputNone},
		{"RSS under its baseName", custom, "home", "feed.xml", OutputRSS},
		{"not under the old name", custom, "home", "index.xml", OutputNone},
		{"a theme's JSON", custom, "home", "index.json", OutputJSON},
		{"a page's markdown", custom, "page", "index.md", OutputText},
		{"an old taxonomyTerm key counts for terms", custom, "term", "feed.xml", OutputRSS},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := OutputFile(c.hugo, c.kind, c.file); got != c.want {
				t.Errorf("OutputFile(%s, %s) = %d, want %d", c.kind, c.file, got, c.want)
			}
		})
	}
}
