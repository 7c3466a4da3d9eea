package handlers

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"gazette/data"
)

// TestCommentReadersShareAnAddress: two readers behind one address read the article from the
// shared cache, and each posts a comment and then a second one; nothing is refused.
func TestCommentReadersShareAnAddress(t *testing.T) {
	t.Parallel()
	ts := commentSite(t, "moderated")
	ann, bob := newDeskClient(t, ts), newDeskClient(t, ts)
	for i, reader := range []*deskClient{ann, bob, ann, bob} {
		name := []string{"Ann", "Bob"}[i%2]
		_, d := reader.page("/post/one/")
		if i < 2 && d.Find("input[name=token]").Length() != 0 {
			t.Fatalf("the shared page carries a form token")
		}
		resp := reader.postComment("/post/one/", name, name+"'s comment number "+string(rune('1'+i/2)))
		if c := storedComment(t, ts, commentID(t, resp)); c.Status != data.CommentPending || c.Name != name {
			t.Errorf("post %d: %s by %s", i, c.Status, c.Name)
		}
	}
	for _, reader := range []*deskClient{ann, bob} {
		if _, d := reader.page("/post/one/"); d.Find("[data-testid=comment-held]").Length() != 2 {
			t.Errorf("a reader does not see their two comments held")
		}
	}
}

// TestCommentBotCaughtWhateverTheCache: a robot that posts half a second after fetching the
// form is caught, whether the article page it came from was rendered for it or served from the
// cache five minutes after its render (the token's time is the form's, never the page's).
func TestCommentBotCaughtWhateverTheCache(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		age  time.Duration // how long the article page has been in the cache
	}{{"cache miss", 0}, {"cache hit", 5 * time.Minute}} {
		t.Run(tc.name, func(t *testing.T) {
			ts := commentSite(t, "open")
			ts.get(t, "/post/one/")
			ts.clock.Add(tc.age)
			bot := newDeskClient(t, ts)
			_, d := bot.page("/post/one/")
			link := d.Find("[data-testid=comment-write]").AttrOr("href", "")
			_, d = bot.page(link)
			form := readForm(d.Find("form[data-testid=comment-form]"))
			form.Set("name", "Bot")
			form.Set("body", "Great article, visit my site.")
			ts.clock.Add(500 * time.Millisecond)
			resp, _ := bot.post(d.Find("form[data-testid=comment-form]").AttrOr("action", ""), form)
			if c := storedComment(t, ts, commentID(t, resp)); c.Status != data.CommentSpam || !strings.Contains(c.SpamReason, "after the form was shown") {
				t.Errorf("a post 0.5 s after the form: %s %q", c.Status, c.SpamReason)
			}
		})
	}
	t.Run("no token from the shared page", func(t *testing.T) {
		ts := commentSite(t, "open")
		resp, _ := newDeskClient(t, ts).post(commentPostURL(articleID(t, ts, "/post/one/")), url.Values{"name": {"Bot"}, "body": {"Hi"}})
		if all, _ := ts.store.CommentCounts(context.Background(), 0); resp.StatusCode != http.StatusForbidden || len(all) != 0 {
			t.Errorf("status %d, stored %v", resp.StatusCode, all)
		}
	})
}

// TestCommentTokenReplayedInParallel: five posts at once with one token, from five addresses:
// exactly one is taken.
func TestCommentTokenReplayedInParallel(t *testing.T) {
	t.Parallel()
	ts := commentSite(t, "open")
	h := behindProxy(t, ts, "10.0.0.0/8")
	action, form := newDeskClient(t, ts).commentForm("/post/one/")
	form.Set("name", "Ada")
	form.Set("body", "Only once, please.")
	var wg sync.WaitGroup
	codes := make(chan int, 5)
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := httptest.NewRequest(http.MethodPost, action, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.RemoteAddr = "10.0.0.1:4000"
			req.Header.Set("X-Forwarded-For", "192.0.2."+string(rune('1'+i)))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			codes <- rec.Code
		}()
	}
	wg.Wait()
	close(codes)
	got := map[int]int{}
	for c := range codes {
		got[c]++
	}
	if got[http.StatusSeeOther] != 1 || got[http.StatusForbidden] != 4 {
		t.Errorf("answers %v, want one 303 and four 403", got)
	}
}
