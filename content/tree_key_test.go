package content

import (
	"sort"
	"strings"
	"testing"

	"gazette/data"
)

// TestPageTreeKeyOrdersAsHugo: the order Hugo 0.111 walks pages in (checked with the real
// hugo on TestListsAsHugoBuildsThem's site): lower-cased paths, a section's own pages (and
// those of its folders without an _index file) before its nested sections' pages.
func TestPageTreeKeyOrdersAsHugo(t *testing.T) {
	branches := NewCascades([]data.ListPage{{Lang: "en", Dir: "aa/sub"}, {Lang: "en", Dir: "cn"}, {Lang: "en", Dir: "cn/kids"}})
	files := map[string]fileInfo{
		"aa/sub/b.md":        {contentPath: "aa/sub/b.md", lang: "en"},
		"aa/zed.md":          {contentPath: "aa/zed.md", lang: "en"},
		"bb/Sub/b.md":        {contentPath: "bb/Sub/b.md", lang: "en"},
		"bb/sa.md":           {contentPath: "bb/sa.md", lang: "en"},
		"bb/Zz.md":           {contentPath: "bb/Zz.md", lang: "en"},
		"bb/aa.md":           {contentPath: "bb/aa.md", lang: "en"},
		"cn/kids/y/index.md": {contentPath: "cn/kids/y/index.md", lang: "en", bundle: true},
		"cn/x.md":            {contentPath: "cn/x.md", lang: "en"},
		"about.md":           {contentPath: "about.md", lang: "en"},
	}
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		return pageTreeKey(branches, files[names[i]]) < pageTreeKey(branches, files[names[j]])
	})
	want := "about.md aa/zed.md aa/sub/b.md bb/aa.md bb/sa.md bb/Sub/b.md bb/Zz.md cn/x.md cn/kids/y/index.md"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("Hugo's order:\n got %s\nwant %s", got, want)
	}
}
