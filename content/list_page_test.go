package content

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gazette/data"
)

// TestListPagesAgreeWithHugo compares every _index file Gazette reads with the page Hugo 0.111
// built from it (the corpora's hugo-pages.jsonl): kind, language, URL, title and description.
func TestListPagesAgreeWithHugo(t *testing.T) {
	dir := corporaDir(t)
	for _, name := range []string{"xmr-ru__xmr_ru", "ropensci__roweb3", "sky-bro__blog-src"} {
		t.Run(name, func(t *testing.T) {
			site, err := LoadSite(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]data.ListPage{}
			for _, lp := range site.ListPages {
				got[lp.SourcePath] = lp
			}
			want := oracleListPages(t, filepath.Join(dir, name, "hugo-pages.jsonl"))
			bad := 0
			for file, w := range want {
				g, ok := got[file]
				switch {
				case !ok:
					t.Errorf("%s: not read as a list page (Hugo: %s %s)", file, w.Kind, w.RelPermalink)
				case g.Kind != w.Kind || g.Lang != w.Lang || !samePermalink(g, w.RelPermalink) || g.Description != w.Description ||
					(g.Title != "" && g.Title != w.Title):
					t.Errorf("%s:\n got  %s %s %s %q %q\n want %s %s %s %q %q", file, g.Kind, g.Lang, g.Permalink, g.Title, g.Description,
						w.Kind, w.Lang, w.RelPermalink, w.Title, w.Description)
				default:
					continue
				}
				if bad++; bad > 10 {
					t.Fatal("too many differences")
				}
			}
			for file := range got {
				if _, ok := want[file]; !ok {
					t.Errorf("%s: read as a list page, Hugo built none from it", file)
				}
			}
			t.Logf("%d list pages, as Hugo built them", len(want))
		})
	}
}

// samePermalink: Hugo's relPermalink is escaped, and is the first output format's (a list page
// whose `outputs` name no HTML answers with its feed).
func samePermalink(g data.ListPage, want string) bool {
	rest, ok := strings.CutPrefix(want, EscapePath(g.Permalink))
	return ok && (rest == "" || strings.HasPrefix(rest, "index.") && !hasHTMLOutput(g.FrontMatter))
}

func hasHTMLOutput(fm map[string]any) bool {
	list, ok := lowerKeys(fm).(map[string]any)["outputs"].([]any)
	if !ok {
		return true
	}
	for _, o := range list {
		if s, _ := o.(string); strings.EqualFold(s, "html") {
			return true
		}
	}
	return false
}

type oraclePage struct {
	File, Kind, Lang, RelPermalink, Title, Description string
}

func oracleListPages(t *testing.T, file string) map[string]oraclePage {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]oraclePage{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var p oraclePage
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if p.File != "" && p.Kind != "page" {
			out[p.File] = p
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
