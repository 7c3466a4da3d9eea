package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"gazette/data"
)

// TestExportRoundTrip: each corpus imported, exported and listed by Debian's Hugo 0.111 gives
// the corpus's own `hugo list all`; the export imported into a fresh store gives the same
// `gazette list all` and the same rendered HTML for every article.
func TestExportRoundTrip(t *testing.T) {
	hugo := hugoBinary(t)
	for _, name := range []string{"xmr-ru__xmr_ru", "ropensci__roweb3", "sky-bro__blog-src"} {
		t.Run(name, func(t *testing.T) {
			corpus := corpusDir(t, name)
			first, second, out := t.TempDir(), t.TempDir(), filepath.Join(t.TempDir(), "site")
			mustGazette(t, "import", "--data", first, corpus)
			mustGazette(t, "export", "--data", first, out)
			assertListPagesBack(t, corpus, out)
			assertContentFilesBack(t, corpus, out)
			prepareLikeOracle(t, corpus, out)
			cmd := exec.Command(hugo, "list", "all")
			cmd.Dir, cmd.Env = out, append(os.Environ(), "HUGO_ENABLEGITINFO=false")
			listed, err := cmd.Output()
			if err != nil {
				t.Fatalf("hugo list all on the export: %v\n%s", err, stderrOf(err))
			}
			assertSameRows(t, "hugo list all of the export", csvRows(t, string(listed)), csvRows(t, readFile(t, filepath.Join(corpus, "hugo-list-all.csv"))))

			mustGazette(t, "import", "--data", second, out)
			before, _ := mustGazette(t, "list", "all", "--data", first)
			after, _ := mustGazette(t, "list", "all", "--data", second)
			assertSameRows(t, "gazette list all after the round trip", csvRows(t, after), csvRows(t, before))
			assertSameHTML(t, first, second)
			assertSameListPages(t, first, second)
		})
	}
}

// assertListPagesBack: every _index file Hugo built a page from (the corpus's hugo-pages.jsonl
// names them) is in the export, byte for byte.
func assertListPagesBack(t testing.TB, corpus, out string) {
	t.Helper()
	want := regexp.MustCompile(`"file": "([^"]*/_index[^"/]*)"`).FindAllStringSubmatch(readFile(t, filepath.Join(corpus, "hugo-pages.jsonl")), -1)
	seen, bad := map[string]bool{}, 0
	for _, m := range want {
		name := m[1]
		if seen[name] {
			continue
		}
		seen[name] = true
		orig, err := os.ReadFile(filepath.Join(corpus, name))
		if err != nil {
			t.Fatal(err)
		}
		back, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || string(back) != string(orig) {
			if bad++; bad <= 5 {
				t.Errorf("%s: not exported as it was written (%v)", name, err)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d _index files lost or changed by the export", bad, len(seen))
	}
	t.Logf("%d _index files exported byte for byte", len(seen))
}

// assertContentFilesBack: every content file the export writes at its source path is the
// corpus's file byte for byte (a BOM, blank lines before the front matter, CRLF included).
func assertContentFilesBack(t testing.TB, corpus, out string) {
	t.Helper()
	same, bad := 0, 0
	filepath.WalkDir(filepath.Join(corpus, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(corpus, p)
		back, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			return nil // not a page Gazette keeps (ignored, headless, a failed file)
		}
		if orig, _ := os.ReadFile(p); string(orig) != string(back) {
			if bad++; bad <= 5 {
				t.Errorf("%s: exported differently from how it was written", rel)
			}
			return nil
		}
		same++
		return nil
	})
	if bad > 0 {
		t.Errorf("%d content files changed by the export", bad)
	}
	t.Logf("%d content files exported byte for byte", same)
}

func hugoBinary(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("hugo")
	if err != nil {
		t.Fatal("hugo is missing: run scripts/install-test-deps.sh (Debian's hugo 0.111)")
	}
	return p
}

func mustGazette(t testing.TB, args ...string) (string, string) {
	t.Helper()
	out, errOut, err := gazette(t, args...)
	if err != nil {
		t.Fatalf("gazette %s: %v\n%s%s", strings.Join(args, " "), err, out, errOut)
	}
	return out, errOut
}

// prepareLikeOracle sets the export up as the corpus's oracle run set the original up (see the
// corpora README): an empty folder for the theme and a stub for each shortcode the theme gave.
func prepareLikeOracle(t testing.TB, corpus, site string) {
	t.Helper()
	log := readFile(t, filepath.Join(corpus, "hugo-oracle.log"))
	_, block, ok := strings.Cut(log, "## shortcode stubs placed in the throwaway site\n")
	if !ok {
		t.Fatal("oracle log names no shortcode stubs")
	}
	var stubs map[string]struct {
		HasInner bool `json:"stub_has_inner"`
	}
	if err := json.NewDecoder(strings.NewReader(block)).Decode(&stubs); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(site, "layouts", "shortcodes")
	os.MkdirAll(dir, 0o755)
	for name, s := range stubs {
		body := ""
		if s.HasInner {
			body = "{{ .Inner }}"
		}
		os.WriteFile(filepath.Join(dir, name+".html"), []byte(body), 0o644)
	}
	if m := regexp.MustCompile(`(?m)^theme = '([^']+)'`).FindStringSubmatch(readFile(t, filepath.Join(site, "config.toml"))); m != nil {
		os.MkdirAll(filepath.Join(site, "themes", m[1]), 0o755)
	}
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

func assertSameRows(t testing.TB, what string, got, want map[string][]string) {
	t.Helper()
	bad := 0
	for k, w := range want {
		if g, ok := got[k]; !ok || strings.Join(g, "\x00") != strings.Join(w, "\x00") {
			if bad++; bad <= 5 {
				t.Errorf("%s: row %s:\n got  %q\n want %q", what, k, g, w)
			}
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			if bad++; bad <= 5 {
				t.Errorf("%s: extra row %s", what, k)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d rows differ of %d", what, bad, len(want))
	}
}

// assertSameHTML compares every article's rendered HTML in two data directories, by source path.
func assertSameHTML(t testing.TB, first, second string) {
	t.Helper()
	a, b := articlesByPath(t, first), articlesByPath(t, second)
	if len(a) != len(b) {
		t.Errorf("%d articles after the round trip, %d before", len(b), len(a))
	}
	bad := 0
	for p, x := range a {
		y, ok := b[p]
		if !ok || x.BodyHTML != y.BodyHTML || x.SummaryHTML != y.SummaryHTML || x.Permalink != y.Permalink {
			if bad++; bad <= 5 {
				t.Errorf("%s: HTML or URL differs after the round trip", p)
			}
		}
	}
}

// assertSameListPages compares the list pages of two data directories, every field but the id.
func assertSameListPages(t testing.TB, first, second string) {
	t.Helper()
	a, err := openDataDir(t, first).ListPages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := openDataDir(t, second).ListPages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d list pages after the round trip, %d before", len(b), len(a))
	}
	for i := range a {
		a[i].ID, b[i].ID = 0, 0
		if !reflect.DeepEqual(a[i], b[i]) {
			t.Errorf("list page %s differs after the round trip:\n got  %+v\n want %+v", a[i].SourcePath, b[i], a[i])
		}
	}
}

func openDataDir(t testing.TB, dir string) *data.Store {
	t.Helper()
	store, _, err := openStore(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

func articlesByPath(t testing.TB, dir string) map[string]data.Article {
	t.Helper()
	all, err := openDataDir(t, dir).AllArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]data.Article{}
	for _, a := range all {
		out[a.SourcePath] = a
	}
	return out
}
