package markdown

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// corporaDir holds real Hugo sites shared read-only by the project.
const corporaDir = "../../../shared/corpora"

// stripFrontMatter returns the body after a YAML (---) or TOML (+++)
// front matter block, or the whole file when it has none.
func stripFrontMatter(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	trimmed := strings.TrimLeft(s, "\n\ufeff")
	for _, delim := range []string{"---", "+++"} {
		if !strings.HasPrefix(trimmed, delim) {
			continue
		}
		lines := strings.SplitAfter(trimmed, "\n")
		offset := len(lines[0])
		for _, l := range lines[1:] {
			offset += len(l)
			if strings.TrimSpace(l) == delim {
				return trimmed[offset:]
			}
		}
	}
	return s
}

func TestRenderCorpora(t *testing.T) {
	sites, _ := filepath.Glob(filepath.Join(corporaDir, "*", "content"))
	if len(sites) == 0 {
		missingShared(t, "the corpora at "+corporaDir)
	}
	r := New(Options{})
	for _, site := range sites {
		t.Run(filepath.Base(filepath.Dir(site)), func(t *testing.T) {
			start := time.Now()
			files, broken := 0, 0
			unknown := map[string]int{}
			err := filepath.WalkDir(site, func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
					return err
				}
				src, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				res, err := r.Render([]byte(stripFrontMatter(string(src))), Page{})
				if err != nil {
					t.Errorf("%s: %v", path, err)
				}
				if strings.Contains(res.HTML, "<script") || strings.Contains(res.HTML, "gzsc0q") {
					t.Errorf("%s: script or placeholder left in output", path)
				}
				for _, name := range res.UnknownShortcodes {
					unknown[name]++
				}
				broken += len(res.BrokenRefs)
				files++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			names := make([]string, 0, len(unknown))
			for n, c := range unknown {
				names = append(names, fmt.Sprintf("%s×%d", n, c))
			}
			sort.Strings(names)
			t.Logf("%d files in %v; unknown shortcodes (files): %v; unresolved refs: %d",
				files, time.Since(start).Round(time.Millisecond), names, broken)
		})
	}
}

// missingShared stops a test whose shared corpus or fixture is absent: under `make test`
// (GAZETTE_CORPORA=1) that is a failure that says what to fetch; elsewhere a skip.
func missingShared(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("GAZETTE_CORPORA") == "1" {
		t.Fatalf("GAZETTE_CORPORA=1 but %s is missing: make test needs the shared corpora and fixtures in ../shared beside the checkout", what)
	}
	t.Skipf("%s is missing; set GAZETTE_CORPORA=1 to make this a failure", what)
}
