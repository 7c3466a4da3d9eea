package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gazette/data"
)

func TestCommentModeration(t *testing.T) {
	t.Parallel()
	ts := commentSite(t, "moderated")
	reader := newDeskClient(t, ts)
	first := commentID(t, reader.postComment("/post/one/", "Ada", "Held for now."))
	second := commentID(t, reader.postComment("/post/two/", "Ada", "Another one."))
	addEditor(t, ts, "ed@news.example", data.RoleEditor)
	ed := newDeskClient(t, ts)
	ed.login("ed@news.example", testPassword)

	_, d := ed.page("/admin/comments/")
	if got := d.Find("a[href='/admin/comments/']").Text(); got != "Comments (2)" {
		t.Errorf("menu %q", got)
	}
	if d.Find("[data-testid=count-pending] span").Text() != "2" || d.Find("[data-testid=queue-comment]").Length() != 2 {
		t.Fatalf("queue: %s", d.Find("[data-testid=count-pending]").Text())
	}
	if !strings.Contains(d.Text(), "Ada") {
		t.Errorf("queue lacks the author")
	}
	csrf := d.Find("input[name=csrf]").First().AttrOr("value", "")
	act := func(path string, form url.Values) {
		t.Helper()
		form.Set("csrf", csrf)
		if resp, _ := ed.post(path, form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: status %d", path, resp.StatusCode)
		}
	}
	status := func(id int64) data.CommentStatus { return storedComment(t, ts, id).Status }

	t.Run("approve shows at once to readers", func(t *testing.T) {
		anon := newDeskClient(t, ts)
		anon.page("/post/one/") // fills the response cache
		act(actionURL(first), url.Values{"action": {"approve"}})
		if status(first) != data.CommentApproved {
			t.Fatalf("status %s", status(first))
		}
		_, d := anon.page("/post/one/")
		if d.Find("#comment-"+strconv.FormatInt(first, 10)).Length() != 1 || d.Find("[data-testid=comment-count]").Text() != "1 comment" {
			t.Errorf("approved comment not shown: %q", d.Find("[data-testid=comment-count]").Text())
		}
	})
	t.Run("spam, not spam, trash", func(t *testing.T) {
		for _, step := range []struct {
			action string
			want   data.CommentStatus
		}{{"spam", data.CommentSpam}, {"notspam", data.CommentApproved}, {"trash", data.CommentTrash}, {"approve", data.CommentApproved}} {
			act(actionURL(second), url.Values{"action": {step.action}})
			if got := status(second); got != step.want {
				t.Errorf("%s: %s", step.action, got)
			}
		}
	})
	t.Run("bulk", func(t *testing.T) {
		act("/admin/comments/bulk", url.Values{"action": {"trash"}, "id": {strconv.FormatInt(first, 10), strconv.FormatInt(second, 10)}})
		if status(first) != data.CommentTrash || status(second) != data.CommentTrash {
			t.Errorf("bulk trash: %s %s", status(first), status(second))
		}
		act("/admin/comments/bulk", url.Values{"action": {"approve"}, "id": {strconv.FormatInt(first, 10), strconv.FormatInt(second, 10)}})
	})
	t.Run("unknown action and delete by an editor", func(t *testing.T) {
		for _, a := range []string{"bogus", "delete"} {
			resp, _ := ed.post(actionURL(first), url.Values{"csrf": {csrf}, "action": {a}})
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: status %d", a, resp.StatusCode)
			}
		}
		if resp, _ := ed.post("/admin/comments/99999/status", url.Values{"csrf": {csrf}, "action": {"approve"}}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown comment: %d", resp.StatusCode)
		}
	})
	t.Run("missing token", func(t *testing.T) {
		if resp, _ := ed.post(actionURL(first), url.Values{"action": {"spam"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
	t.Run("edit", func(t *testing.T) {
		act("/admin/comments/"+strconv.FormatInt(first, 10), url.Values{"name": {"Ada L."}, "url": {"https://ada.example/"}, "body": {"Edited by the desk."}})
		c := storedComment(t, ts, first)
		if c.Name != "Ada L." || c.Body != "Edited by the desk." || !strings.Contains(c.BodyHTML, "Edited") {
			t.Errorf("edit: %+v", c)
		}
		resp, _ := ed.post("/admin/comments/"+strconv.FormatInt(first, 10), url.Values{"csrf": {csrf}, "name": {""}, "url": {"javascript:x"}, "body": {""}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("bad edit: %d", resp.StatusCode)
		}
	})
	t.Run("reply as the newsroom", func(t *testing.T) {
		act("/admin/comments/"+strconv.FormatInt(first, 10)+"/reply", url.Values{"reply": {"Thanks, fixed."}})
		_, d := newDeskClient(t, ts).page("/post/one/")
		reply := d.Find(".comments__replies [data-testid=comment]")
		if reply.Length() != 1 || reply.Find("[data-testid=editor-badge]").Length() != 1 || !strings.Contains(reply.Text(), "Thanks, fixed.") {
			t.Errorf("reply not shown with a badge: %q", reply.Text())
		}
	})
	t.Run("filter by article with its switches", func(t *testing.T) {
		id := articleID(t, ts, "/post/two/")
		_, d := ed.page("/admin/comments/?status=approved&article=" + strconv.FormatInt(id, 10))
		if d.Find("[data-testid=queue-comment]").Length() != 1 || d.Find("[data-testid=discussion-form]").Length() != 1 {
			t.Errorf("filtered queue: %d comments", d.Find("[data-testid=queue-comment]").Length())
		}
		act("/admin/articles/"+strconv.FormatInt(id, 10)+"/discussion", url.Values{"closed": {"on"}, "close_after": {"30"}})
		disc, _ := ts.store.Discussion(context.Background(), id)
		if !disc.Closed || disc.CloseAfterDays == nil || *disc.CloseAfterDays != 30 {
			t.Errorf("switches %+v", disc)
		}
		resp, _ := ed.post("/admin/articles/"+strconv.FormatInt(id, 10)+"/discussion", url.Values{"csrf": {csrf}, "close_after": {"-1"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("bad days: %d", resp.StatusCode)
		}
	})
	t.Run("spam settings are for admins", func(t *testing.T) {
		if resp, _ := ed.page("/admin/comments/settings"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("editor: %d", resp.StatusCode)
		}
		addEditor(t, ts, "boss@news.example", data.RoleAdmin)
		boss := newDeskClient(t, ts)
		boss.login("boss@news.example", testPassword)
		_, d := boss.page("/admin/comments/settings")
		form := readForm(d.Find("form[data-testid=comment-settings-form]"))
		form.Set("words", "casino\n\n viagra ")
		form.Set("ips", "203.0.113.0/24")
		if resp, _ := boss.post("/admin/comments/settings", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d", resp.StatusCode)
		}
		cs, _ := ts.store.CommentSettings(context.Background())
		if len(cs.BlockedWords) != 2 || cs.BlockedWords[1] != "viagra" || cs.BlockedIPs[0] != "203.0.113.0/24" {
			t.Errorf("settings %+v", cs)
		}
		form.Set("ips", "not-an-ip")
		form.Set("max_links", "lots")
		if resp, _ := boss.post("/admin/comments/settings", form); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("bad settings: %d", resp.StatusCode)
		}
	})
}

func TestCommentFeeds(t *testing.T) {
	t.Parallel()
	ts := commentSite(t, "open")
	reader := newDeskClient(t, ts)
	action, form := reader.commentForm("/post/one/")
	form.Set("name", "Ada")
	form.Set("email", "ada@hidden.example")
	form.Set("body", "Feed me.")
	commentID(t, mustPost(reader, action, form))
	id := articleID(t, ts, "/post/one/")
	for _, path := range []string{"/comments/feed.xml", articleCommentFeedURL(id)} {
		resp := ts.get(t, path)
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := resp.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		if resp.StatusCode != http.StatusOK || !strings.Contains(b.String(), "Feed me.") || strings.Contains(b.String(), "hidden.example") {
			t.Errorf("%s: %d %s", path, resp.StatusCode, b.String())
		}
	}
	if resp := ts.get(t, "/comments/article/99999/feed.xml"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown article feed: %d", resp.StatusCode)
	}
}

func actionURL(id int64) string { return "/admin/comments/" + strconv.FormatInt(id, 10) + "/status" }
