package handlers

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"gazette/content"
	"gazette/data"
)

// TestEveryArticleFlagOnTheDesk holds each row of content's flag table to the desk: the form
// shows its box as the article has it, flipping the box writes that one key into the front
// matter as written (YAML and TOML), the stored article then has the value, and saving again
// untouched changes nothing. A new article writes the seed flags, and the others only where
// they differ from their default.
func TestEveryArticleFlagOnTheDesk(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, damageSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	for _, path := range []string{"content/post/one.md", "content/post/two.md"} {
		for _, f := range content.ArticleFlags() {
			a := articleAt(t, ts, path)
			edit := "/admin/articles/" + strconv.FormatInt(a.ID, 10)
			_, d := c.page(edit)
			box := d.Find(`form[data-testid=article-form] input[type=checkbox][name="` + f.Key + `"]`)
			if box.Length() != 1 {
				t.Fatalf("%s: the form has %d boxes named %s", path, box.Length(), f.Key)
			}
			if _, checked := box.Attr("checked"); checked != f.Shown(&a) {
				t.Errorf("%s %s: box ticked %v, article says %v", path, f.Key, checked, f.Shown(&a))
			}
			form := readForm(d.Find("form[data-testid=article-form]"))
			form.Set("action", "save")
			want := !f.Shown(&a)
			if want {
				form.Set(f.Key, "on")
			} else {
				form.Del(f.Key)
			}
			if resp, d := c.postMultipart(edit, form, "", "", nil); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s %s: save %d %s", path, f.Key, resp.StatusCode, d.Find(".field-error").Text())
			}
			after := articleAt(t, ts, path)
			line := f.Key + ": " + strconv.FormatBool(want) + "\n"
			if strings.HasPrefix(a.FrontMatterText, "+++") {
				line = f.Key + " = " + strconv.FormatBool(want) + "\n"
			}
			if !strings.Contains(after.FrontMatterText, line) {
				t.Errorf("%s: flipping %s must write %q:\n%s", path, f.Key, line, after.FrontMatterText)
			}
			if got := f.Page(&after); got == nil || *got != want {
				t.Errorf("%s %s: stored %v, want %v", path, f.Key, ptrValue(got), want)
			}
			saveUnchanged(t, c, a.ID)
			if again := articleAt(t, ts, path); again.FrontMatterText != after.FrontMatterText {
				t.Errorf("%s %s: an unchanged save rewrote the front matter:\n%s\nwas\n%s", path, f.Key, again.FrontMatterText, after.FrontMatterText)
			}
		}
	}

	id := saveNew(t, c, articleForm(c.token("/admin/articles/new"), "Flags", "Body"), "publish")
	made, err := ts.store.Article(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range content.ArticleFlags() {
		_, written := made.FrontMatter[f.Key]
		if on := f.Key == "comments" || f.Key == "pager"; written != (f.Seed || on != f.Default) || f.Shown(&made) != on {
			t.Errorf("new article: %s written %v, shown %v:\n%s", f.Key, written, f.Shown(&made), made.FrontMatterText)
		}
	}
}

func ptrValue(b *bool) any {
	if b == nil {
		return "unset"
	}
	return *b
}
