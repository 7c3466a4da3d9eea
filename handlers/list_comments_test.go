package handlers

import (
	"context"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"gazette/data"
)

// listCommentCount is the comment count a list page shows beside the article at permalink:
// its text and link, ok false when there is none.
func listCommentCount(t *testing.T, ts *testServer, list, permalink string) (text, href string, ok bool) {
	t.Helper()
	var item *goquery.Selection
	doc(t, ts.get(t, list)).Find("[data-testid=list-item]").Each(func(_ int, s *goquery.Selection) {
		if s.Find(".list__title a").AttrOr("href", "") == permalink {
			item = s
		}
	})
	if item == nil {
		t.Fatalf("%s does not list %s", list, permalink)
	}
	a := item.Find("[data-testid=meta] [data-testid=meta-comments]")
	if a.Length() == 0 {
		return "", "", false
	}
	return a.Text(), a.AttrOr("href", ""), true
}

// TestListCommentCounts: list items show how many approved comments readers see, linked to the
// discussion, and nothing for pending comments, a hidden discussion or comments turned off.
func TestListCommentCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := commentSite(t, "moderated")
	one, two := articleID(t, ts, "/post/one/"), articleID(t, ts, "/post/two/")
	add := func(article int64, status data.CommentStatus) int64 {
		t.Helper()
		ids, err := ts.store.AddComments(ctx, []data.NewComment{{ArticleID: article, Status: status, Name: "Ada", Body: "A comment."}})
		if err != nil {
			t.Fatal(err)
		}
		return ids[0]
	}
	if _, _, ok := listCommentCount(t, ts, "/", "/post/one/"); ok {
		t.Errorf("a count with no comments")
	}
	add(one, data.CommentApproved)
	add(one, data.CommentApproved)
	add(one, data.CommentPending)
	add(one, data.CommentSpam)
	held := add(two, data.CommentPending)

	for _, list := range []string{"/", "/post/", "/tags/harbour/", "/categories/news/"} {
		t.Run("approved only on "+list, func(t *testing.T) {
			text, href, ok := listCommentCount(t, ts, list, "/post/one/")
			if !ok || text != "2 comments" || href != "/post/one/#comments" {
				t.Errorf("count %q → %q (shown %v)", text, href, ok)
			}
		})
	}
	t.Run("pending only", func(t *testing.T) {
		if text, _, ok := listCommentCount(t, ts, "/", "/post/two/"); ok {
			t.Errorf("pending comments counted: %q", text)
		}
	})
	t.Run("one approved", func(t *testing.T) {
		if err := ts.store.SetCommentStatus(ctx, []int64{held}, data.CommentApproved); err != nil {
			t.Fatal(err)
		}
		if text, _, ok := listCommentCount(t, ts, "/", "/post/two/"); !ok || text != "1 comment" {
			t.Errorf("count %q (shown %v)", text, ok)
		}
	})
	t.Run("hidden discussion", func(t *testing.T) {
		if err := ts.store.SaveDiscussion(ctx, data.Discussion{ArticleID: one, Hidden: true}); err != nil {
			t.Fatal(err)
		}
		if text, _, ok := listCommentCount(t, ts, "/", "/post/one/"); ok {
			t.Errorf("count of a hidden discussion: %q", text)
		}
		if _, _, ok := listCommentCount(t, ts, "/", "/post/two/"); !ok {
			t.Errorf("hiding one discussion hid another's count")
		}
	})
	t.Run("comments off", func(t *testing.T) {
		set, err := ts.store.SiteSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		set.CommentsMode = "off"
		if err := ts.store.SaveSiteSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		if text, _, ok := listCommentCount(t, ts, "/", "/post/two/"); ok {
			t.Errorf("count with comments off: %q", text)
		}
	})
}
