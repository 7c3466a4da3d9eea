package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeScript is axe-core pinned in package.json, relative to this package's folder.
const axeScript = "../../node_modules/axe-core/axe.min.js"

// axeViolation is the part of an axe-core violation a failure message needs.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// TestBrowserReaderPages opens each kind of reader page in Chromium at a phone's and a
// desktop's width: no sideways scroll, the sidebar beside the main column on a desktop and
// below it on a phone, no console errors, and no serious or critical axe-core violation.
// Screenshots land in test-artifacts/.
func TestBrowserReaderPages(t *testing.T) {
	axe := readAxe(t)
	ts := newTestSite(t)
	b := newBrowser(t)
	ctx := b.ctx
	for _, pg := range []struct{ name, path, sidebar string }{
		{"home", "/", "right"},
		{"article", "/news/tide-tables-explained/", "right"},
		{"tag", "/tags/harbour/", "right"},
		{"tags", "/tags/", "right"},
		{"archive", "/archive/", "right"},
		{"spanish", "/es/", "right"},
		{"not-found", "/no-such-page/", "right"},
	} {
		t.Run(pg.name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.Server.URL+pg.path)); err != nil {
				t.Fatalf("navigate %s: %v", pg.path, err)
			}
			checkLayout(t, ctx, "reader-"+pg.name)
			for width, want := range map[int64]string{1280: pg.sidebar, 375: "below"} {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
					t.Fatal(err)
				}
				if got := sidebarPlacement(t, ctx); got != want {
					t.Errorf("%s at %dpx: sidebar %s, want %s", pg.path, width, got, want)
				}
			}
			if err := chromedp.Do(ctx, chromedp.ResetViewport()); err != nil {
				t.Fatal(err)
			}
			if pg.name == "home" || pg.name == "article" || pg.name == "tag" {
				violations := runAxe(t, ctx, axe)
				t.Logf("%s: %d axe violations", pg.path, len(violations))
				for _, v := range violations {
					t.Logf("axe %s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Errorf("%s: axe %s (%s): %s at %s", pg.path, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
					}
				}
			}
		})
	}
	b.assertNoConsoleErrors(t)
}

// sidebarPlacement says where the sidebar stands relative to the main column.
func sidebarPlacement(t *testing.T, ctx context.Context) string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const s = document.querySelector('[data-testid=sidebar]'), m = document.querySelector('main');
		if (!s) return 'none';
		const sr = s.getBoundingClientRect(), mr = m.getBoundingClientRect();
		if (sr.top >= mr.bottom - 1) return 'below';
		if (sr.left >= mr.right - 1) return 'right';
		if (sr.right <= mr.left + 1) return 'left';
		return 'overlapping';
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// readAxe loads axe-core, skipping without it unless GAZETTE_BROWSER_TESTS=1 says it must run.
func readAxe(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(axeScript)
	if err != nil {
		if os.Getenv("GAZETTE_BROWSER_TESTS") == "1" {
			t.Fatalf("GAZETTE_BROWSER_TESTS=1 but axe-core is missing (%v): run scripts/install-test-deps.sh", err)
		}
		t.Skipf("axe-core unavailable (%v)", err)
	}
	return string(src)
}

// runAxe injects axe-core into the page (DevTools evaluation is not bound by the page's CSP) and
// returns the violations of WCAG 2 A and AA rules and best practices.
func runAxe(t *testing.T, ctx context.Context, axe string) []axeViolation {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {
			runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
			resultTypes: ['violations']
		}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
			nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	return v
}
