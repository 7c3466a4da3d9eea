package content

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderBatchesMatchesLoadSite: the streaming second pass hands over the same articles as
// loading everything and rendering it, in source-path order and in batches of the size asked;
// a file that broke between the passes fails alone; an error from save stops the stream.
func TestRenderBatchesMatchesLoadSite(t *testing.T) {
	files := map[string]string{
		"config.toml":          "baseURL = \"https://news.example/\"\ntitle = \"News\"\n",
		"content/post/ref.md":  "---\ntitle: Ref\n---\nSee [the first]({{< relref \"p01.md\" >}}) and {{< unknown >}}.\n",
		"content/post/gone.md": "---\ntitle: Gone soon\n---\nBody\n",
	}
	for i := 1; i <= 11; i++ {
		files[fmt.Sprintf("content/post/p%02d.md", i)] = fmt.Sprintf("---\ntitle: Page %d\ntags: [t%d]\n---\nBody **%d**.\n", i, i%3, i)
	}
	root := writeSite(t, files)
	loaded, err := LoadSite(root)
	if err != nil {
		t.Fatal(err)
	}
	loaded.Render()
	scanned, err := ScanSite(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(scanned.Pages) != 0 || len(scanned.Sources) != len(loaded.Pages) {
		t.Fatalf("scan kept %d pages and %d sources, want 0 and %d", len(scanned.Pages), len(scanned.Sources), len(loaded.Pages))
	}
	os.WriteFile(filepath.Join(root, "content/post/gone.md"), []byte("---\ntitle: [broken\n---\n"), 0o644)

	var sizes []int
	var got []Page
	err = scanned.RenderBatches(context.Background(), scanned.Sources, BatchLimit{Pages: 4}, func(pages []Page) error {
		sizes = append(sizes, len(pages))
		got = append(got, pages...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sizes) != "[3 4 4 1]" { // gone.md left the first batch
		t.Errorf("batch sizes %v", sizes)
	}
	want := loaded.Pages[:0:0]
	for _, p := range loaded.Pages {
		if p.Article.SourcePath != "content/post/gone.md" {
			want = append(want, p)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d pages, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i].Article, want[i].Article
		if g.SourcePath != w.SourcePath || g.BodyHTML != w.BodyHTML || g.SummaryHTML != w.SummaryHTML || g.Permalink != w.Permalink || g.ContentHash != w.ContentHash {
			t.Errorf("page %d: %s %q, LoadSite %s %q", i, g.SourcePath, g.BodyHTML, w.SourcePath, w.BodyHTML)
		}
	}
	if ref := got[len(got)-1].Article; !strings.Contains(ref.BodyHTML, `href="/post/p01/"`) {
		t.Errorf("relref not resolved: %s", ref.BodyHTML)
	}
	var failed, notes int
	for _, p := range scanned.Problems {
		switch {
		case p.Path == "content/post/gone.md" && p.Kind == Failed:
			failed++
		case p.Path == "content/post/ref.md" && p.Kind == Note:
			notes++
		}
	}
	if failed != 1 || notes != 1 {
		t.Errorf("problems %v: want gone.md failed and ref.md's unknown shortcode noted", scanned.Problems)
	}

	// A byte bound cuts batches short, and a file larger than the bound goes alone. Sources
	// are gone.md (broken since: no page), p01-p09 of one size, p10 and p11 a byte longer,
	// ref.md longer still.
	page := scanned.Sources[1].size
	for _, tc := range []struct {
		bytes int64
		want  string
	}{{1, "[0 1 1 1 1 1 1 1 1 1 1 1 1]"}, {2 * page, "[1 2 2 2 2 1 1 1]"}, {4 * page, "[3 4 3 2]"}, {1 << 20, "[3 4 4 1]"}} {
		sizes = nil
		if err := scanned.RenderBatches(context.Background(), scanned.Sources, BatchLimit{Pages: 4, Bytes: tc.bytes}, func(pages []Page) error {
			sizes = append(sizes, len(pages))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(sizes) != tc.want {
			t.Errorf("batches of at most %d bytes: sizes %v, want %s", tc.bytes, sizes, tc.want)
		}
	}

	stop := errors.New("disk full")
	calls := 0
	err = scanned.RenderBatches(context.Background(), scanned.Sources, BatchLimit{Pages: 2}, func([]Page) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("save failing: error %v after %d calls, want it after 1", err, calls)
	}
}
