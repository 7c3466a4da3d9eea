package data

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"
)

// TestCommentBudget: held and spam comments stop at the address's and the article's budget,
// approved ones are not counted, a window later there is room again, and spam past the cap
// evicts the oldest.
func TestCommentBudget(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	list := []Article{article("a.md", "/a/", "A", now.Add(-3*time.Hour)), article("b.md", "/b/", "B", now.Add(-2*time.Hour))}
	if _, err := s.SaveArticles(ctx, list); err != nil {
		t.Fatal(err)
	}
	b := CommentBudget{PerAddress: 3, PerArticle: 4, Window: time.Hour, MaxSpam: 6}
	post := func(article int64, ip string, status CommentStatus) error {
		res, err := s.AddCommentsWithin(ctx, []NewComment{{ArticleID: article, Status: status, Name: "N", Body: "x", IP: ip}}, b)
		if err != nil {
			t.Fatal(err)
		}
		return res[0].Err
	}
	var spent *BudgetError
	for i := range 3 {
		if err := post(list[0].ID, "192.0.2.1", CommentSpam); err != nil {
			t.Fatalf("post %d: %v", i, err)
		}
	}
	if err := post(list[1].ID, "192.0.2.1", CommentPending); !errors.As(err, &spent) || spent.Scope != "address" || spent.RetryAfter != time.Hour {
		t.Errorf("fourth from one address: %v", err)
	}
	if err := post(list[0].ID, "192.0.2.1", CommentApproved); err != nil {
		t.Errorf("approved comments are not budgeted: %v", err)
	}
	if err := post(list[0].ID, "192.0.2.2", CommentSpam); err != nil {
		t.Fatal(err)
	}
	if err := post(list[0].ID, "192.0.2.3", CommentSpam); !errors.As(err, &spent) || spent.Scope != "article" {
		t.Errorf("fifth spam on one article: %v", err)
	}
	if err := post(list[0].ID, "192.0.2.3", CommentPending); err != nil {
		t.Errorf("held comments have their own room on the article: %v", err)
	}
	setNow(&now, now.Add(61*time.Minute))
	for i := range 6 {
		if err := post(list[1].ID, "198.51.100."+strconv.Itoa(i), CommentSpam); err != nil && i < 4 {
			t.Fatalf("a window later, post %d: %v", i, err)
		}
	}
	counts, _ := s.CommentCounts(ctx, 0)
	if counts[CommentSpam] != 6 {
		t.Errorf("spam rows %d, want the cap of 6 (%v)", counts[CommentSpam], counts)
	}
	if got, _ := s.CommentCounts(ctx, list[0].ID); got[CommentSpam] != 2 {
		t.Errorf("the oldest spam was not evicted first: %v", got)
	}
}

// TestPurgeComments: spam and trash older than the setting's days go; published and held
// comments stay, whatever their age.
func TestPurgeComments(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	list := []Article{article("a.md", "/a/", "A", now.Add(-90*24*time.Hour))}
	if _, err := s.SaveArticles(ctx, list); err != nil {
		t.Fatal(err)
	}
	var add []NewComment
	for _, st := range CommentStatuses {
		add = append(add, NewComment{ArticleID: list[0].ID, Status: st, Name: "N", Body: "old " + string(st)})
	}
	if _, err := s.AddComments(ctx, add); err != nil {
		t.Fatal(err)
	}
	setNow(&now, now.Add(29*24*time.Hour))
	if _, err := s.AddComments(ctx, []NewComment{{ArticleID: list[0].ID, Status: CommentSpam, Name: "N", Body: "new spam"}}); err != nil {
		t.Fatal(err)
	}
	setNow(&now, now.Add(2*24*time.Hour))
	if err := s.PurgeComments(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := s.CommentCounts(ctx, 0)
	if got[CommentSpam] != 1 || got[CommentTrash] != 0 || got[CommentApproved] != 1 || got[CommentPending] != 1 {
		t.Errorf("after the purge: %v", got)
	}
}
