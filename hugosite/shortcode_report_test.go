package hugosite

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gazette/content"
	"gazette/data"
)

// TestImportReportListsShortcodes: the report names every shortcode the pages call, with its
// uses and how Gazette handled it.
func TestImportReportListsShortcodes(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"config.toml":         "baseURL = \"https://news.example/\"\ntitle = \"T\"\n",
		"content/post/one.md": "---\ntitle: One\ndate: 2026-11-01\n---\n{{< youtube abc >}}\n\n{{< alert theme=\"info\" >}}Careful.{{< /alert >}}\n",
		"content/post/two.md": "---\ntitle: Two\ndate: 2026-11-02\n---\n{{< youtube def >}}\n",
	}
	for p, text := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, err := content.ScanSite(root)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	store, err := data.Open(ctx, filepath.Join(t.TempDir(), "t.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	media, err := data.NewMediaDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Import(ctx, store, media, site)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep.Print(&out)
	for _, want := range []string{"youtube: 2, " + content.ShortcodeBuiltin, "alert: 1, " + content.ShortcodeGeneric} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}
}
