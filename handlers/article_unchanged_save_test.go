package handlers

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gazette/data"
)

// damageSite is the table in one small Hugo site: a param shortcode, a page-level
// mathjaxPath, a ref to another page and the site's hardWraps.
var damageSite = map[string]string{
	"config.toml": "baseURL = \"https://example.org/\"\ntitle = \"Damage\"\n[markup.goldmark.renderer]\n  hardWraps = true\n",
	"content/post/one.md": "---\ntitle: One\ndate: 2024-03-01T10:00:00+01:00\nvenue: City Hall\nmathjax: true\nmathjaxPath: /js/mathjax.js\n" +
		"tags: [Council]\n---\nMeet at {{< param \"venue\" >}}.\n\nLine one.\nLine two.\n\nSee [two]({{< ref \"two.md\" >}}).\n",
	"content/post/two.md": "+++\ntitle = \"Two\"\ndate = 2024-03-02T10:00:00Z\n+++\nThe second.\n",
}

// TestUnchangedDeskSaveKeepsImportedArticle opens an imported article in the desk and saves it
// without touching a field: front matter, HTML and URLs must stay as the import made them.
func TestUnchangedDeskSaveKeepsImportedArticle(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, damageSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	one := articleAt(t, ts, "content/post/one.md")

	page := readerPage(t, ts, one.Permalink)
	for _, want := range []string{"Meet at City Hall.", "Line one.<br", `href="/post/two/"`, `src="/js/mathjax.js?`} {
		if !strings.Contains(page, want) {
			t.Errorf("after import the page lacks %q", want)
		}
	}
	saveUnchanged(t, c, one.ID)
	after := articleAt(t, ts, "content/post/one.md")
	assertSameArticle(t, one, after)
	if got := readerPage(t, ts, one.Permalink); withoutTokens(got) != withoutTokens(page) {
		t.Errorf("the reader page changed after an unchanged save:\n%s", firstDifference(page, got))
	}
}

// articleAt loads the stored article of a source path.
func articleAt(t testing.TB, ts *testServer, sourcePath string) data.Article {
	t.Helper()
	all, err := ts.store.AllArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if a.SourcePath == sourcePath {
			full, err := ts.store.Article(context.Background(), a.ID)
			if err != nil {
				t.Fatal(err)
			}
			return full
		}
	}
	t.Fatalf("no article at %s", sourcePath)
	return data.Article{}
}

func readerPage(t testing.TB, ts *testServer, path string) string {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	return string(b)
}

// saveUnchanged submits the article's edit form exactly as the desk filled it.
func saveUnchanged(t testing.TB, c *deskClient, id int64) {
	t.Helper()
	edit := "/admin/articles/" + strconv.FormatInt(id, 10)
	_, d := c.page(edit)
	form := readForm(d.Find("form[data-testid=article-form]"))
	form.Set("action", "save")
	resp, d := c.postMultipart(edit, form, "", "", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save %s: %d %s %s", edit, resp.StatusCode, d.Find("[data-testid=form-message]").Text(), d.Find(".field-error").Text())
	}
}

// assertSameArticle compares what readers and exports get of an article: its front matter as
// data, rendered HTML and every URL.
func assertSameArticle(t testing.TB, before, after data.Article) {
	t.Helper()
	if !reflect.DeepEqual(before.FrontMatter, after.FrontMatter) {
		t.Errorf("%s: front matter changed:\n before %v\n after  %v", before.SourcePath, before.FrontMatter, after.FrontMatter)
	}
	for _, f := range []struct{ name, b, a string }{
		{"body HTML", before.BodyHTML, after.BodyHTML}, {"summary HTML", before.SummaryHTML, after.SummaryHTML},
		{"permalink", before.Permalink, after.Permalink}, {"aliases", strings.Join(before.Aliases, " "), strings.Join(after.Aliases, " ")},
		{"thumbnail", before.Thumbnail, after.Thumbnail}, {"section", before.Section, after.Section},
		{"terms", termKeys(before), termKeys(after)}, {"lang", before.Lang, after.Lang},
		{"translation key", before.TranslationKey, after.TranslationKey},
	} {
		if f.b != f.a {
			t.Errorf("%s: %s changed:\n before %q\n after  %q", before.SourcePath, f.name, f.b, f.a)
		}
	}
}

func termKeys(a data.Article) string {
	var b strings.Builder
	for _, t := range a.Terms {
		b.WriteString(t.Taxonomy + "/" + t.Key + "=" + t.Name + " ")
	}
	return b.String()
}

// commentToken is the comment form's one-use token, new on every page view.
var commentToken = regexp.MustCompile(`name="token" value="[^"]*"`)

func withoutTokens(page string) string { return commentToken.ReplaceAllString(page, `name="token"`) }

// firstDifference shows where two texts part, with some context.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(i-80, 0)
	return "before …" + a[from:min(i+80, len(a))] + "…\nafter  …" + b[from:min(i+80, len(b))] + "…"
}

// TestDeskEditChangesOnlyItsKeys: a changed title is written into the front matter as written;
// every other key, their order and the TOML format stay.
func TestDeskEditChangesOnlyItsKeys(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, damageSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	for _, f := range []struct{ path, want string }{
		{"content/post/one.md", "---\ntitle: One, revised\ndate: 2024-03-01T10:00:00+01:00\nvenue: City Hall\nmathjax: true\nmathjaxPath: /js/mathjax.js\ntags: [Council]\nlastmod: \"2026-11-27T12:00:00Z\"\n---\n"},
		{"content/post/two.md", "+++\ntitle = 'Two, revised'\ndate = 2024-03-02T10:00:00Z\nlastmod = '2026-11-27T12:00:00Z'\n+++\n"},
	} {
		a := articleAt(t, ts, f.path)
		edit := "/admin/articles/" + strconv.FormatInt(a.ID, 10)
		_, d := c.page(edit)
		form := readForm(d.Find("form[data-testid=article-form]"))
		form.Set("action", "save")
		form.Set("title", a.Title+", revised")
		if resp, d := c.postMultipart(edit, form, "", "", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d %s", resp.StatusCode, d.Find(".field-error").Text())
		}
		after := articleAt(t, ts, f.path)
		if after.FrontMatterText != f.want {
			t.Errorf("%s front matter:\n%s\nwant\n%s", f.path, after.FrontMatterText, f.want)
		}
		if after.Permalink != a.Permalink || after.BodyHTML != a.BodyHTML {
			t.Errorf("%s: URL or HTML changed with the title: %s %q", f.path, after.Permalink, after.BodyHTML)
		}
	}
}
