package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"gazette/content"
	"gazette/data"
)

// importedPage is one page of the imported site the standards are checked on.
type importedPage struct{ name, path string }

// newImportedXMR imports the xmr-ru corpus as a site owner would: its own accent (#ff6600,
// from its config), a 300×60 wordmark as its logo (the corpus names img/logo.png but its
// theme folder, which held it, is not part of the import), and its public address set as
// `serve --base-url` sets it. It returns the site and its pages of every kind.
func newImportedXMR(t *testing.T) (*testSite, []importedPage) {
	t.Helper()
	ctx := context.Background()
	dir := corpusDir(t, "xmr-ru__xmr_ru")
	ts := newImportedSite(t, dir)
	var logo bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 300, 60))
	for x := range 300 {
		for y := range 60 {
			c := color.RGBA{0xff, 0x66, 0x00, 0xff}
			if y > 20 && y < 40 && x > 70 {
				c = color.RGBA{0x4c, 0x4c, 0x4c, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	stored, size, err := ts.Media.Save(&logo, "png")
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.Store.SaveSiteFiles(ctx, []data.SiteFile{{Path: "/img/logo.png", StoredName: stored, MediaType: "image/png", Size: size}}); err != nil {
		t.Fatal(err)
	}
	set, err := ts.Store.SiteSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.BaseURL = ts.Server.URL + "/"
	if err := ts.Store.SaveSiteSettings(ctx, set); err != nil {
		t.Fatal(err)
	}

	article := datedArticle(t, filepath.Join(dir, "hugo-list-all.csv"))
	pages := []importedPage{{"home", "/"}, {"article", article.escaped}, {"page2", "/page/2/"}, {"archive", "/archive/"},
		{"search", "/search?q=Monero"}}
	for _, tax := range []string{"tags", "categories"} {
		terms, err := ts.Store.TermCounts(ctx, set.DefaultLanguage, tax)
		if err != nil || len(terms) == 0 {
			t.Fatalf("%s: %v (%d terms)", tax, err, len(terms))
		}
		best := terms[0]
		for _, term := range terms {
			if term.Count > best.Count {
				best = term
			}
		}
		pages = append(pages, importedPage{map[string]string{"tags": "tag", "categories": "category"}[tax], content.EscapePath("/" + tax + "/" + best.Key + "/")})
	}
	for _, p := range pages {
		if status, _ := fetch(t, ts.Server.URL+p.path); status != http.StatusOK {
			t.Fatalf("%s %s: status %d", p.name, p.path, status)
		}
	}
	return ts, pages
}

// TestBrowserImportedSiteStandards opens every kind of reader page of the imported xmr-ru
// site in Chromium, in the light and the dark scheme, at 320, 375 and 1280 px: no sideways
// scroll, no console error, zero axe-core violations of any impact, and a screenshot of each
// at 375 and 1280 px in test-artifacts/imported-PAGE-SCHEME-WIDTH.png (the whole page in light,
// the first screen in dark). On a phone the menu is folded and opens
// from its button, without a script.
func TestBrowserImportedSiteStandards(t *testing.T) {
	axe := readAxe(t)
	ts, pages := newImportedXMR(t)
	b := newBrowserWithin(t, 8*time.Minute)
	ctx := b.ctx
	if err := os.MkdirAll(artifactsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatal(err)
		}
		for _, pg := range pages {
			t.Run(pg.name+"-"+scheme, func(t *testing.T) {
				if err := chromedp.Do(ctx, chromedp.Navigate(ts.Server.URL+pg.path)); err != nil {
					t.Fatalf("navigate %s: %v", pg.path, err)
				}
				for _, width := range []int64{320, 375, 1280} {
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 812)); err != nil {
						t.Fatal(err)
					}
					overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
					if err != nil {
						t.Fatal(err)
					}
					if overflow > 0 {
						t.Errorf("%s (%s) at %dpx scrolls sideways by %dpx", pg.path, scheme, width, overflow)
					}
					// axe once per page and scheme (it takes seconds on a long page): the
					// desktop in light, the phone (folded menu) in dark.
					if (scheme == "light" && width == 1280) || (scheme == "dark" && width == 375) {
						for _, v := range runAxe(t, ctx, axe) {
							t.Errorf("%s (%s, %dpx): axe %s (%s): %s at %s", pg.path, scheme, width, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
						}
					}
					if width == 320 {
						continue
					}
					// Whole pages in light; the first screen in dark (a full-page capture of a
					// long list costs seconds, and dark differs only in colour).
					capture := chromedp.FullScreenshot(100)
					if scheme == "dark" {
						capture = chromedp.CaptureScreenshot()
					}
					shot, err := chromedp.Run(ctx, capture)
					if err != nil {
						t.Fatal(err)
					}
					name := fmt.Sprintf("imported-%s-%s-%d.png", pg.name, scheme, width)
					if err := os.WriteFile(filepath.Join(artifactsDir, name), shot, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}

	t.Run("phone menu", func(t *testing.T) {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}}}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 812), chromedp.Navigate(ts.Server.URL+"/")); err != nil {
			t.Fatal(err)
		}
		menuShown := `getComputedStyle(document.querySelector('.menu__list')).display !== 'none'`
		if shown, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](menuShown)); shown {
			t.Error("on a phone the menu is open before its button is pressed")
		}
		top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('[data-testid=list-item] h2').getBoundingClientRect().top`))
		if err != nil {
			t.Fatal(err)
		}
		if top > 812*0.3 {
			t.Errorf("the first headline starts at y=%.0f of 812: the header takes too much of the first screen", top)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".menu__button"))); err != nil {
			t.Fatal(err)
		}
		if shown, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](menuShown)); !shown {
			t.Error("the menu button does not open the menu")
		}
		for _, size := range [][2]int64{{375, 812}, {1280, 800}} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(size[0], size[1]), chromedp.Navigate(ts.Server.URL+"/")); err != nil {
				t.Fatal(err)
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(artifactsDir, fmt.Sprintf("imported-home-screen-%d.png", size[0])), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if w, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('.logo__image').getBoundingClientRect().width / document.querySelector('.logo__image').getBoundingClientRect().height`)); w < 4.9 || w > 5.1 {
			t.Errorf("the 300×60 logo is drawn at a ratio of %.2f, not 5", w)
		}
	})
	b.assertNoConsoleErrors(t)
}

// TestImportedSitePagesAreValidHTML checks the same pages of the imported site with the Nu
// HTML Checker.
func TestImportedSitePagesAreValidHTML(t *testing.T) {
	java := requireVNU(t)
	ts, pages := newImportedXMR(t)
	dir := t.TempDir()
	for _, p := range pages {
		status, body := fetch(t, ts.Server.URL+p.path)
		if status != http.StatusOK {
			t.Fatalf("%s: status %d", p.path, status)
		}
		if err := os.WriteFile(filepath.Join(dir, p.name+".html"), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range runVNU(t, java, dir) {
		t.Errorf("%s line %d: %s: %s\n\t%q", filepath.Base(m.URL), m.LastLine, m.Type, m.Message, m.Extract)
	}
}
