package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSearch types into the sidebar's search widget like a reader, presses Enter, and
// follows the first result to the article.
func TestBrowserSearch(t *testing.T) {
	ts := newTestSite(t)
	b := newBrowser(t)
	ctx := b.ctx
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.Server.URL+"/")); err != nil {
		t.Fatalf("navigate home: %v", err)
	}
	// SendKeys types key by key; the Enter submits the form and loads the results page.
	resp, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.CSS("#widget-search-q"), "harbour wall\r"))
	if err != nil {
		t.Fatalf("type into the search widget: %v", err)
	}
	if resp.Status != 200 || !strings.Contains(resp.URL, "/search?q=harbour+wall") {
		t.Fatalf("search: %d %s", resp.Status, resp.URL)
	}
	first := visibleText(t, ctx, "[data-testid=search-result-link]")
	if !strings.Contains(first, "Harbour wall repairs") {
		t.Errorf("first result %q", first)
	}
	marked := visibleText(t, ctx, "[data-testid=search-result] mark")
	if !strings.EqualFold(marked, "harbour") && !strings.EqualFold(marked, "wall") {
		t.Errorf("highlighted %q", marked)
	}
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS("[data-testid=search-result-link]")))
	if err != nil {
		t.Fatalf("follow the first result: %v", err)
	}
	if resp.Status != 200 {
		t.Errorf("%s: status %d", resp.URL, resp.Status)
	}
	if h1 := visibleText(t, ctx, "h1.post__title"); h1 != "Harbour wall repairs to begin after storm damage survey" {
		t.Errorf("landed on %q", h1)
	}
	b.assertNoConsoleErrors(t)
}
