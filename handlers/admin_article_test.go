package handlers

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"gazette/data"
	"gazette/editing"
	"gazette/reader"
)

// editorSession is a test server with one logged-in editor.
func editorSession(t *testing.T) (*testServer, *deskClient) {
	t.Helper()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	return ts, c
}

// saveNew posts a new article and returns its id.
func saveNew(t *testing.T, c *deskClient, form url.Values, action string) int64 {
	t.Helper()
	form.Set("action", action)
	resp, d := c.postMultipart("/admin/articles/new", form, "", "", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save %s: %d %s %s", action, resp.StatusCode, d.Find("[data-testid=form-message]").Text(), d.Find(".field-error").Text())
	}
	loc := resp.Header.Get("Location")
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.Split(loc, "?")[0], "/admin/articles/"), 10, 64)
	if err != nil {
		t.Fatalf("redirect %q", loc)
	}
	return id
}

func TestArticleDraftPublishScheduleUnpublish(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	csrf := c.token("/admin/articles/new")
	form := articleForm(csrf, "Harbour <script>alert(1)</script> reopens", "The **harbour** reopens.\n\n<script>alert(2)</script>")
	form.Set("tags", "Harbour, Boats")
	form.Set("categories", "News")
	id := saveNew(t, c, form, "draft")
	a, _ := ts.store.Article(context.Background(), id)
	if a.Permalink != "/news/harbour-scriptalert1-script-reopens/" || !a.Draft {
		t.Fatalf("draft: permalink %q draft %v", a.Permalink, a.Draft)
	}
	if resp := ts.get(t, a.Permalink); resp.StatusCode != http.StatusNotFound {
		t.Errorf("draft visible to readers: %d", resp.StatusCode)
	}
	// Publish now: readers see it, with no script anywhere.
	_, d := c.page("/admin/articles/" + strconv.FormatInt(id, 10))
	form = formFromPage(t, d)
	form.Set("slug", "harbour-reopens")
	form.Set("action", "publish")
	resp, d := c.postMultipart("/admin/articles/"+strconv.FormatInt(id, 10), form, "", "", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", resp.StatusCode, d.Find(".field-error").Text())
	}
	page := ts.get(t, "/news/harbour-reopens/")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("published article: %d", page.StatusCode)
	}
	pd := doc(t, page)
	if html, _ := pd.Html(); strings.Contains(html, "<script>alert") {
		t.Error("script from a field reached the reader page")
	}
	if got := pd.Find("h1.post__title").Text(); got != "Harbour <script>alert(1)</script> reopens" {
		t.Errorf("title %q", got)
	}
	// The old URL (the draft's slug) was never public, but it redirects like any moved article.
	if resp := ts.get(t, "/news/harbour-scriptalert1-script-reopens/"); resp.StatusCode != http.StatusMovedPermanently ||
		resp.Header.Get("Location") != "/news/harbour-reopens/" {
		t.Errorf("old URL: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Unpublish: gone for readers at once.
	_, d = c.page("/admin/articles/" + strconv.FormatInt(id, 10))
	form = formFromPage(t, d)
	form.Set("action", "unpublish")
	if resp, _ := c.postMultipart("/admin/articles/"+strconv.FormatInt(id, 10), form, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish: %d", resp.StatusCode)
	}
	if resp := ts.get(t, "/news/harbour-reopens/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unpublished article still served: %d", resp.StatusCode)
	}
	// Schedule for tomorrow: appears when the time comes, without a restart.
	_, d = c.page("/admin/articles/" + strconv.FormatInt(id, 10))
	form = formFromPage(t, d)
	form.Set("publish_date", ts.clock.Now().Add(24*time.Hour).Format(editing.FormTime))
	form.Set("action", "schedule")
	if resp, d := c.postMultipart("/admin/articles/"+strconv.FormatInt(id, 10), form, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("schedule: %d %s", resp.StatusCode, d.Find(".field-error").Text())
	}
	if resp := ts.get(t, "/news/harbour-reopens/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("scheduled article served early: %d", resp.StatusCode)
	}
	_, d = c.page("/admin/?status=scheduled")
	// basicSite has one scheduled article of its own.
	if d.Find("[data-testid=article-row]").Length() != 2 || d.Find("[data-testid=count-scheduled] span").Text() != "2" {
		t.Errorf("scheduled list/count wrong: %d rows, count %q", d.Find("[data-testid=article-row]").Length(), d.Find("[data-testid=count-scheduled] span").Text())
	}
	ts.clock.Add(24*time.Hour + time.Minute)
	if resp := ts.get(t, "/news/harbour-reopens/"); resp.StatusCode != http.StatusOK {
		t.Errorf("scheduled article did not appear on time: %d", resp.StatusCode)
	}
	revs, _ := ts.store.Revisions(context.Background(), id)
	if len(revs) != 4 {
		t.Errorf("%d revisions, want 4 (draft, publish, unpublish, schedule)", len(revs))
	}
}

// formFromPage reads the article form as a browser would submit it.
func formFromPage(t *testing.T, d *goquery.Document) url.Values {
	t.Helper()
	return readForm(d.Find("[data-testid=article-form]"))
}

func TestArticleValidationKeepsInput(t *testing.T) {
	t.Parallel()
	_, c := editorSession(t)
	csrf := c.token("/admin/articles/new")
	long := strings.Repeat("x", 301)
	cases := map[string]struct {
		field, value, errField string
	}{
		"empty title":     {"title", "   ", "title"},
		"huge title":      {"title", long, "title"},
		"slug with slash": {"slug", "a/b", "slug"},
		"slug with dots":  {"slug", "..", "slug"},
		"odd slug":        {"slug", "héllo wörld!", "slug"},
		"bad date":        {"date", "27/11/2026", "date"},
		"bad expiry":      {"expiry_date", "tomorrow", "expiry_date"},
		"bad section":     {"section", "admin", "section"},
		"bad alias":       {"aliases", "../etc", "aliases"},
		"script thumb":    {"thumbnail", "javascript:alert(1)", "thumbnail"},
		"bad language":    {"lang", "xx", "lang"},
		"bad widget":      {"widget.search", "zero", "widgets"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			form := articleForm(csrf, "A fine title", "Body text that must survive.")
			form.Set(tc.field, tc.value)
			form.Set("action", "draft")
			resp, d := c.postMultipart("/admin/articles/new", form, "", "", nil)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if d.Find("[data-testid=error-"+tc.errField+"]").Length() != 1 {
				t.Errorf("no message next to %s; messages: %q", tc.errField, d.Find(".field-error").Text())
			}
			if got := d.Find("textarea[name=body]").Text(); got != "Body text that must survive." {
				t.Errorf("body lost: %q", got)
			}
		})
	}
}

func TestDuplicateSlugSuggestsFreeOne(t *testing.T) {
	t.Parallel()
	_, c := editorSession(t)
	csrf := c.token("/admin/articles/new")
	saveNew(t, c, articleForm(csrf, "Storm warning", "one"), "publish")
	form := articleForm(csrf, "Storm warning", "two")
	form.Set("action", "publish")
	resp, d := c.postMultipart("/admin/articles/new", form, "", "", nil)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("duplicate slug: %d", resp.StatusCode)
	}
	if msg := d.Find("[data-testid=error-slug]").Text(); !strings.Contains(msg, `"storm-warning-2"`) {
		t.Errorf("slug message %q", msg)
	}
	// An imported article's URL is taken too.
	form = articleForm(csrf, "One", "x")
	form.Set("section", "post")
	form.Set("action", "draft")
	if resp, _ := c.postMultipart("/admin/articles/new", form, "", "", nil); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("slug of an imported article: %d", resp.StatusCode)
	}
}

func TestConcurrentEditConflict(t *testing.T) {
	t.Parallel()
	ts, alice := editorSession(t)
	addEditor(t, ts, "bob@example.com", data.RoleEditor)
	bob := newDeskClient(t, ts)
	bob.login("bob@example.com", testPassword)
	id := saveNew(t, alice, articleForm(alice.token("/admin/articles/new"), "Budget", "Line one.\nLine two."), "draft")
	path := "/admin/articles/" + strconv.FormatInt(id, 10)
	_, da := alice.page(path)
	_, db := bob.page(path)
	fa, fb := formFromPage(t, da), formFromPage(t, db)
	fa.Set("body", "Line one.\nAlice's line.")
	fa.Set("action", "save")
	if resp, _ := alice.postMultipart(path, fa, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("alice saves: %d", resp.StatusCode)
	}
	fb.Set("body", "Line one.\nBob's line.")
	fb.Set("action", "save")
	resp, d := bob.postMultipart(path, fb, "", "", nil)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("bob's stale save: %d", resp.StatusCode)
	}
	if got := d.Find("[data-testid=conflict-theirs]").Text(); got != "Line one.\nAlice's line." {
		t.Errorf("their version shown as %q", got)
	}
	if got := d.Find("textarea[name=body]").Text(); got != "Line one.\nBob's line." {
		t.Errorf("bob's text lost: %q", got)
	}
	if diff := d.Find("[data-testid=diff]").Text(); !strings.Contains(diff, "- Alice's line.") || !strings.Contains(diff, "+ Bob's line.") {
		t.Errorf("diff %q", diff)
	}
	a, _ := ts.store.Article(context.Background(), id)
	if a.BodyMarkdown != "Line one.\nAlice's line." {
		t.Errorf("stored body %q: the stale save overwrote", a.BodyMarkdown)
	}
	// Saving the returned form (now based on Alice's version) replaces it on purpose.
	fb = formFromPage(t, d)
	fb.Set("action", "save")
	if resp, _ := bob.postMultipart(path, fb, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("deliberate save after conflict: %d", resp.StatusCode)
	}
}

func TestRevisionDiffAndRestore(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	id := saveNew(t, c, articleForm(c.token("/admin/articles/new"), "Tide tables", "First text."), "publish")
	path := "/admin/articles/" + strconv.FormatInt(id, 10)
	_, d := c.page(path)
	f := formFromPage(t, d)
	f.Set("title", "Tide tables, corrected")
	f.Set("body", "Second text.")
	f.Set("action", "save")
	c.postMultipart(path, f, "", "", nil)
	revs, _ := ts.store.Revisions(context.Background(), id)
	if len(revs) != 2 {
		t.Fatalf("%d revisions", len(revs))
	}
	first := revs[1]
	_, d = c.page(path + "/revisions/" + strconv.FormatInt(first.ID, 10))
	if diff := d.Find("[data-testid=diff]").Text(); !strings.Contains(diff, "- First text.") || !strings.Contains(diff, "+ Second text.") {
		t.Errorf("revision diff %q", diff)
	}
	resp, _ := c.post(path+"/revisions/"+strconv.FormatInt(first.ID, 10)+"/restore", url.Values{"csrf": {c.token(path)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", resp.StatusCode)
	}
	a, _ := ts.store.Article(context.Background(), id)
	if a.Title != "Tide tables" || a.BodyMarkdown != "First text." || a.Draft {
		t.Errorf("after restore: %q %q draft=%v", a.Title, a.BodyMarkdown, a.Draft)
	}
	if got := doc(t, ts.get(t, a.Permalink)).Find(".post__content").Text(); !strings.Contains(got, "First text.") {
		t.Errorf("reader sees %q", got)
	}
	if revs, _ := ts.store.Revisions(context.Background(), id); len(revs) != 3 {
		t.Errorf("restore must add a revision; have %d", len(revs))
	}
}

func TestTrashRestoreDelete(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	addEditor(t, ts, "admin@example.com", data.RoleAdmin)
	id := saveNew(t, c, articleForm(c.token("/admin/articles/new"), "Ferry times", "x"), "publish")
	path := "/admin/articles/" + strconv.FormatInt(id, 10)
	c.post(path+"/trash", url.Values{"csrf": {c.token(path)}})
	if resp := ts.get(t, "/news/ferry-times/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("trashed article served: %d", resp.StatusCode)
	}
	_, d := c.page("/admin/?status=trash")
	if d.Find("[data-testid=article-row]").Length() != 1 {
		t.Error("trash list")
	}
	resp, _ := c.post(path+"/restore", url.Values{"csrf": {c.token(path)}})
	if st, _ := ts.store.ArticleDeskState(context.Background(), id); st.Trashed {
		t.Error("not restored")
	}
	// It comes back as a draft, and the notice says so.
	_, d = c.page(resp.Header.Get("Location"))
	if got := d.Find("[data-testid=flash]").Text(); got != "Restored from the trash as a draft: publish it again when it is ready." ||
		d.Find("[data-testid=status]").Text() != "draft" {
		t.Errorf("after restore: flash %q, status %q", got, d.Find("[data-testid=status]").Text())
	}
	c.post(path+"/trash", url.Values{"csrf": {c.token(path)}})
	adm := newDeskClient(t, ts)
	adm.login("admin@example.com", testPassword)
	if resp, _ := adm.post(path+"/delete", url.Values{"csrf": {adm.token(path)}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("delete without confirmation: %d", resp.StatusCode)
	}
	if resp, _ := adm.post(path+"/delete", url.Values{"csrf": {adm.token(path)}, "confirm": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("delete: %d", resp.StatusCode)
	}
	if _, err := ts.store.Article(context.Background(), id); err == nil {
		t.Error("article still stored")
	}
}

func TestListFiltersAndBulk(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	csrf := c.token("/admin/articles/new")
	var ids []string
	for _, title := range []string{"Alpha report", "Beta report", "Gamma note"} {
		f := articleForm(csrf, title, "text about "+title)
		f.Set("tags", "Reports")
		ids = append(ids, strconv.FormatInt(saveNew(t, c, f, "draft"), 10))
	}
	_, d := c.page("/admin/?q=report&status=draft")
	if n := d.Find("[data-testid=article-row]").Length(); n != 2 {
		t.Errorf("text filter: %d rows", n)
	}
	_, d = c.page("/admin/?tag=Reports&sort=title")
	if first := d.Find("[data-testid=article-link]").First().Text(); first != "Alpha report" {
		t.Errorf("sort by title: first %q", first)
	}
	resp, _ := c.post("/admin/articles/bulk", url.Values{"csrf": {csrf}, "action": {"publish"}, "id": ids[:2]})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("bulk publish: %d", resp.StatusCode)
	}
	counts, _ := ts.store.StatusCounts(context.Background())
	if counts[data.StatusPublished] != 2+2 || counts[data.StatusDraft] != 1+1 { // basicSite has 2 published, 1 draft
		t.Errorf("counts %v", counts)
	}
	if resp, _ := c.post("/admin/articles/bulk", url.Values{"csrf": {csrf}, "action": {"explode"}, "id": ids}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unknown bulk action: %d", resp.StatusCode)
	}
	for _, q := range []string{"?page=-1", "?page=abc", "?status=%00", "?sort=1;drop", "?q=%25%27"} {
		if resp, _ := c.page("/admin/" + q); resp.StatusCode != http.StatusOK {
			t.Errorf("list %s: %d", q, resp.StatusCode)
		}
	}
}

func TestExpiredSessionKeepsText(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	csrf := c.token("/admin/articles/new")
	ts.clock.Add(deskSessionLimits.Idle + time.Hour)
	form := articleForm(csrf, "Late story", "Words written over lunch.")
	form.Set("action", "draft")
	resp, d := c.postMultipart("/admin/articles/new", form, "", "", nil)
	if resp.StatusCode != http.StatusUnauthorized || d.Find("[data-testid=kept-notice]").Length() != 1 {
		t.Fatalf("expired session: %d", resp.StatusCode)
	}
	login := readForm(d.Find("[data-testid=login-form]"))
	login.Set("email", "ed@example.com")
	login.Set("password", testPassword)
	resp, d = c.post("/admin/login", login)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login with kept text: %d", resp.StatusCode)
	}
	if got := d.Find("textarea[name=body]").Text(); got != "Words written over lunch." {
		t.Fatalf("text after re-login: %q", got)
	}
	f := readForm(d.Find("[data-testid=article-form]"))
	f.Set("action", "draft")
	if resp, _ := c.postMultipart("/admin/articles/new", f, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("save after re-login: %d", resp.StatusCode)
	}
}

func TestPreviewInReaderLayout(t *testing.T) {
	t.Parallel()
	_, c := editorSession(t)
	form := articleForm(c.token("/admin/articles/new"), "Preview me", "Some *text*.")
	form.Set("action", "preview")
	resp, d := c.postMultipart("/admin/articles/preview", form, "", "", nil)
	if resp.StatusCode != http.StatusOK || d.Find("h1.post__title").Text() != "Preview me" || d.Find(".post__content em").Text() != "text" {
		t.Fatalf("preview: %d %q", resp.StatusCode, d.Find("h1").Text())
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("preview Cache-Control %q", cc)
	}
}

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, x%h, color.RGBA{200, 60, 20, 255})
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

func TestMediaUploads(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	csrf := c.token("/admin/media")
	resp, _ := c.postMultipart("/admin/media", url.Values{"csrf": {csrf}}, "file", "photo.png", pngBytes(t, 800, 400))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	_, d := c.page("/admin/media")
	img := d.Find("[data-testid=media-item] img")
	if img.Length() != 1 || img.AttrOr("loading", "") != "lazy" || !strings.Contains(img.AttrOr("srcset", ""), "320w") ||
		img.AttrOr("width", "") != "320" || img.AttrOr("height", "") != "160" {
		t.Errorf("library image %v", img.Nodes)
	}
	u := d.Find("[data-testid=media-url]").AttrOr("value", "")
	r := ts.get(t, u)
	if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "image/png" || !strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("%s: %d %v", u, r.StatusCode, r.Header)
	}
	bad := map[string][]byte{
		"fake.png":  []byte("GIF89a not really an image at all"),
		"text.jpg":  []byte("hello, I am text"),
		"image.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
		"big.png":   append(pngBytes(t, 10, 10), make([]byte, 11<<20)...),
		"empty.png": {},
	}
	for name, b := range bad {
		resp, d := c.postMultipart("/admin/media", url.Values{"csrf": {csrf}}, "file", name, b)
		if resp.StatusCode != http.StatusUnprocessableEntity && resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: %d", name, resp.StatusCode)
		}
		if d.Find("[data-testid=error-file], [data-testid=message]").Length() == 0 {
			t.Errorf("%s: no message", name)
		}
	}
	// The article form takes a thumbnail upload and keeps the rest of the form when it fails.
	form := articleForm(csrf, "With picture", "x")
	form.Set("action", "draft")
	resp, d = c.postMultipart("/admin/articles/new", form, "thumbnail_file", "cover.jpg", []byte("not an image"))
	if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("[data-testid=error-thumbnail_file]").Length() != 1 ||
		d.Find("input[name=title]").AttrOr("value", "") != "With picture" {
		t.Errorf("bad thumbnail: %d", resp.StatusCode)
	}
	resp, _ = c.postMultipart("/admin/articles/new", form, "thumbnail_file", "cover.png", pngBytes(t, 700, 350))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("thumbnail upload: %d", resp.StatusCode)
	}
}

func TestSettingsPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "admin@example.com", data.RoleAdmin)
	c := newDeskClient(t, ts)
	c.login("admin@example.com", testPassword)
	_, d := c.page("/admin/settings")
	f := readForm(d.Find("[data-testid=settings-form]"))
	f.Set("title", "The Harbour Times")
	f.Set("highlight_color", "red; background:url(x)")
	f.Set("main_menu", "About | /about/\nBroken line")
	resp, d := c.post("/admin/settings", f)
	if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("[data-testid=error-highlight_color]").Length() != 1 ||
		d.Find("[data-testid=error-main_menu]").Length() != 1 {
		t.Fatalf("bad settings: %d", resp.StatusCode)
	}
	f.Set("highlight_color", "#0a7")
	f.Set("main_menu", "About | /about/")
	f.Set("widgets", "search, recent")
	f.Set("time_zone", "Europe/Madrid")
	if resp, d := c.post("/admin/settings", f); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("settings: %d %s", resp.StatusCode, d.Find(".field-error").Text())
	}
	set, _ := ts.store.SiteSettings(context.Background())
	if set.Title != "The Harbour Times" || set.TimeZone != "Europe/Madrid" || reader.ParamString(set.Params, "style", "vars", "highlightColor") != "#0a7" {
		t.Errorf("saved %+v", set)
	}
	if got := doc(t, ts.get(t, "/")).Find("title").Text(); !strings.Contains(got, "The Harbour Times") {
		t.Errorf("home title %q", got)
	}
}

func TestSettingsDateFormatMustBeAGoLayout(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "admin@example.com", data.RoleAdmin)
	c := newDeskClient(t, ts)
	c.login("admin@example.com", testPassword)
	_, d := c.page("/admin/settings")
	f := readForm(d.Find("[data-testid=settings-form]"))
	for _, bad := range []string{"%Y", "%d/%m/%Y", "date"} {
		f.Set("date_format", bad)
		resp, d := c.post("/admin/settings", f)
		msg := d.Find("[data-testid=error-date_format]").Text()
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "January 2, 2006") ||
			d.Find("input[name=date_format]").AttrOr("value", "") != bad {
			t.Errorf("%q: %d %q", bad, resp.StatusCode, msg)
		}
	}
	for _, good := range []string{"2 January 2006", "2006-01-02", "Mon 15:04", ""} {
		f.Set("date_format", good)
		if resp, d := c.post("/admin/settings", f); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("%q: %d %s", good, resp.StatusCode, d.Find(".field-error").Text())
		}
		set, _ := ts.store.SiteSettings(context.Background())
		if got := reader.ParamString(set.Params, "dateformat"); got != good {
			t.Errorf("saved %q, want %q", got, good)
		}
	}
}

func TestArticleAliasesRefuseOtherURLs(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	csrf := c.token("/admin/articles/new")
	saveNew(t, c, articleForm(csrf, "First story", "One."), "draft") // a draft's URL is taken too
	for _, alias := range []string{"/news/first-story/", "/", "/tags/", "/categories/news/", "/archive/", "/search", "/admin/x/", "/static/a.css", "/media/x.png"} {
		form := articleForm(csrf, "Second story", "Two.")
		form.Set("aliases", "/old/second/\n"+alias)
		form.Set("action", "draft")
		resp, d := c.postMultipart("/admin/articles/new", form, "", "", nil)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("[data-testid=error-aliases]").Length() != 1 ||
			d.Find("textarea[name=aliases]").Text() != "/old/second/\n"+alias {
			t.Errorf("alias %s: %d %q", alias, resp.StatusCode, d.Find("[data-testid=error-aliases]").Text())
		}
	}
	// The article's own URL is dropped; its own redirects stay.
	form := articleForm(csrf, "Second story", "Two.")
	form.Set("aliases", "/old/second/\n/news/second-story/")
	id := saveNew(t, c, form, "publish")
	_, d := c.page("/admin/articles/" + strconv.FormatInt(id, 10))
	form = formFromPage(t, d)
	form.Set("action", "save")
	if resp, d := c.postMultipart("/admin/articles/"+strconv.FormatInt(id, 10), form, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resave: %d %s", resp.StatusCode, d.Find(".field-error").Text())
	}
	a, _ := ts.store.Article(context.Background(), id)
	if len(a.Aliases) != 1 || a.Aliases[0] != "/old/second/" {
		t.Errorf("aliases %q", a.Aliases)
	}
	if resp := ts.get(t, "/old/second/"); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/news/second-story/" {
		t.Errorf("alias: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestArticleAuthor(t *testing.T) {
	t.Parallel()
	site := map[string]string{
		"config.toml": "baseURL = \"https://news.example/\"\ntitle = \"Test News\"\n[params]\npost_meta = [\"author\", \"date\"]\nauthorbox = true\n" +
			"[params.author]\nname = \"Site Author\"\nbio = \"Writes the site.\"\n",
		"content/post/own.md":  "---\ntitle: Own author\ndate: 2026-11-01\nauthor: Ana Imported\n---\nOne.\n",
		"content/post/list.md": "---\ntitle: Two authors\ndate: 2026-11-01\nauthor: [Bo First, Cy Second]\n---\nTwo.\n",
		"content/post/none.md": "---\ntitle: No author\ndate: 2026-11-01\n---\nThree.\n",
	}
	ts := newTestServer(t, site)
	for path, want := range map[string]string{"/post/own/": "Ana Imported", "/post/list/": "Bo First", "/post/none/": "Site Author"} {
		d := doc(t, ts.get(t, path))
		if got := d.Find("[data-testid=meta-author]").Text(); got != want {
			t.Errorf("%s: meta author %q, want %q", path, got, want)
		}
		if got := d.Find(".authorbox__name").Text(); !strings.Contains(got, want) {
			t.Errorf("%s: author box %q, want %q", path, got, want)
		}
	}
	if bio := doc(t, ts.get(t, "/post/own/")).Find(".authorbox__bio").Length(); bio != 0 {
		t.Error("the site author's bio shown beside another author")
	}
	// A new article is credited to the editor who writes it; the field can change it.
	addEditor(t, ts, "dana@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("dana@example.com", testPassword)
	_, d := c.page("/admin/articles/new")
	form := formFromPage(t, d)
	if got := form.Get("author"); got != "dana" {
		t.Fatalf("new form author %q, want the editor's name", got)
	}
	for k, v := range articleForm(form.Get("csrf"), "Desk story", "Four.") {
		form[k] = v
	}
	id := saveNew(t, c, form, "publish")
	if got := doc(t, ts.get(t, "/news/desk-story/")).Find("[data-testid=meta-author]").Text(); got != "dana" {
		t.Errorf("desk article author %q", got)
	}
	_, d = c.page("/admin/articles/" + strconv.FormatInt(id, 10))
	form = formFromPage(t, d)
	form.Set("author", "")
	form.Set("action", "save")
	if resp, _ := c.postMultipart("/admin/articles/"+strconv.FormatInt(id, 10), form, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resave: %d", resp.StatusCode)
	}
	if got := doc(t, ts.get(t, "/news/desk-story/")).Find("[data-testid=meta-author]").Text(); got != "Site Author" {
		t.Errorf("desk article without author %q", got)
	}
}

func TestSettingsCopyrightLine(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "admin@example.com", data.RoleAdmin)
	c := newDeskClient(t, ts)
	c.login("admin@example.com", testPassword)
	_, d := c.page("/admin/settings")
	f := readForm(d.Find("[data-testid=settings-form]"))
	f.Set("copyright", "Harbour Media Ltd")
	if resp, d := c.post("/admin/settings", f); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("settings: %d %s", resp.StatusCode, d.Find(".field-error").Text())
	}
	if got := doc(t, ts.get(t, "/")).Find("[data-testid=copyright]").Text(); !strings.Contains(got, "Harbour Media Ltd") {
		t.Errorf("footer %q", got)
	}
	_, d = c.page("/admin/settings")
	if got := d.Find("input[name=copyright]").AttrOr("value", ""); got != "Harbour Media Ltd" {
		t.Errorf("form copyright %q", got)
	}
	f.Set("copyright", "")
	if resp, _ := c.post("/admin/settings", f); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("settings: %d", resp.StatusCode)
	}
	if got := doc(t, ts.get(t, "/")).Find("[data-testid=copyright]").Text(); !strings.Contains(got, "Test News") {
		t.Errorf("footer without a copyright line %q", got)
	}
}
