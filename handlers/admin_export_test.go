package handlers

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/hugosite"
)

// TestExportDeskArticleComesBack: an article written in the desk, exported as a Hugo site and
// imported into a fresh store, is the same article at the same URL, written as a Mainroad file.
func TestExportDeskArticleComesBack(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	form := articleForm(c.token("/admin/articles/new"), "Harbour ferry returns", "The ferry is **back**.\n\nSee [the port](/news/).")
	form.Set("tags", "Ferries, Harbour")
	form.Set("categories", "Transport")
	form.Set("summary", "The ferry is back.")
	id := saveNew(t, c, form, "publish")
	orig, err := ts.store.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	if _, err := hugosite.Export(context.Background(), ts.store, ts.media, hugosite.DirWriter{Root: dir}); err != nil {
		t.Fatal(err)
	}
	file := readTestFile(t, filepath.Join(dir, "content", "news", "harbour-ferry-returns.md"))
	for _, want := range []string{"---\ntitle: Harbour ferry returns\ndate: ", "\ncategories:\n  - Transport\n", "\nwidgets: []\n", "The ferry is **back**."} {
		if !strings.Contains(file, want) {
			t.Errorf("exported file lacks %q:\n%s", want, file)
		}
	}

	site, err := content.LoadSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	store, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "again.db"), func() time.Time { return ts.clock.Now() })
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	media, err := data.NewMediaDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hugosite.Import(context.Background(), store, media, site); err != nil {
		t.Fatal(err)
	}
	target, err := store.ResolvePath(context.Background(), orig.Permalink)
	if err != nil {
		t.Fatalf("nothing at %s after the round trip: %v", orig.Permalink, err)
	}
	back, err := store.Article(context.Background(), target.ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ name, a, b string }{
		{"title", orig.Title, back.Title}, {"HTML", orig.BodyHTML, back.BodyHTML}, {"summary", orig.SummaryHTML, back.SummaryHTML},
		{"lang", orig.Lang, back.Lang}, {"section", orig.Section, back.Section}, {"terms", termKeys(orig), termKeys(back)},
		{"date", orig.Date.String(), back.Date.String()}, {"publish date", orig.PublishDate.String(), back.PublishDate.String()},
	} {
		if f.a != f.b {
			t.Errorf("%s: %q, was %q", f.name, f.b, f.a)
		}
	}
	for k, v := range orig.FrontMatter {
		a, _ := json.Marshal(v)
		b, _ := json.Marshal(back.FrontMatter[k])
		if string(a) != string(b) {
			t.Errorf("front matter %s = %s, was %s", k, b, a)
		}
	}
}

// TestExportDownload: admins download the export as a .tar.gz; editors and strangers cannot.
func TestExportDownload(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, damageSite)
	addEditor(t, ts, "admin@example.com", data.RoleAdmin)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	if resp := ts.get(t, "/admin/export.tar.gz"); resp.StatusCode == http.StatusOK {
		t.Errorf("a stranger got the export")
	}
	ed := newDeskClient(t, ts)
	ed.login("ed@example.com", testPassword)
	if resp, _ := ed.page("/admin/export.tar.gz"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an editor got %d, want 403", resp.StatusCode)
	}
	admin := newDeskClient(t, ts)
	admin.login("admin@example.com", testPassword)
	resp, err := admin.http.Get(ts.URL + "/admin/export.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/gzip" {
		t.Fatalf("admin download: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	gz, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	files := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		files[h.Name] = string(b)
	}
	if files["content/post/one.md"] != damageSite["content/post/one.md"] || files["content/post/two.md"] != damageSite["content/post/two.md"] {
		t.Errorf("articles not exported as written: %q", files["content/post/one.md"])
	}
	if !strings.Contains(files["config.toml"], "hardwraps = true") {
		t.Errorf("config lacks hardWraps:\n%s", files["config.toml"])
	}
}

func readTestFile(t testing.TB, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExportReimportIntoSameStore: importing an export back into the store it came from (a
// newsroom that edited its Hugo copy) updates the desk-written article instead of adding it a
// second time; importing it again changes nothing.
func TestExportReimportIntoSameStore(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	id := saveNew(t, c, articleForm(c.token("/admin/articles/new"), "Harbour ferry returns", "The ferry is back."), "publish")
	before, err := ts.store.AllArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := hugosite.Export(context.Background(), ts.store, ts.media, hugosite.DirWriter{Root: dir}); err != nil {
		t.Fatal(err)
	}
	for round := 1; round <= 2; round++ {
		site, err := content.LoadSite(dir)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := hugosite.Import(context.Background(), ts.store, ts.media, site)
		if err != nil {
			t.Fatal(err)
		}
		after, err := ts.store.AllArticles(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(before) || rep.Imported != 0 {
			t.Fatalf("import %d of the export: %d articles, were %d (%+v)", round, len(after), len(before), rep)
		}
		a, err := ts.store.Article(context.Background(), id)
		if err != nil || a.SourcePath != "content/news/harbour-ferry-returns.md" || a.Title != "Harbour ferry returns" {
			t.Fatalf("import %d: the desk article is %q %q (%v), want it at the exported file's path", round, a.SourcePath, a.Title, err)
		}
		if resp := ts.get(t, a.Permalink); resp.StatusCode != http.StatusOK {
			t.Errorf("import %d: %s answers %d", round, a.Permalink, resp.StatusCode)
		}
	}
}
