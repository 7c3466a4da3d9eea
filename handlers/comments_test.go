package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gazette/data"
)

func TestCommentPostModerated(t *testing.T) {
	t.Parallel()
	ts := commentSite(t, "moderated")
	reader := newDeskClient(t, ts)
	action, form := reader.commentForm("/post/one/")
	form.Set("name", "Ada")
	form.Set("email", "ada@secret.example")
	form.Set("body", "Hello <script>alert(1)</script>\nsee https://example.org/x. and javascript:alert(1)")
	resp, _ := reader.post(action, form)
	id := commentID(t, resp)
	if loc := resp.Header.Get("Location"); loc != "/post/one/#comment-"+strconv.FormatInt(id, 10) {
		t.Errorf("location %q", loc)
	}
	if c := storedComment(t, ts, id); c.Status != data.CommentPending {
		t.Fatalf("status %s (%s)", c.Status, c.SpamReason)
	}
	// The author sees it held, with the email remembered but not written into the page.
	page, d := reader.page("/post/one/")
	if cc := page.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("a reader's own view is cacheable: %q", cc)
	}
	sel := "#comment-" + strconv.FormatInt(id, 10)
	if d.Find(sel+" [data-testid=comment-held]").Length() != 1 {
		t.Errorf("the author does not see the comment held")
	}
	body, _ := d.Find(sel + " [data-testid=comment-body]").Html()
	if strings.Contains(body, "<script") || !strings.Contains(body, `<a href="https://example.org/x" rel="nofollow ugc">`) || strings.Contains(body, `href="javascript`) {
		t.Errorf("body HTML %s", body)
	}
	html, _ := d.Html()
	if strings.Contains(html, "secret.example") || d.Find("[data-testid=email-remembered]").Length() != 1 {
		t.Errorf("the email is in the page, or not remembered")
	}
	if v := d.Find("[data-testid=comment-name]").AttrOr("value", ""); v != "Ada" {
		t.Errorf("name not remembered: %q", v)
	}
	other := newDeskClient(t, ts)
	resp2, d2 := other.page("/post/one/")
	if d2.Find("[data-testid=comment]").Length() != 0 {
		t.Errorf("a held comment is shown to other readers")
	}
	if cc := resp2.Header.Get("Cache-Control"); cc != string(cacheRevalidate) {
		t.Errorf("article with a discussion: Cache-Control %q", cc)
	}
}

func TestCommentModes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		mode   string
		status int
		want   data.CommentStatus
	}{
		{"open", http.StatusSeeOther, data.CommentApproved},
		{"moderated", http.StatusSeeOther, data.CommentPending},
		{"", http.StatusSeeOther, data.CommentPending},
		{"trusted", http.StatusSeeOther, data.CommentPending},
		{"closed", http.StatusForbidden, ""},
		{"off", http.StatusForbidden, ""},
	} {
		t.Run("mode "+tc.mode, func(t *testing.T) {
			ts := commentSite(t, "open")
			reader := newDeskClient(t, ts)
			action, form := reader.commentForm("/post/one/")
			set, _ := ts.store.SiteSettings(context.Background())
			set.CommentsMode = tc.mode
			ts.store.SaveSiteSettings(context.Background(), set)
			form.Set("name", "Ada")
			form.Set("body", "A fair point about the harbour.")
			resp, d := reader.post(action, form)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d: %s", resp.StatusCode, d.Find("[data-testid=comment-message]").Text())
			}
			if tc.want != "" {
				if c := storedComment(t, ts, commentID(t, resp)); c.Status != tc.want {
					t.Errorf("status %s", c.Status)
				}
				return
			}
			if d.Find("[data-testid=kept-text]").Text() != "A fair point about the harbour." {
				t.Errorf("the refused text is not given back")
			}
			_, page := reader.page("/post/one/")
			if page.Find("[data-testid=comment-form]").Length() != 0 {
				t.Errorf("a form is shown in mode %s", tc.mode)
			}
			if tc.mode == "off" && page.Find("[data-testid=comments]").Length() != 0 {
				t.Errorf("comments shown with the site mode off")
			}
		})
	}
	t.Run("trusted commenter published at once", func(t *testing.T) {
		ts := commentSite(t, "trusted")
		reader := newDeskClient(t, ts)
		action, form := reader.commentForm("/post/one/")
		form.Set("name", "Ada")
		form.Set("email", "ada@example.org")
		form.Set("body", "First words.")
		resp, _ := reader.post(action, form)
		first := commentID(t, resp)
		ts.store.SetCommentStatus(context.Background(), []int64{first}, data.CommentApproved)
		ts.clock.Add(time.Minute)
		action, form = reader.commentForm("/post/two/")
		form.Set("name", "Ada")
		form.Set("email", "ada@example.org")
		form.Set("body", "Second words.")
		resp, _ = reader.post(action, form)
		if c := storedComment(t, ts, commentID(t, resp)); c.Status != data.CommentApproved {
			t.Errorf("trusted commenter held: %s", c.Status)
		}
	})
	t.Run("article comments false", func(t *testing.T) {
		files := map[string]string{}
		for k, v := range basicSite {
			files[k] = v
		}
		files["content/post/quiet.md"] = "---\ntitle: Quiet\ndate: 2026-11-01\ncomments: false\n---\nNo talk.\n"
		ts := newTestServer(t, files)
		reader := newDeskClient(t, ts)
		_, d := reader.page("/post/quiet/")
		if d.Find("[data-testid=comments]").Length() != 0 {
			t.Errorf("comments shown on an article with comments: false")
		}
		signer, _ := ts.store.CommentFormSecret(context.Background())
		id := articleID(t, ts, "/post/quiet/")
		resp, d := reader.post(commentPostURL(id), url.Values{"token": {data.FormSigner{Key: signer}.Issue(id, ts.clock.Now().Add(-time.Minute))},
			"name": {"Ada"}, "body": {"Let me in."}})
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(d.Find("[data-testid=comment-message]").Text(), "off") {
			t.Errorf("post to an article with comments off: %d %q", resp.StatusCode, d.Find("[data-testid=comment-message]").Text())
		}
	})
}

func TestDiscussionSwitches(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name       string
		d          data.Discussion
		siteDays   int
		shown      bool
		commentsOK bool
	}{
		{"closed", data.Discussion{Closed: true}, 0, true, true},
		{"hidden", data.Discussion{Hidden: true}, 0, false, false},
		{"auto-closed by the article", data.Discussion{CloseAfterDays: intPtr(7)}, 0, true, true},
		{"auto-closed by the site", data.Discussion{}, 7, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := commentSite(t, "open")
			reader := newDeskClient(t, ts)
			if resp := reader.postComment("/post/one/", "Ada", "Posted while open."); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d", resp.StatusCode)
			}
			action, form := reader.commentForm("/post/one/")
			tc.d.ArticleID = articleID(t, ts, "/post/one/")
			if err := ts.store.SaveDiscussion(ctx, tc.d); err != nil {
				t.Fatal(err)
			}
			cs := data.DefaultCommentSettings()
			cs.CloseAfterDays = tc.siteDays
			ts.store.SaveCommentSettings(ctx, cs)
			form.Set("name", "Bea")
			form.Set("body", "Too late?")
			resp, d := reader.post(action, form)
			if resp.StatusCode != http.StatusForbidden || d.Find("[data-testid=comment-message]").Text() == "" {
				t.Errorf("post accepted: %d", resp.StatusCode)
			}
			_, page := newDeskClient(t, ts).page("/post/one/")
			if page.Find("[data-testid=comment-form]").Length() != 0 {
				t.Errorf("form still shown")
			}
			if got := page.Find("[data-testid=comments]").Length() == 1; got != tc.shown {
				t.Errorf("section shown %v, want %v", got, tc.shown)
			}
			if got := page.Find("[data-testid=comment]").Length() == 1; got != tc.commentsOK {
				t.Errorf("existing comment shown %v, want %v", got, tc.commentsOK)
			}
		})
	}
}

func intPtr(n int) *int { return &n }

func TestCommentBadInput(t *testing.T) {
	t.Parallel()
	ts := commentSite(t, "open")
	reader := newDeskClient(t, ts)
	id := articleID(t, ts, "/post/one/")
	t.Run("missing token", func(t *testing.T) {
		resp, d := reader.post(commentPostURL(id), url.Values{"name": {"Ada"}, "body": {"No token here."}})
		if resp.StatusCode != http.StatusForbidden || d.Find("textarea[name=body]").Text() != "No token here." ||
			d.Find("input[name=token]").AttrOr("value", "") == "" {
			t.Errorf("status %d; text and a fresh token must come back", resp.StatusCode)
		}
	})
	t.Run("token of another article", func(t *testing.T) {
		_, form := reader.commentForm("/post/two/")
		form.Set("name", "Ada")
		form.Set("body", "Wrong article.")
		if resp, _ := reader.post(commentPostURL(id), form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
	t.Run("replayed token", func(t *testing.T) {
		action, form := reader.commentForm("/post/one/")
		form.Set("name", "Ada")
		form.Set("body", "Once.")
		commentID(t, mustPost(reader, action, form))
		form.Set("body", "Twice.")
		resp, d := reader.post(action, form)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(d.Find("[data-testid=comment-message]").Text(), "already used") {
			t.Errorf("replay: %d", resp.StatusCode)
		}
	})
	t.Run("unknown article", func(t *testing.T) {
		resp, _ := reader.post("/comments/article/99999", url.Values{"name": {"Ada"}, "body": {"Hello"}})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
	t.Run("huge body", func(t *testing.T) {
		action, form := reader.commentForm("/post/one/")
		form.Set("name", "Ada")
		form.Set("body", strings.Repeat("a", 100<<10))
		if resp, _ := reader.post(action, form); resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d", resp.StatusCode)
		}
		form.Set("body", strings.Repeat("é", maxCommentRunes+1))
		resp, d := reader.post(action, form)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("[data-testid=comment-error-body]").Length() != 1 {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
	t.Run("fields", func(t *testing.T) {
		action, form := reader.commentForm("/post/one/")
		form.Set("name", "\u202e\x00\x07 ")
		form.Set("website", "javascript:alert(1)")
		form.Set("email", "not an email")
		form.Set("body", " \x01 ")
		resp, d := reader.post(action, form)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", resp.StatusCode)
		}
		for _, f := range []string{"name", "website", "email", "body"} {
			if d.Find("[data-testid=comment-error-"+f+"]").Length() != 1 {
				t.Errorf("no error for %s", f)
			}
		}
	})
	t.Run("names and html escaped", func(t *testing.T) {
		action, form := reader.commentForm("/post/one/")
		form.Set("name", "Eve\u202egnp.exe\u2066<b>\x1b")
		form.Set("body", `<img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href="javascript:alert(1)">y</a>`)
		cid := commentID(t, mustPost(reader, action, form))
		c := storedComment(t, ts, cid)
		if c.Name != "Eve gnp.exe <b>" {
			t.Errorf("name %q", c.Name)
		}
		_, d := newDeskClient(t, ts).page("/post/one/")
		sel := d.Find("#comment-" + strconv.FormatInt(cid, 10))
		if sel.Find("img, b, [onerror]").Length() != 0 || sel.Find("[data-testid=comment-body] a").Length() != 0 {
			t.Errorf("markup reached the page: %s", sel.Text())
		}
		if sel.Find("[data-testid=comment-author]").Text() != "Eve gnp.exe <b>" {
			t.Errorf("author %q", sel.Find("[data-testid=comment-author]").Text())
		}
	})
	t.Run("cross-site post", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+commentPostURL(id), strings.NewReader("name=a&body=b"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, _ := reader.do(req)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
}

func mustPost(c *deskClient, action string, form url.Values) *http.Response {
	c.t.Helper()
	resp, _ := c.post(action, form)
	return resp
}

func TestOwnCommentEditWindow(t *testing.T) {
	t.Parallel()
	ts := commentSite(t, "open")
	reader := newDeskClient(t, ts)
	cid := commentID(t, reader.postComment("/post/one/", "Ada", "Frist!"))
	sel := "#comment-" + strconv.FormatInt(cid, 10)
	_, d := reader.page("/post/one/")
	editURL := d.Find(sel+" [data-testid=comment-edit]").AttrOr("href", "")
	if editURL == "" {
		t.Fatal("no edit link for the author")
	}
	_, ed := reader.page(editURL)
	form := readForm(ed.Find("form[data-testid=comment-form]"))
	form.Set("body", "First!")
	if resp, _ := reader.post(editURL, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: status %d", resp.StatusCode)
	}
	if c := storedComment(t, ts, cid); c.Body != "First!" || c.Status != data.CommentApproved {
		t.Errorf("after edit: %q %s", c.Body, c.Status)
	}
	t.Run("someone else", func(t *testing.T) {
		other := newDeskClient(t, ts)
		if resp, _ := other.post(editURL, form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
	t.Run("bad token", func(t *testing.T) {
		if resp, _ := reader.post(editURL, url.Values{"token": {"x"}, "body": {"Hacked"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
	t.Run("after 15 minutes", func(t *testing.T) {
		ts.clock.Add(commentEditWindow)
		if resp, _ := reader.post(editURL, form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d", resp.StatusCode)
		}
		if resp, _ := reader.post(commentDeleteURL(cid), form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("delete: status %d", resp.StatusCode)
		}
		_, d := reader.page("/post/one/")
		if d.Find(sel+" [data-testid=comment-edit]").Length() != 0 {
			t.Errorf("edit link still shown")
		}
	})
	t.Run("delete in time", func(t *testing.T) {
		id2 := commentID(t, reader.postComment("/post/one/", "Ada", "Oops, wrong article."))
		if resp, _ := reader.post(commentDeleteURL(id2), form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if c := storedComment(t, ts, id2); c.Status != data.CommentTrash {
			t.Errorf("status %s", c.Status)
		}
	})
}
