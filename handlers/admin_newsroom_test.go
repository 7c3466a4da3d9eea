package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gazette/data"
)

// TestDeskSetsLeadAndAuthors: the article form writes the flags and the authors into the front
// matter (what an export gives Hugo), and an unchanged save of an article that has them keeps
// it byte for byte.
func TestDeskSetsLeadAndAuthors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t, newsroomSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	if err := ts.store.SaveAuthorProfile(ctx, "", data.AuthorProfile{Slug: "cy-dale", Name: "Cy Dale"}); err != nil {
		t.Fatal(err)
	}

	one := articleAt(t, ts, "content/post/one.md")
	saveUnchanged(t, c, one.ID)
	assertSameArticle(t, one, articleAt(t, ts, "content/post/one.md"))

	four := articleAt(t, ts, "content/post/four.md")
	edit := "/admin/articles/" + strconv.FormatInt(four.ID, 10)
	_, d := c.page(edit)
	if got := attrs(d.Find("[data-testid=author-picker] input[name=authors_pick]"), "value"); got != "Cy Dale" {
		t.Errorf("picker offers %q", got)
	}
	form := readForm(d.Find("form[data-testid=article-form]"))
	form.Set("action", "save")
	form.Set("leadstory", "on")
	form.Add("authors_pick", "Cy Dale")
	form.Set("authors_more", "Dee Eve, , dee eve")
	if resp, d := c.postMultipart(edit, form, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", resp.StatusCode, d.Find(".field-error").Text())
	}
	after := articleAt(t, ts, "content/post/four.md")
	for _, want := range []string{"leadstory: true", "authors:\n  - Cy Dale\n  - Dee Eve"} {
		if !strings.Contains(after.FrontMatterText, want) {
			t.Errorf("front matter lacks %q:\n%s", want, after.FrontMatterText)
		}
	}
	if got := texts(getDoc(t, ts, "/", http.StatusOK).Find("[data-testid=lead-story] h2")); got != "Fourth story" {
		t.Errorf("home lead %q", got)
	}
	_, d = c.page(edit)
	if _, on := d.Find("[data-testid=author-cy-dale]").Attr("checked"); !on {
		t.Error("the picker does not show Cy Dale ticked")
	}
	if got := d.Find("#authors_more").AttrOr("value", ""); got != "Dee Eve" {
		t.Errorf("other authors %q", got)
	}

	// Clearing them removes the keys again.
	form = readForm(d.Find("form[data-testid=article-form]"))
	form.Set("action", "save")
	form.Del("leadstory")
	form.Del("authors_pick")
	form.Set("authors_more", "")
	if resp, _ := c.postMultipart(edit, form, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("clear: %d", resp.StatusCode)
	}
	cleared := articleAt(t, ts, "content/post/four.md")
	if strings.Contains(cleared.FrontMatterText, "leadstory") || strings.Contains(cleared.FrontMatterText, "authors") {
		t.Errorf("cleared front matter still has them:\n%s", cleared.FrontMatterText)
	}

	t.Run("author filter", func(t *testing.T) {
		_, d := c.page("/admin/?author=Ana+Ruiz")
		rows := d.Find("tbody tr").Length()
		if rows != 2 {
			t.Errorf("Ana's filter shows %d rows, want 2", rows)
		}
	})
}

func TestDeskCorrections(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, newsroomSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	id := strconv.FormatInt(articleID(t, ts, "/post/one/"), 10)
	csrf := c.token("/admin/articles/" + id)
	post := func(form url.Values) (int, string) {
		form.Set("csrf", csrf)
		resp, d := c.post("/admin/articles/"+id+"/notes", form)
		return resp.StatusCode, d.Find(".field-error").Text()
	}
	for name, tc := range map[string]url.Values{
		"empty":    {"note_kind": {"correction"}, "note_text": {"  "}},
		"kind":     {"note_kind": {"retraction"}, "note_text": {"x"}},
		"bad time": {"note_kind": {"update"}, "note_text": {"x"}, "note_at": {"yesterday"}},
		"too long": {"note_kind": {"update"}, "note_text": {strings.Repeat("x", 2001)}},
	} {
		if st, _ := post(tc); st != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", name, st)
		}
	}
	if st, msg := post(url.Values{"note_kind": {"update"}, "note_text": {"Police named the ship."}, "note_at": {"2026-11-27T11:15"}}); st != http.StatusSeeOther {
		t.Fatalf("add: %d %s", st, msg)
	}
	d := getDoc(t, ts, "/post/one/", http.StatusOK)
	if got := texts(d.Find("[data-testid=correction] .notes__kind")); got != "Update" {
		t.Errorf("log kind %q", got)
	}
	_, desk := c.page("/admin/articles/" + id)
	if desk.Find("[data-testid=desk-note]").Length() != 1 {
		t.Fatal("the desk does not list the note")
	}
	del, _ := desk.Find("[data-testid=desk-note] form").Attr("action")
	if resp, _ := c.post(del, url.Values{"csrf": {csrf}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if getDoc(t, ts, "/post/one/", http.StatusOK).Find("[data-testid=corrections]").Length() != 0 {
		t.Error("a deleted note still shows")
	}
	if resp, _ := c.post(del, url.Values{"csrf": {csrf}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleting again: %d, want 404", resp.StatusCode)
	}
	if resp, _ := c.post("/admin/articles/999999/notes", url.Values{"csrf": {csrf}, "note_kind": {"update"}, "note_text": {"x"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a note on no article: %d, want 404", resp.StatusCode)
	}
}

func TestDeskAuthorProfiles(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, newsroomSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	csrf := c.token("/admin/authors/new")
	form := func(kv ...string) url.Values {
		v := url.Values{"csrf": {csrf}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	for name, tc := range map[string]url.Values{
		"no name":       form("name", " "),
		"reserved slug": form("name", "New"),
		"bad link":      form("name", "Ana Ruiz", "links", "Me | javascript:alert(1)"),
		"bad avatar":    form("name", "Ana Ruiz", "avatar", "http://insecure.example/a.png"),
	} {
		if resp, _ := c.postMultipart("/admin/authors/new", tc, "", "", nil); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", name, resp.StatusCode)
		}
	}
	if resp, _ := c.postMultipart("/admin/authors/new", form("name", "Ana Ruiz", "bio", "Sea and weather.", "links", "Site | https://ana.example/"),
		"avatar_file", "ana.png", pngBytes(t, 200, 200)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	p, err := ts.store.AuthorProfileBySlug(context.Background(), "ana-ruiz")
	if err != nil || !strings.HasPrefix(p.Avatar, "/media/") || p.Bio != "Sea and weather." || len(p.Links) != 1 {
		t.Fatalf("stored profile %+v %v", p, err)
	}
	if resp, d := c.postMultipart("/admin/authors/new", form("name", "Ana Ruiz"), "", "", nil); resp.StatusCode != http.StatusUnprocessableEntity ||
		d.Find("[data-testid=error-slug]").Length() != 1 {
		t.Errorf("a second Ana Ruiz: status %d", resp.StatusCode)
	}
	_, list := c.page("/admin/authors")
	if got := texts(list.Find("[data-testid=author-row] td:first-child a")); got != "Ana Ruiz" {
		t.Errorf("desk list %q", got)
	}
	if got := texts(getDoc(t, ts, "/post/one/", http.StatusOK).Find("[data-testid=author-card] .authorbox__bio")); got != "Sea and weather." {
		t.Errorf("article author card %q", got)
	}
	if resp, _ := c.postMultipart("/admin/authors/ana-ruiz", form("name", "Ana Ruiz-Díaz", "slug", "ana-ruiz", "avatar", p.Avatar), "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", resp.StatusCode)
	}
	if got := texts(getDoc(t, ts, "/post/one/", http.StatusOK).Find(".post__header [data-testid=byline-author]")); !strings.HasPrefix(got, "Ana Ruiz-Díaz") {
		t.Errorf("byline after rename %q", got)
	}
	if resp, _ := c.post("/admin/authors/ana-ruiz/delete", url.Values{"csrf": {csrf}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if resp, _ := c.page("/admin/authors/ana-ruiz"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleted profile: %d", resp.StatusCode)
	}
	if resp, _ := c.postMultipart("/admin/authors/nobody", form("name", "X"), "", "", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("saving an unknown profile: %d", resp.StatusCode)
	}
}

func TestDeskFrontPageSettings(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, invalidationSite)
	addEditor(t, ts, "admin@example.com", data.RoleAdmin)
	c := newDeskClient(t, ts)
	c.login("admin@example.com", testPassword)
	csrf := c.token("/admin/front-page")
	for name, tc := range map[string]url.Values{
		"bad link":    {"layout": {"newsroom"}, "breaking_text": {"x"}, "breaking_url": {"javascript:alert(1)"}},
		"past expiry": {"layout": {"newsroom"}, "breaking_text": {"x"}, "breaking_until": {"2026-11-27T11:00"}},
		"no section":  {"layout": {"newsroom"}, "sections": {"nope"}},
	} {
		tc.Set("csrf", csrf)
		if resp, _ := c.post("/admin/front-page", tc); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", name, resp.StatusCode)
		}
	}
	resp, _ := c.post("/admin/front-page", url.Values{"csrf": {csrf}, "layout": {"newsroom"}, "sections": {"news"},
		"breaking_text": {"Ferry cancelled"}, "breaking_url": {"/news/other/"}, "breaking_until": {"2026-11-27T18:00"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	home := getDoc(t, ts, "/", http.StatusOK)
	if home.Find("[data-testid=lead-story]").Length() != 1 || texts(home.Find("[data-testid=breaking-news] a")) != "Ferry cancelled" ||
		texts(home.Find("[data-testid=section-block] h2")) != "News" {
		t.Error("the opted-in front page lacks its lead, banner or section block")
	}
	_, d := c.page("/admin/front-page")
	if _, on := d.Find("[data-testid=layout-newsroom]").Attr("checked"); !on || d.Find("#breaking_until").AttrOr("value", "") != "2026-11-27T18:00" {
		t.Error("the settings page does not show what was saved")
	}
	editor := newDeskClient(t, ts)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	editor.login("ed@example.com", testPassword)
	if resp, _ := editor.page("/admin/front-page"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an editor opens the front-page settings: %d", resp.StatusCode)
	}
}
