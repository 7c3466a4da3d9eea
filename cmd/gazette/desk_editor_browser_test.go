package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gazette/data"
)

// TestBrowserDeskEditor is the new article form as an editor meets it in Chromium: the live
// preview, a photo uploaded with its alt text, caption and credit that the published article
// shows, the autosaved draft found again after the tab was closed, and the dashboard; axe-core
// checks the form, the media page and the dashboard. Screenshots land in test-artifacts/
// (docs/screenshots/desk-*.png are copies of them).
func TestBrowserDeskEditor(t *testing.T) {
	axe := readAxe(t)
	ts := newTestSite(t)
	if _, err := ts.Store.CreateEditor(context.Background(), data.NewEditor{Email: "desk@example.com", Name: "Dee Desk",
		Role: data.RoleAdmin, Password: "a long enough password"}); err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(t.TempDir(), "crane.png")
	writeTestPNG(t, photo, 1200, 700)
	b := newBrowserWithin(t, 3*time.Minute)
	ctx := b.ctx
	base := ts.Server.URL
	do := func(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	submit := func(t *testing.T, sel string) {
		t.Helper()
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
	}
	noAxeViolations := func(t *testing.T, page string) {
		t.Helper()
		for _, v := range runAxe(t, ctx, axe) {
			t.Errorf("%s: axe %s (%s): %s at %s", page, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
		}
	}

	do(t, "log in", chromedp.Navigate(base+"/admin/login"), chromedp.SetValue(chromedp.CSS("#email"), "desk@example.com"),
		chromedp.SetValue(chromedp.CSS("#password"), "a long enough password"))
	submit(t, "[data-testid=login-form] button[type=submit]")

	var took time.Duration
	t.Run("write with a live preview, a photo and its words; publish", func(t *testing.T) {
		start := time.Now()
		do(t, "open the form", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/admin/articles/new"),
			chromedp.WaitVisible(chromedp.CSS("[data-testid=tool-bold]")))
		do(t, "type", chromedp.SendKeys(chromedp.CSS("#title"), "Crane lifts the last span"),
			chromedp.SendKeys(chromedp.CSS("#body"), "The crane lifted the **final** span at dawn."))
		if got := visibleText(t, ctx, "[data-testid=live-preview] strong"); got != "final" {
			t.Errorf("live preview shows %q", got)
		}
		checkLayout(t, ctx, "desk-article-form")
		noAxeViolations(t, "article form")
		do(t, "open the image group", chromedp.Click(chromedp.CSS("[data-testid=group-image] > summary")),
			chromedp.SetUploadFiles(chromedp.CSS("#thumbnail_file"), []string{photo}),
			chromedp.SendKeys(chromedp.CSS("#thumbnail_alt"), "A red crane lowering a steel span onto the bridge"),
			chromedp.SendKeys(chromedp.CSS("#thumbnail_caption"), "The last span goes in"),
			chromedp.SendKeys(chromedp.CSS("#thumbnail_credit"), "Photo: Ada Lens"),
			chromedp.SetValue(chromedp.CSS("#section"), "news"))
		if got := visibleText(t, ctx, "[data-testid=actions] button.primary"); got != "Publish" {
			t.Errorf("primary action %q", got)
		}
		submit(t, "[data-testid=publish]")
		if st := visibleText(t, ctx, "[data-testid=status]"); st != "published" {
			t.Fatalf("status %q; errors: %s", st, visibleTextOr(ctx, ".field-error"))
		}
		took = time.Since(start)
		t.Logf("time to publish from the new form (typing, upload, words, publish; Chromium driven): %v", took)
		if got := visibleText(t, ctx, "[data-testid=actions] button.primary"); got != "Update" {
			t.Errorf("primary after publishing %q", got)
		}
		public := visibleText(t, ctx, "[data-testid=public-url]")
		do(t, "read it", chromedp.Navigate(base+public))
		alt, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid=post-thumbnail] img').alt`))
		if err != nil || alt != "A red crane lowering a steel span onto the bridge" {
			t.Errorf("alt %q (%v)", alt, err)
		}
		if got := visibleText(t, ctx, "[data-testid=image-caption-text]"); got != "The last span goes in" {
			t.Errorf("caption %q", got)
		}
		if got := visibleText(t, ctx, "[data-testid=image-credit]"); got != "Photo: Ada Lens" {
			t.Errorf("credit %q", got)
		}
	})

	t.Run("autosave survives a closed tab", func(t *testing.T) {
		tab, closeTab := chromedp.NewContext(ctx)
		if err := chromedp.Do(tab, chromedp.Navigate(base+"/admin/articles/new"), chromedp.WaitVisible(chromedp.CSS("[data-testid=tool-bold]")),
			chromedp.SendKeys(chromedp.CSS("#title"), "Half a story"),
			chromedp.SendKeys(chromedp.CSS("#body"), "Typed, never saved."),
			chromedp.WaitVisible(chromedp.CSS("[data-testid=autosave-status]"))); err != nil {
			t.Fatal(err)
		}
		kept, err := chromedp.Run(tab, chromedp.Poll[bool](`document.querySelector('[data-testid=autosave-status]').textContent.includes('kept')`))
		if err != nil {
			t.Fatalf("autosave never said it kept the draft: %v", err)
		}
		_ = kept
		closeTab() // the tab is gone, unsaved
		do(t, "come back", chromedp.Navigate(base+"/admin/articles/new"), chromedp.WaitVisible(chromedp.CSS("[data-testid=autosave-note]")))
		if title, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#title"))); title != "" {
			t.Errorf("the draft was applied unasked: %q", title)
		}
		do(t, "restore", chromedp.Click(chromedp.CSS("[data-testid=autosave-restore]")))
		title, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#title")))
		body, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#body")))
		if title != "Half a story" || body != "Typed, never saved." {
			t.Errorf("restored %q / %q", title, body)
		}
		submit(t, "[data-testid=save-draft]")
		if st := visibleText(t, ctx, "[data-testid=status]"); st != "draft" {
			t.Errorf("status %q", st)
		}
	})

	t.Run("dashboard and media pages", func(t *testing.T) {
		// A week of readers, written as the counter's writer writes them (this test server
		// counts nothing itself), so the dashboard has figures to show.
		for i, p := range []string{"/news/tide-tables-explained/", "/news/harbour-wall-repairs/", "/news/meteor-shower/"} {
			day := data.ReadsDay(time.Now().AddDate(0, 0, -i))
			if _, err := ts.Store.AddReads(context.Background(), day, []data.PathReads{{Path: p, Views: int64(900 - 250*i)}}); err != nil {
				t.Fatal(err)
			}
		}
		do(t, "dashboard", chromedp.Navigate(base+"/admin/dashboard"), chromedp.WaitVisible(chromedp.CSS("[data-testid=dash-drafts]")))
		if got := visibleText(t, ctx, "[data-testid=dash-drafts]"); !strings.Contains(got, "Half a story") {
			t.Errorf("drafts %q", got)
		}
		if got := visibleText(t, ctx, "[data-testid=dash-read-row]"); !strings.Contains(got, "900") {
			t.Errorf("most read %q", got)
		}
		checkLayout(t, ctx, "desk-dashboard")
		noAxeViolations(t, "dashboard")
		do(t, "media", chromedp.Navigate(base+"/admin/media?q=crane"), chromedp.WaitVisible(chromedp.CSS("[data-testid=media-edit]")))
		noAxeViolations(t, "media library")
		submit(t, "[data-testid=media-edit]")
		if got := visibleText(t, ctx, "[data-testid=media-in-use]"); !strings.Contains(got, "Used in") {
			t.Errorf("media page %q", got)
		}
		checkLayout(t, ctx, "desk-media-edit")
		noAxeViolations(t, "media page")
	})
	b.assertNoConsoleErrors(t)
}
