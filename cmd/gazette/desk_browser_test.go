package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserEditorDesk does what a new newsroom does on day one, in Chromium: open the setup
// link, create the admin, log in, write an article with a thumbnail, preview it, schedule it,
// publish it, find it on the home page, change its slug and follow the old URL, log out.
func TestBrowserEditorDesk(t *testing.T) {
	ts := newTestSite(t)
	token, err := ts.Store.CreateSetupToken(context.Background(), setupLinkTTL)
	if err != nil {
		t.Fatal(err)
	}
	cover := filepath.Join(t.TempDir(), "cover.png")
	writeTestPNG(t, cover, 900, 500)
	b := newBrowser(t)
	ctx := b.ctx
	base := ts.Server.URL
	const email, password, title = "editor@example.com", "a long enough password", "Harbour crane arrives"

	// submit clicks a button that sends a form and waits for the page that comes back.
	submit := func(t *testing.T, sel string) int64 {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
		return resp.Status
	}
	set := func(t *testing.T, sel, value string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
			t.Fatalf("set %s: %v", sel, err)
		}
	}
	location := func(t *testing.T) string {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimPrefix(loc, base)
	}

	t.Run("setup link creates the admin", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/setup/"+token)); err != nil {
			t.Fatal(err)
		}
		set(t, "#name", "Ada Editor")
		set(t, "#email", email)
		set(t, "#password", password)
		set(t, "#password2", password)
		if st := submit(t, "[data-testid=setup-form] button[type=submit]"); st != 200 {
			t.Fatalf("after setup: status %d", st)
		}
		if who := visibleText(t, ctx, "[data-testid=whoami]"); !strings.Contains(who, "Ada Editor (admin)") {
			t.Errorf("whoami %q", who)
		}
	})

	t.Run("log out and in", func(t *testing.T) {
		submit(t, "[data-testid=logout]")
		if loc := location(t); loc != "/admin/login" {
			t.Fatalf("after logout at %s", loc)
		}
		set(t, "#email", email)
		set(t, "#password", password)
		submit(t, "[data-testid=login-form] button[type=submit]")
		if loc := location(t); loc != "/admin/" {
			t.Fatalf("after login at %s", loc)
		}
	})

	var editURL string
	t.Run("write with a thumbnail", func(t *testing.T) {
		submit(t, "[data-testid=new-article]")
		set(t, "#title", title)
		set(t, "#body", "The new crane is **taller** than the lighthouse.\n\n## Why it matters\n\nShips.")
		set(t, "#tags", "Harbour, Cranes")
		set(t, "#section", "news")
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#thumbnail_file"), []string{cover})); err != nil {
			t.Fatalf("upload: %v", err)
		}
		submit(t, "[data-testid=save-draft]")
		editURL = strings.Split(location(t), "?")[0]
		if !strings.HasPrefix(editURL, "/admin/articles/") {
			t.Fatalf("after save at %s", editURL)
		}
		if st := visibleText(t, ctx, "[data-testid=status]"); st != "draft" {
			t.Errorf("status %q", st)
		}
		thumb, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#thumbnail")))
		if err != nil || !strings.HasPrefix(thumb, "/media/") {
			t.Errorf("thumbnail %q %v", thumb, err)
		}
	})

	t.Run("preview", func(t *testing.T) {
		// The button opens the preview in a new tab; here it opens in this one, which is the
		// same request without a second tab to drive.
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid=preview]').removeAttribute('formtarget')`)); err != nil {
			t.Fatal(err)
		}
		submit(t, "[data-testid=preview]")
		if h1 := visibleText(t, ctx, "h1.post__title"); h1 != title {
			t.Errorf("preview h1 %q", h1)
		}
		if got := visibleText(t, ctx, ".post__content strong"); got != "taller" {
			t.Errorf("preview body %q", got)
		}
		checkLayout(t, ctx, "desk-preview")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+editURL)); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("schedule", func(t *testing.T) {
		set(t, "#publish_date", time.Now().Add(2*time.Hour).Format("2006-01-02T15:04"))
		submit(t, "[data-testid=schedule]")
		if st := visibleText(t, ctx, "[data-testid=status]"); st != "scheduled" {
			t.Fatalf("status %q; errors: %s", st, visibleTextOr(ctx, ".field-error"))
		}
		checkLayout(t, ctx, "desk-form")
	})

	var publicURL string
	t.Run("publish and see it on the home page", func(t *testing.T) {
		submit(t, "[data-testid=publish]")
		if st := visibleText(t, ctx, "[data-testid=status]"); st != "published" {
			t.Fatalf("status %q", st)
		}
		publicURL = visibleText(t, ctx, "[data-testid=public-url]")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
			t.Fatal(err)
		}
		found, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`[...document.querySelectorAll('[data-testid=list-item] h2')].some(h => h.textContent.trim() === `+jsString(title)+`)`))
		if err != nil || !found {
			t.Errorf("home page does not list %q (%v)", title, err)
		}
	})

	t.Run("change the slug, follow the old URL", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+editURL)); err != nil {
			t.Fatal(err)
		}
		set(t, "#slug", "crane-arrives")
		submit(t, "[data-testid=actions] button[value=save]")
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+publicURL))
		if err != nil {
			t.Fatal(err)
		}
		if loc := location(t); loc != "/news/crane-arrives/" || resp.Status != 200 {
			t.Errorf("old URL %s led to %s (status %d)", publicURL, loc, resp.Status)
		}
		if h1 := visibleText(t, ctx, "h1.post__title"); h1 != title {
			t.Errorf("h1 %q", h1)
		}
		img, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('.post__thumbnail img, .thumbnail img')||{}).src || ''`))
		if err == nil && img == "" {
			t.Log("the reader page shows no thumbnail element (the reader templates decide where it goes)")
		}
	})

	t.Run("log out", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/")); err != nil {
			t.Fatal(err)
		}
		submit(t, "[data-testid=logout]")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/")); err != nil {
			t.Fatal(err)
		}
		if loc := location(t); !strings.HasPrefix(loc, "/admin/login") {
			t.Errorf("after logout /admin/ shows %s", loc)
		}
	})
	b.assertNoConsoleErrors(t)
}

func visibleTextOr(ctx context.Context, sel string) string {
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll(`+jsString(sel)+`)].map(e => e.textContent).join(' | ')`))
	return s
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func writeTestPNG(t *testing.T, file string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x % 256), uint8(y % 256), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
