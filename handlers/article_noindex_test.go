package handlers

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gazette/content"
	"gazette/data"
	"gazette/hugosite"
)

// TestRobotsNoIndex: PaperMod's `robotsNoIndex` keeps an article out of search engines while
// readers still reach it. Only the page's own word counts (a site param does not), an editor
// sets it with one box, and an export carries it to Hugo and back.
func TestRobotsNoIndex(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, map[string]string{
		"config.toml":          "baseURL = \"https://news.example/\"\ntitle = \"News\"\n[params]\nrobotsNoIndex = true\n",
		"content/post/hide.md": "---\ntitle: Hide\ndate: 2024-03-01T10:00:00Z\nrobotsNoIndex: true\n---\nA court order.\n",
		"content/post/show.md": "+++\ntitle = \"Show\"\ndate = 2024-03-02T10:00:00Z\n+++\nThe news.\n",
	})
	noindex := func(path string) bool {
		t.Helper()
		resp := ts.get(t, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return doc(t, resp).Find(`head meta[name=robots][content=noindex]`).Length() == 1
	}
	if !noindex("/post/hide/") || noindex("/post/show/") {
		t.Errorf("noindex: hide %v (want true), show %v (want false: the site's param is no page's word)", noindex("/post/hide/"), noindex("/post/show/"))
	}
	inSitemap := func(path string) bool {
		t.Helper()
		resp := ts.get(t, "/sitemap.xml")
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return strings.Contains(string(body), "<loc>https://news.example"+path+"</loc>")
	}
	if inSitemap("/post/hide/") || !inSitemap("/post/show/") {
		t.Errorf("sitemap: hide listed %v (want false: its page says noindex), show listed %v (want true)", inSitemap("/post/hide/"), inSitemap("/post/show/"))
	}

	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	show := articleAt(t, ts, "content/post/show.md")
	edit := "/admin/articles/" + strconv.FormatInt(show.ID, 10)
	_, d := c.page(edit)
	if box := d.Find(`input[type=checkbox][name=robotsNoIndex]`); box.Length() != 1 || !strings.Contains(box.Parent().Text(), "search engines") {
		t.Fatalf("the form's noindex box: %d, %q", box.Length(), box.Parent().Text())
	}
	form := readForm(d.Find("form[data-testid=article-form]"))
	form.Set("action", "save")
	form.Set("robotsNoIndex", "on")
	if resp, d := c.postMultipart(edit, form, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", resp.StatusCode, d.Find(".field-error").Text())
	}
	if !noindex("/post/show/") || inSitemap("/post/show/") {
		t.Error("ticking the box must keep the article out of search engines and the sitemap")
	}
	if got := articleAt(t, ts, "content/post/show.md").FrontMatterText; !strings.Contains(got, "\nrobotsNoIndex = true\n") {
		t.Errorf("the box must write the key into the TOML as written:\n%s", got)
	}

	dir := t.TempDir()
	if _, err := hugosite.Export(context.Background(), ts.store, ts.media, hugosite.DirWriter{Root: dir}); err != nil {
		t.Fatal(err)
	}
	site, err := content.LoadSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	again := 0
	for _, p := range site.Pages {
		if strings.HasSuffix(p.Article.SourcePath, "post/show.md") || strings.HasSuffix(p.Article.SourcePath, "post/hide.md") {
			again++
			if !content.FlagOn(&p.Article, "robotsNoIndex", nil) {
				t.Errorf("%s lost robotsNoIndex in the export", p.Article.SourcePath)
			}
		}
	}
	if again != 2 {
		t.Errorf("the export holds %d of the two articles (%s)", again, filepath.Join(dir, "content", "post"))
	}
}
