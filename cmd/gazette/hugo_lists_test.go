package main

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// listsSite is a small site that shows how Hugo 0.111 fills lists: nested sections (a folder
// with an _index file is a section of its own; one without is not), a tag spelled in several
// cases in files whose order by path, by Hugo's page tree and by date all differ, and terms
// that list pages name (an _index file with tags).
var listsSite = map[string]string{
	"config.toml":                     "baseURL = \"https://example.org/\"\ntitle = \"T\"\npaginate = 2\n",
	"content/post/a.md":               "---\ntitle: A\ndate: 2023-01-02\ntags: [go]\n---\na\n",
	"content/post/b.md":               "---\ntitle: B\ndate: 2023-01-01\ntags: [Go, Mixed]\n---\nb\n",
	"content/post/c.md":               "---\ntitle: C\ndate: 2023-01-03\ntags: [mixed]\n---\nc\n",
	"content/aa/sub/_index.md":        "---\ntitle: Sub\n---\n",
	"content/aa/sub/b.md":             "---\ntitle: AB\ndate: 2020-01-01\ntags: [Alpha]\n---\nx\n",
	"content/aa/zed.md":               "---\ntitle: AZ\ndate: 2020-01-02\ntags: [alpha]\n---\nx\n",
	"content/bb/Sub/b.md":             "---\ntitle: BB\ndate: 2020-01-01\ntags: [Beta]\n---\nx\n",
	"content/bb/sa.md":                "---\ntitle: BS\ndate: 2020-01-02\ntags: [BETA]\n---\nx\n",
	"content/bb/Zz.md":                "---\ntitle: BZ\ndate: 2020-01-03\ntags: [Gamma]\n---\nx\n",
	"content/bb/aa.md":                "---\ntitle: BA\ndate: 2020-01-04\ntags: [gamma]\n---\nx\n",
	"content/cn/_index.md":            "---\ntitle: CN\ntags: [listonly, Mixed]\n---\nAbout China.\n",
	"content/cn/x.md":                 "---\ntitle: X\ndate: 2023-02-01\n---\nx\n",
	"content/cn/kids/_index.md":       "---\ntitle: Kids\n---\n",
	"content/cn/kids/y.md":            "---\ntitle: Y\ndate: 2023-02-02\n---\ny\n",
	"content/cn/kids/deeper/z.md":     "---\ntitle: Z\ndate: 2023-02-03\n---\nz\n",
	"content/cn/other/w.md":           "---\ntitle: W\ndate: 2023-02-04\n---\nw\n",
	"content/cn/kids/older/_index.md": "---\ntitle: Older kids\n---\n",
	"content/cn/kids/older/v.md":      "---\ntitle: V\ndate: 2023-02-05\n---\nv\n",
}

// hugoListLayouts write what a reader of each Hugo page sees of its lists: a list's kind,
// title and entries (as Mainroad's paginated lists show them), the taxonomy's terms with
// their titles and counts, and an article's terms as its tag list names them.
var hugoListLayouts = map[string]string{
	"_default/list.html":   "{{ .Kind }}|{{ .Title }}\n{{ range .Paginator.Pages }}{{ .RelPermalink }}\n{{ end }}",
	"_default/terms.html":  "{{ .Kind }}|{{ .Title }}\n{{ range .Data.Terms.Alphabetical }}{{ .Page.Title }}|{{ .Count }}|{{ .Page.RelPermalink }}\n{{ end }}",
	"_default/single.html": "page|{{ .Title }}\n{{ range .GetTerms \"tags\" }}{{ .LinkTitle }}|{{ .RelPermalink }}\n{{ end }}",
	"index.html":           "home|\n",
}

// TestListsAsHugoBuildsThem builds listsSite with Hugo 0.111 and asks Gazette, with the same
// site imported, for every section, term and taxonomy page and feed Hugo wrote (each page
// of each): the same entries in the same order, the same term titles and counts, and the
// same term names on every article.
func TestListsAsHugoBuildsThem(t *testing.T) {
	hugo := hugoBinary(t)
	site := filepath.Join(t.TempDir(), "site")
	for p, text := range listsSite {
		writeTestFile(t, filepath.Join(site, p), text)
	}
	built := filepath.Join(t.TempDir(), "built")
	if err := os.CopyFS(built, os.DirFS(site)); err != nil {
		t.Fatal(err)
	}
	for p, text := range hugoListLayouts {
		writeTestFile(t, filepath.Join(built, "layouts", p), text+"\n")
	}
	public := filepath.Join(t.TempDir(), "public")
	if out, err := exec.Command(hugo, "--source", built, "--destination", public, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	ts := newImportedSite(t, site)
	compared := 0
	filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		u := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		text := readFile(t, p)
		switch {
		case strings.HasSuffix(u, "index.xml"):
			if u != "/index.xml" && !strings.HasPrefix(u, "/tags/index") && !strings.HasPrefix(u, "/categories/") {
				compareFeed(t, ts.Server.URL, u, text)
				compared++
			}
		case strings.HasPrefix(text, "section|"), strings.HasPrefix(text, "term|"):
			compareList(t, ts.Server.URL, u, text)
			compared++
		case strings.HasPrefix(text, "taxonomy|") && !strings.Contains(u, "/page/"):
			compareTerms(t, ts.Server.URL, u, text)
			compared++
		case strings.HasPrefix(text, "page|"):
			compareArticleTerms(t, ts.Server.URL, u, text)
			compared++
		}
		return nil
	})
	if compared < 30 {
		t.Errorf("compared %d of Hugo's pages, want every list, feed and article", compared)
	}
}

func writeTestFile(t *testing.T, p, text string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// gazettePage fetches a page (following a redirect, as /x/page/1/ → /x/) and parses it.
func gazettePage(t *testing.T, base, u string) *goquery.Document {
	t.Helper()
	resp, err := http.Get(base + u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("%s: %s", u, resp.Status)
	}
	d, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// compareList: a section's or term's page lists Hugo's entries, in Hugo's order, under the
// heading Hugo gives it.
func compareList(t *testing.T, base, u, hugoText string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(hugoText), "\n")
	_, title, _ := strings.Cut(lines[0], "|")
	d := gazettePage(t, base, u)
	var got []string
	d.Find(`[data-testid="list-item"] h2 a`).Each(func(_ int, a *goquery.Selection) {
		got = append(got, a.AttrOr("href", ""))
	})
	if want := lines[1:]; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%s lists %q, Hugo %q", u, got, want)
	}
	// A section without an _index file: Hugo 0.111 makes a title up, plural ("Posts" for post/,
	// pluralizeListTitles); Gazette keeps the folder's name ("Post"). Not compared.
	section := strings.TrimSuffix(regexp.MustCompile(`page/\d+/$`).ReplaceAllString(u, ""), "/")
	if _, own := listsSite["content"+section+"/_index.md"]; strings.HasPrefix(lines[0], "section|") && !own {
		return
	}
	if h := strings.TrimSpace(d.Find(`[data-testid="list-heading"]`).Text()); h != title {
		t.Errorf("%s is titled %q, Hugo %q", u, h, title)
	}
}

var feedLink = regexp.MustCompile(`<item>\s*<title>[^<]*</title>\s*<link>https://example\.org([^<]*)</link>`)

// compareFeed: a section's or term's RSS feed has Hugo's items in Hugo's order.
func compareFeed(t *testing.T, base, u, hugoText string) {
	t.Helper()
	resp, err := http.Get(base + u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	io := make([]byte, 1<<16)
	for {
		n, err := resp.Body.Read(io)
		b.Write(io[:n])
		if err != nil {
			break
		}
	}
	links := func(s string) (out []string) {
		for _, m := range feedLink.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		return out
	}
	if got, want := links(b.String()), links(hugoText); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("feed %s has %q, Hugo %q", u, got, want)
	}
	// The feed's title, where the list has a title of its own (see compareList).
	title := regexp.MustCompile(`<channel[^>]*>[\s\S]*?<title>([^<]*)</title>`)
	hugoTitle, gotTitle := title.FindStringSubmatch(hugoText), title.FindStringSubmatch(b.String())
	dir := strings.TrimSuffix(u, "index.xml")
	_, own := listsSite["content"+dir+"_index.md"]
	if own || strings.HasPrefix(u, "/tags/") {
		if hugoTitle == nil || gotTitle == nil || hugoTitle[1] != gotTitle[1] {
			t.Errorf("feed %s is titled %q, Hugo %q", u, gotTitle, hugoTitle)
		}
	}
}

// compareTerms: the taxonomy page names Hugo's terms with Hugo's titles and counts.
func compareTerms(t *testing.T, base, u, hugoText string) {
	t.Helper()
	d := gazettePage(t, base, u)
	got := map[string]string{}
	d.Find(`[data-testid="terms"] li`).Each(func(_ int, li *goquery.Selection) {
		a := li.Find("a")
		got[a.AttrOr("href", "")] = strings.TrimSpace(a.Text()) + "|" + strings.TrimSpace(li.Find(`[data-testid="count"]`).Text())
	})
	lines := strings.Split(strings.TrimSpace(hugoText), "\n")[1:]
	for _, line := range lines {
		parts := strings.Split(line, "|")
		if g := got[parts[2]]; g != parts[0]+"|"+parts[1] {
			t.Errorf("%s shows %s as %q, Hugo %q", u, parts[2], g, parts[0]+"|"+parts[1])
		}
	}
	if len(got) != len(lines) {
		t.Errorf("%s names %d terms, Hugo %d", u, len(got), len(lines))
	}
}

// compareArticleTerms: an article's tag list names its terms as Hugo's does (the term's
// title, which the first page in Hugo's order gave it, whatever the article wrote).
func compareArticleTerms(t *testing.T, base, u, hugoText string) {
	t.Helper()
	d := gazettePage(t, base, u)
	got := map[string]string{}
	d.Find(`a[href^="/tags/"]`).Each(func(_ int, a *goquery.Selection) {
		got[a.AttrOr("href", "")] = strings.TrimSpace(a.Text())
	})
	for _, line := range strings.Split(strings.TrimSpace(hugoText), "\n")[1:] {
		name, href, _ := strings.Cut(line, "|")
		if g, ok := got[href]; !ok || !strings.EqualFold(g, name) || g != name && strings.TrimPrefix(g, "#") != name {
			t.Errorf("%s names tag %s %q, Hugo %q", u, href, g, name)
		}
	}
}
