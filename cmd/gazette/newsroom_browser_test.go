package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gazette/data"
)

// TestBrowserNewsroom is issue 17's flows in Chromium, as an editor and then a reader: set a
// lead story and see it lead the home page; create an author with a picture, put two authors
// on the story and follow both bylines to their pages; add a correction and read it under the
// article. axe-core runs on the front page, the article and an author page.
func TestBrowserNewsroom(t *testing.T) {
	axe := readAxe(t)
	ts := newTestSite(t)
	ctx0 := context.Background()
	const email, password = "desk@example.com", "a long enough password"
	if _, err := ts.Store.CreateEditor(ctx0, data.NewEditor{Email: email, Name: "Desk Editor", Role: data.RoleAdmin, Password: password}); err != nil {
		t.Fatal(err)
	}
	story, err := ts.Store.ResolvePath(ctx0, "/news/weekend-weather/")
	if err != nil {
		t.Fatal(err)
	}
	avatar := filepath.Join(t.TempDir(), "ana.png")
	writeTestPNG(t, avatar, 300, 300)
	b := newBrowser(t)
	ctx := b.ctx
	base := ts.Server.URL
	editURL := base + "/admin/articles/" + itoa64(story.ArticleID)

	open := func(t *testing.T, u string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatalf("navigate %s: %v", u, err)
		}
	}
	submit := func(t *testing.T, sel string) {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
		if resp.Status != 200 {
			t.Fatalf("click %s: status %d; errors: %s", sel, resp.Status, visibleTextOr(ctx, ".field-error"))
		}
	}
	set := func(t *testing.T, sel, value string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
			t.Fatalf("set %s: %v", sel, err)
		}
	}
	click := func(t *testing.T, sel string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
	}
	axeClean := func(t *testing.T) {
		t.Helper()
		for _, v := range runAxe(t, ctx, axe) {
			t.Errorf("axe %s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
		}
	}

	t.Run("log in", func(t *testing.T) {
		open(t, base+"/admin/login")
		set(t, "#email", email)
		set(t, "#password", password)
		submit(t, "[data-testid=login-form] button[type=submit]")
	})

	t.Run("a lead story leads the home page", func(t *testing.T) {
		open(t, editURL)
		click(t, "input[name=leadstory]")
		submit(t, "[data-testid=actions] button[value=save]")
		open(t, base+"/")
		lead := visibleText(t, ctx, "[data-testid=lead-story] h2")
		if want := "Weekend weather"; !strings.HasPrefix(lead, want) {
			t.Errorf("lead story %q, want %q…", lead, want)
		}
		checkLayout(t, ctx, "newsroom-home")
		axeClean(t)
	})

	t.Run("an author with a picture", func(t *testing.T) {
		open(t, base+"/admin/authors/new")
		set(t, "#name", "Ana Ruiz")
		set(t, "#bio", "Ana Ruiz covers the weather and the sea for the Gazette.")
		set(t, "#links", "Mastodon | https://social.example/@ana")
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#avatar_file"), []string{avatar})); err != nil {
			t.Fatalf("upload: %v", err)
		}
		submit(t, "[data-testid=save-author]")
		if got, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#avatar"))); err != nil || !strings.HasPrefix(got, "/media/") {
			t.Fatalf("avatar %q %v", got, err)
		}
		open(t, base+"/admin/authors/new")
		set(t, "#name", "Ben Okafor")
		submit(t, "[data-testid=save-author]")
	})

	t.Run("two authors, two bylines", func(t *testing.T) {
		open(t, editURL)
		click(t, "[data-testid=author-ana-ruiz]")
		click(t, "[data-testid=author-ben-okafor]")
		submit(t, "[data-testid=actions] button[value=save]")
		open(t, base+"/news/weekend-weather/")
		hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`[...document.querySelectorAll('.post__header [data-testid=byline-author]')].map(a => a.getAttribute('href'))`))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(hrefs, " ") != "/authors/ana-ruiz/ /authors/ben-okafor/" {
			t.Fatalf("bylines link to %q", hrefs)
		}
		for _, h := range hrefs {
			open(t, base+"/news/weekend-weather/")
			resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`.post__header a[href="`+h+`"]`)))
			if err != nil || resp.Status != 200 {
				t.Fatalf("follow %s: %v %v", h, resp, err)
			}
			if got := visibleText(t, ctx, "[data-testid=list-heading]"); got == "" {
				t.Errorf("%s has no heading", h)
			}
			if !strings.Contains(visibleText(t, ctx, "main"), "Weekend weather") {
				t.Errorf("%s does not list the story", h)
			}
		}
		open(t, base+"/authors/ana-ruiz/")
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const i = document.querySelector('[data-testid=author-profile] img');
			return !!i && i.complete && i.naturalWidth > 0 })()`))
		if err != nil || !ok {
			t.Errorf("author page shows no loaded picture (%v)", err)
		}
		if bio := visibleText(t, ctx, "[data-testid=author-bio]"); !strings.Contains(bio, "covers the weather") {
			t.Errorf("bio %q", bio)
		}
		checkLayout(t, ctx, "newsroom-author")
		axeClean(t)
	})

	t.Run("a correction readers see", func(t *testing.T) {
		open(t, editURL)
		set(t, "#note_text", "An earlier version gave Sunday's low as 4°C; it is -1°C.")
		submit(t, "[data-testid=add-note]")
		open(t, base+"/news/weekend-weather/")
		log := visibleText(t, ctx, "[data-testid=corrections]")
		if !strings.Contains(log, "Correction") || !strings.Contains(log, "it is -1°C") {
			t.Errorf("corrections log %q", log)
		}
		if got := visibleText(t, ctx, "[data-testid=meta-lastmod]"); got == "" {
			t.Error("no updated date beside the date")
		}
		checkLayout(t, ctx, "newsroom-article")
		axeClean(t)
	})
	t.Run("the other new pages pass axe", func(t *testing.T) {
		for _, p := range []string{"/authors/", "/admin/authors", "/admin/authors/new", "/admin/authors/ana-ruiz", "/admin/front-page",
			"/admin/articles/" + itoa64(story.ArticleID)} {
			open(t, base+p)
			for _, v := range runAxe(t, ctx, axe) {
				t.Errorf("%s: axe %s (%s): %s at %s", p, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
			}
		}
	})
	b.assertNoConsoleErrors(t)
}
