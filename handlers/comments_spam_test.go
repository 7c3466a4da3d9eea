package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gazette/data"
)

func TestCommentSpamRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		change func(ts *testServer, form url.Values)
		reason string
	}{
		{"honeypot", func(_ *testServer, f url.Values) { f.Set("homepage", "http://spam.example") }, "honeypot"},
		{"too fast", func(ts *testServer, _ url.Values) { ts.clock.Add(-19 * time.Second) }, "after the form was shown"},
		{"links", func(_ *testServer, f url.Values) {
			f.Set("body", "http://a.example http://b.example http://c.example")
		}, "3 links"},
		{"blocked word", func(_ *testServer, f url.Values) { f.Set("body", "Cheap VIAGRA here") }, "blocklist: word viagra"},
		{"blocked domain", func(_ *testServer, f url.Values) { f.Set("website", "https://www.pills.example/") }, "blocklist: domain pills.example"},
		{"blocked email domain", func(_ *testServer, f url.Values) { f.Set("email", "x@pills.example") }, "blocklist: domain pills.example"},
		{"blocked address", func(ts *testServer, _ url.Values) {
			cs, _ := ts.store.CommentSettings(context.Background())
			cs.BlockedIPs = []string{"127.0.0.0/8"}
			ts.store.SaveCommentSettings(context.Background(), cs)
		}, "blocklist: address 127.0.0.0/8"},
		{"duplicate", func(ts *testServer, f url.Values) {
			target, _ := ts.store.ResolvePath(context.Background(), "/post/one/")
			ts.store.AddComments(context.Background(), []data.NewComment{{ArticleID: target.ArticleID,
				Status: data.CommentApproved, Name: "Someone", Body: "  SAME text\n here ", IP: "192.0.2.1"}})
			f.Set("body", "same text here")
		}, "duplicate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := commentSite(t, "open")
			cs := data.DefaultCommentSettings()
			cs.BlockedWords, cs.BlockedDomains = []string{"viagra"}, []string{"pills.example"}
			ts.store.SaveCommentSettings(ctx, cs)
			reader := newDeskClient(t, ts)
			action, form := reader.commentForm("/post/one/")
			form.Set("name", "Sam")
			form.Set("body", "An ordinary comment.")
			tc.change(ts, form)
			resp, _ := reader.post(action, form)
			id := commentID(t, resp)
			c := storedComment(t, ts, id)
			if c.Status != data.CommentSpam || !strings.Contains(c.SpamReason, tc.reason) {
				t.Errorf("status %s reason %q, want spam %q", c.Status, c.SpamReason, tc.reason)
			}
			// Its author sees it awaiting moderation like any held comment; others see nothing.
			_, d := reader.page("/post/one/")
			if d.Find("#comment-"+strconv.FormatInt(id, 10)+" [data-testid=comment-held]").Length() != 1 {
				t.Errorf("the author does not see it held")
			}
			_, d = newDeskClient(t, ts).page("/post/one/")
			if d.Find("#comment-"+strconv.FormatInt(id, 10)).Length() != 0 {
				t.Errorf("spam shown to readers")
			}
		})
	}
}

// TestCommentFlood sends 2,000 posts from one address, then 2,000 from 50 addresses through a
// trusted proxy, each with a fresh valid form token sent at once (a robot that reloads the form
// every time), while readers keep reading and another reader comments. What is stored stays
// within the budget, the rest is refused with 429 and Retry-After, and the reader's comment is
// kept. Correctness only; the rate is measured in BenchmarkCommentFlood.
func TestCommentFlood(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		addresses int
		maxStored int // the budget that binds
	}{
		{"one address", 1, data.DefaultCommentSettings().PerAddressHour},
		{"50 addresses behind a proxy", 50, data.DefaultCommentSettings().PerArticleHour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := commentSite(t, "moderated")
			h := behindProxy(t, ts, "10.0.0.0/8")
			counts, reads, badReads, legit := floodComments(t, ts, h, tc.addresses)
			all, _ := ts.store.CommentCounts(context.Background(), articleID(t, ts, "/post/one/"))
			stored := all[data.CommentSpam] + all[data.CommentPending] - 1 // less the reader's
			if stored > tc.maxStored || all[data.CommentApproved] != 0 {
				t.Errorf("stored %v, want at most %d flood rows", all, tc.maxStored)
			}
			if counts[http.StatusSeeOther] != stored || counts[http.StatusSeeOther]+counts[http.StatusTooManyRequests] != 2000 {
				t.Errorf("flood answers %v, %d rows stored", counts, stored)
			}
			if badReads != 0 || reads == 0 {
				t.Errorf("readers: %d of %d reads failed", badReads, reads)
			}
			if legit.Code != http.StatusSeeOther {
				t.Fatalf("legitimate comment: status %d", legit.Code)
			}
			if c := storedComment(t, ts, commentIDFrom(t, legit.Header().Get("Location"))); c.Status != data.CommentPending || c.IP != "198.51.100.7" {
				t.Errorf("the legitimate comment is %s from %s, want pending", c.Status, c.IP)
			}
			t.Logf("%s: answers %v, %d rows stored, %d reads during the flood", tc.name, counts, stored, reads)
		})
	}
}

// floodComments sends the flood of TestCommentFlood and one reader's comment in the middle of
// it, while two readers fetch the article; it returns the flood's status counts, the reads and
// the failed reads, and the reader's answer.
func floodComments(t *testing.T, ts *testServer, h http.Handler, addresses int) (map[int]int, int, int, *httptest.ResponseRecorder) {
	t.Helper()
	id := articleID(t, ts, "/post/one/")
	key, err := ts.store.CommentFormSecret(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	signer := data.FormSigner{Key: key}
	post := func(ip string, issued time.Time, body string) *httptest.ResponseRecorder {
		form := url.Values{"token": {signer.Issue(id, issued)}, "name": {"Bot"}, "body": {body}}
		req := httptest.NewRequest(http.MethodPost, commentPostURL(id), strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = "10.0.0.1:4000"
		req.Header.Set("X-Forwarded-For", ip)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code == http.StatusTooManyRequests && rec.Header().Get("Retry-After") == "" {
			t.Errorf("429 without Retry-After")
		}
		return rec
	}
	stop := make(chan struct{})
	var readers sync.WaitGroup
	var reads, badReads int
	var mu sync.Mutex
	for range 2 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/post/one/", nil))
				mu.Lock()
				reads++
				if rec.Code != http.StatusOK {
					badReads++
				}
				mu.Unlock()
				time.Sleep(time.Millisecond)
			}
		}()
	}
	var flood sync.WaitGroup
	codes := make(chan int, 2000)
	for w := range 32 {
		flood.Add(1)
		go func() {
			defer flood.Done()
			for i := w; i < 2000; i += 32 {
				ip := "203.0.113." + strconv.Itoa(1+i%addresses)
				codes <- post(ip, ts.clock.Now(), fmt.Sprintf("Buy now %d", i)).Code
			}
		}()
	}
	legit := post("198.51.100.7", ts.clock.Now().Add(-time.Minute), "A real reader's point, posted during the flood.")
	flood.Wait()
	close(stop)
	readers.Wait()
	close(codes)
	counts := map[int]int{}
	for c := range codes {
		counts[c]++
	}
	return counts, reads, badReads, legit
}
