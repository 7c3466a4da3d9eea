package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gazette/data"
)

// TestBrowserComments follows a comment through its life in two Chromium browsers, a reader's
// and an editor's: the reader posts and sees it held; the editor approves it; the reader sees
// it published; the editor closes the discussion and the form disappears.
func TestBrowserComments(t *testing.T) {
	ts := newTestSite(t)
	store := ts.Store
	bg := context.Background()
	const article = "/news/weekend-weather/"
	if _, err := store.ResolvePath(bg, article); err != nil {
		t.Fatalf("demo article %s: %v", article, err)
	}
	cs := data.DefaultCommentSettings()
	cs.MinSeconds = 1 // the reader below types faster than a person
	if err := store.SaveCommentSettings(bg, cs); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateEditor(bg, data.NewEditor{Email: "ed@example.com", Name: "Ed", Role: data.RoleEditor, Password: "a long enough password"}); err != nil {
		t.Fatal(err)
	}
	base := ts.Server.URL
	reader, editor := newBrowser(t), newBrowser(t)
	do := func(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		for _, a := range actions {
			if err := chromedp.Do(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	submit := func(t *testing.T, ctx context.Context, sel string) {
		t.Helper()
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
	}
	count := func(ctx context.Context, sel string) int {
		n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
		return n
	}

	t.Run("reader posts and sees it held", func(t *testing.T) {
		do(t, reader.ctx, chromedp.Navigate(base+article), chromedp.WaitVisible(chromedp.CSS(`[data-testid=comment-write]`)))
		submit(t, reader.ctx, `[data-testid=comment-write]`)
		do(t, reader.ctx, chromedp.WaitVisible(chromedp.CSS(`[data-testid=comment-form]`)))
		time.Sleep(1100 * time.Millisecond)
		do(t, reader.ctx, chromedp.SetValue(chromedp.CSS(`#comment-name`), "Nell Reader"),
			chromedp.SetValue(chromedp.CSS(`#comment-body`), "Frost on Sunday? My tomatoes disagree.\nhttps://example.org/tomatoes"))
		submit(t, reader.ctx, `[data-testid=comment-submit]`)
		loc, err := chromedp.Run(reader.ctx, chromedp.Location())
		if err != nil || !strings.Contains(loc, article+"#comment-") {
			t.Fatalf("after posting at %s (%v)", loc, err)
		}
		if held := visibleText(t, reader.ctx, `[data-testid=comment-held]`); held != "Awaiting moderation" {
			t.Errorf("held label %q", held)
		}
	})

	t.Run("editor approves it", func(t *testing.T) {
		do(t, editor.ctx, chromedp.Navigate(base+"/admin/login"),
			chromedp.SetValue(chromedp.CSS(`#email`), "ed@example.com"), chromedp.SetValue(chromedp.CSS(`#password`), "a long enough password"))
		submit(t, editor.ctx, `[data-testid=login-form] button[type=submit]`)
		do(t, editor.ctx, chromedp.Navigate(base+"/admin/comments/"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=queue-comment]`)))
		if menu := visibleText(t, editor.ctx, `a[href="/admin/comments/"]`); menu != "Comments (1)" {
			t.Errorf("menu %q", menu)
		}
		submit(t, editor.ctx, `[data-testid=queue-comment] [data-testid=approve]`)
		if n := count(editor.ctx, `[data-testid=queue-comment]`); n != 0 {
			t.Errorf("%d comments still pending", n)
		}
	})

	t.Run("reader sees it published", func(t *testing.T) {
		do(t, reader.ctx, chromedp.Navigate(base+article), chromedp.WaitVisible(chromedp.CSS(`[data-testid=comment]`)))
		if n := count(reader.ctx, `[data-testid=comment-held]`); n != 0 {
			t.Errorf("still held")
		}
		if got := visibleText(t, reader.ctx, `[data-testid=comment-count]`); got != "1 comment" {
			t.Errorf("count %q", got)
		}
		if rel, _ := chromedp.Run(reader.ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid=comment-body] a').rel`)); rel != "nofollow ugc" {
			t.Errorf("link rel %q", rel)
		}
	})

	t.Run("editor closes the discussion and the form disappears", func(t *testing.T) {
		target, _ := store.ResolvePath(bg, article)
		do(t, editor.ctx, chromedp.Navigate(base+"/admin/articles/"+itoa64(target.ArticleID)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid=discussion-form]`)), chromedp.Click(chromedp.CSS(`[data-testid=discussion-form] input[name=closed]`)))
		submit(t, editor.ctx, `[data-testid=save-discussion]`)
		do(t, reader.ctx, chromedp.Navigate(base+article), chromedp.WaitVisible(chromedp.CSS(`[data-testid=comments-notice]`)))
		if n := count(reader.ctx, `[data-testid=comment-form]`); n != 0 {
			t.Errorf("the form is still there")
		}
		if n := count(reader.ctx, `[data-testid=comment]`); n != 1 {
			t.Errorf("%d comments shown after closing, want the 1 approved", n)
		}
	})
	reader.assertNoConsoleErrors(t)
	editor.assertNoConsoleErrors(t)
}

// TestBrowserCommentsSharedAddress: two readers in two Chromium browsers behind one address
// (both are 127.0.0.1) read the article page from the shared cache; both post, both see their
// comment held, and each posts a second one from the article page they come back to.
func TestBrowserCommentsSharedAddress(t *testing.T) {
	ts := newTestSite(t)
	bg := context.Background()
	const article = "/news/weekend-weather/"
	cs := data.DefaultCommentSettings()
	cs.MinSeconds = 1 // the readers below type faster than a person
	if err := ts.Store.SaveCommentSettings(bg, cs); err != nil {
		t.Fatal(err)
	}
	base := ts.Server.URL
	readers := []*browser{newBrowser(t), newBrowser(t)}
	run := func(t *testing.T, b *browser, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		for _, a := range actions {
			if err := chromedp.Do(b.ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	click := func(t *testing.T, b *browser, sel string) {
		t.Helper()
		if _, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
	}
	write := func(t *testing.T, b *browser, body string) {
		t.Helper()
		run(t, b, chromedp.WaitVisible(chromedp.CSS(`[data-testid=comment-form]`)))
		time.Sleep(1100 * time.Millisecond)
		run(t, b, chromedp.SetValue(chromedp.CSS(`#comment-name`), "Reader"), chromedp.SetValue(chromedp.CSS(`#comment-body`), body))
		click(t, b, `[data-testid=comment-submit]`)
		if loc, err := chromedp.Run(b.ctx, chromedp.Location()); err != nil || !strings.Contains(loc, article+"#comment-") {
			t.Fatalf("after posting at %s (%v)", loc, err)
		}
	}
	held := func(b *browser) int {
		n, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=comment-held]').length`))
		return n
	}
	for i, b := range readers {
		run(t, b, chromedp.Navigate(base+article), chromedp.WaitVisible(chromedp.CSS(`[data-testid=comment-write]`)))
		if n, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll('input[name=token]').length`)); n != 0 {
			t.Fatalf("reader %d: the shared page carries %d form tokens", i+1, n)
		}
		click(t, b, `[data-testid=comment-write]`)
		write(t, b, "First thought from reader "+itoa64(int64(i+1)))
		if n := held(b); n != 1 {
			t.Errorf("reader %d sees %d comments held, want 1", i+1, n)
		}
	}
	for i, b := range readers {
		write(t, b, "Second thought from reader "+itoa64(int64(i+1)))
		if n := held(b); n != 2 {
			t.Errorf("reader %d sees %d comments held, want 2", i+1, n)
		}
	}
	if counts, err := ts.Store.CommentCounts(bg, 0); err != nil || counts[data.CommentPending] != 4 || counts[data.CommentSpam] != 0 {
		t.Errorf("stored %v (%v), want four held", counts, err)
	}
	for _, b := range readers {
		b.assertNoConsoleErrors(t)
	}
}

func itoa64(n int64) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
