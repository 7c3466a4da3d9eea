package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// artifactsDir is where browser tests leave screenshots, at the repository root (git-ignored).
const artifactsDir = "../../test-artifacts"

// browser is a headless Chromium tab that records the page's console errors and exceptions.
type browser struct {
	ctx context.Context

	mu       sync.Mutex
	problems []string
}

// newBrowser starts headless Chromium for one test. Without Chromium the test skips, unless
// GAZETTE_BROWSER_TESTS=1 (as in `make test`) says the browser tests must run.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	return newBrowserWithin(t, 2*time.Minute)
}

// newBrowserWithin is newBrowser for a test that needs the browser longer than two minutes.
func newBrowserWithin(t *testing.T, limit time.Duration) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("GAZETTE_BROWSER_TESTS") == "1" {
			t.Fatal("GAZETTE_BROWSER_TESTS=1 but chromium is not installed: run scripts/install-test-deps.sh")
		}
		t.Skip("chromium not installed; set GAZETTE_BROWSER_TESTS=1 to make this a failure")
	}
	profile := filepath.Join(t.TempDir(), "profile")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(tabCtx, limit)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
		// Chromium's helper processes can write to the profile for a moment after the
		// browser exits, which would make the TempDir cleanup fail; retry until it is gone.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})

	b := &browser{ctx: ctx}
	// Listen starts the browser; its func runs on the tab's read loop, so it only records.
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				b.record("console.error: " + consoleArgs(ev.Args))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
			b.record(fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
		}
	})
	if err != nil {
		t.Fatalf("start chromium %s: %v", path, err)
	}
	return b
}

func (b *browser) record(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, s)
}

// assertNoConsoleErrors fails the test for every console error or exception seen so far.
func (b *browser) assertNoConsoleErrors(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("browser console: %s", p)
	}
}

func chromiumPath() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

func consoleArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func TestBrowserReadsDemoAndImportedArticle(t *testing.T) {
	const corpus = "xmr-ru__xmr_ru"
	ts := newTestSite(t, corpusDir(t, corpus))
	imported := datedArticle(t, filepath.Join(corpusDir(t, corpus), "hugo-list-all.csv"))
	if _, err := ts.Store.ResolvePath(context.Background(), imported.path); err != nil {
		t.Fatalf("imported article %s (%q) not in the store: %v", imported.path, imported.title, err)
	}
	settings, err := ts.Store.SiteSettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	ctx := b.ctx

	t.Run("home", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.Server.URL+"/")); err != nil {
			t.Fatalf("navigate home: %v", err)
		}
		title, err := chromedp.Run(ctx, chromedp.Title())
		if err != nil {
			t.Fatal(err)
		}
		if title != settings.Title || title == "" {
			t.Errorf("home title = %q, want the site title %q", title, settings.Title)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=list-item]').length`))
		if err != nil {
			t.Fatal(err)
		}
		if n < 1 {
			t.Fatal("home page lists no [data-testid=list-item]")
		}
		checkLayout(t, ctx, "home")
	})

	t.Run("click first article", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.Server.URL+"/")); err != nil {
			t.Fatalf("navigate home: %v", err)
		}
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`[data-testid=list-item] a[href]`)))
		if err != nil {
			t.Fatalf("click first article: %v", err)
		}
		if resp.Status != 200 {
			t.Errorf("article %s: status %d", resp.URL, resp.Status)
		}
		h1 := visibleText(t, ctx, "h1.post__title")
		if h1 == "" {
			t.Error("article h1.post__title is empty")
		}
		checkLayout(t, ctx, "article")
	})

	t.Run("imported article", func(t *testing.T) {
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(ts.Server.URL+imported.escaped))
		if err != nil {
			t.Fatalf("navigate %s: %v", imported.escaped, err)
		}
		if resp.Status != 200 {
			t.Fatalf("%s: status %d", imported.escaped, resp.Status)
		}
		if got := visibleText(t, ctx, "h1.post__title"); got != imported.title {
			t.Errorf("%s: title %q, want %q (hugo list all)", imported.escaped, got, imported.title)
		}
		checkLayout(t, ctx, "imported")
	})

	b.assertNoConsoleErrors(t)
}

// visibleText waits for the selector to be visible and returns its trimmed text.
func visibleText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
		t.Fatalf("wait for %s: %v", sel, err)
	}
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// checkLayout renders the current page on a phone and on a desktop: no horizontal scroll at
// either width, and a full-page screenshot of each in test-artifacts/NAME-WIDTH.png.
func checkLayout(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if err := os.MkdirAll(artifactsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int64{375, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
			t.Fatalf("viewport %d: %v", width, err)
		}
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](
			`document.documentElement.scrollWidth - window.innerWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if overflow > 0 {
			t.Errorf("%s at %dpx scrolls sideways: content is %dpx wider than the window", name, width, overflow)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s-%d: %v", name, width, err)
		}
		file := filepath.Join(artifactsDir, fmt.Sprintf("%s-%d.png", name, width))
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.ResetViewport()); err != nil {
		t.Fatal(err)
	}
}

// hugoListRow is one row of a corpus's `hugo list all` output.
type hugoListRow struct {
	title     string
	path      string // unescaped, as the store's path index keys it
	escaped   string // as a link writes it
	published bool   // not a draft, a real date, publish date reached, no expiry date
}

// readHugoList reads a corpus's `hugo list all` CSV. Permalinks lose their scheme and host.
func readHugoList(t testing.TB, file string) []hugoListRow {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(rows) < 2 {
		t.Fatalf("%s: no articles", file)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, name := range []string{"title", "date", "publishDate", "expiryDate", "draft", "permalink"} {
		if _, ok := col[name]; !ok {
			t.Fatalf("%s: no %q column", file, name)
		}
	}
	now := time.Now()
	var out []hugoListRow
	for _, r := range rows[1:] {
		u, err := url.Parse(r[col["permalink"]])
		if err != nil || u.Path == "" {
			continue
		}
		row := hugoListRow{title: strings.TrimSpace(r[col["title"]]), path: u.Path, escaped: u.EscapedPath()}
		date, err1 := time.Parse(time.RFC3339, r[col["date"]])
		pub, err2 := time.Parse(time.RFC3339, r[col["publishDate"]])
		exp, err3 := time.Parse(time.RFC3339, r[col["expiryDate"]])
		row.published = err1 == nil && err2 == nil && err3 == nil && r[col["draft"]] == "false" &&
			date.Year() > 1 && !date.After(now) && !pub.After(now) && exp.Year() <= 1
		out = append(out, row)
	}
	return out
}

// datedArticle returns the first published article with a real date and a title in a
// `hugo list all` CSV.
func datedArticle(t testing.TB, file string) hugoListRow {
	t.Helper()
	for _, r := range readHugoList(t, file) {
		if r.published && r.title != "" {
			return r
		}
	}
	t.Fatalf("%s: no published article with a date", file)
	return hugoListRow{}
}
