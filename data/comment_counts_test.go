package data

import (
	"context"
	"maps"
	"testing"
	"time"
)

// TestShownCommentCounts: one query counts approved comments per article, leaving out pending
// and spam ones and every comment of a discussion an editor hid.
func TestShownCommentCounts(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	list := []Article{
		article("a.md", "/a/", "A", now.Add(-3*time.Hour)),
		article("b.md", "/b/", "B", now.Add(-2*time.Hour)),
		article("c.md", "/c/", "C", now.Add(-time.Hour)),
	}
	if _, err := s.SaveArticles(ctx, list); err != nil {
		t.Fatal(err)
	}
	a, b, c := list[0].ID, list[1].ID, list[2].ID
	var add []NewComment
	for _, x := range []struct {
		id     int64
		status CommentStatus
	}{{a, CommentApproved}, {a, CommentApproved}, {a, CommentPending}, {a, CommentSpam}, {b, CommentApproved}, {c, CommentTrash}} {
		add = append(add, NewComment{ArticleID: x.id, Status: x.status, Name: "Ada", Body: "Hello."})
	}
	if _, err := s.AddComments(ctx, add); err != nil {
		t.Fatal(err)
	}
	got, err := s.ShownCommentCounts(ctx, []int64{a, b, c})
	if want := map[int64]int{a: 2, b: 1}; err != nil || !maps.Equal(got, want) {
		t.Errorf("counts %v (%v), want %v", got, err, want)
	}
	if err := s.SaveDiscussion(ctx, Discussion{ArticleID: a, Hidden: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDiscussion(ctx, Discussion{ArticleID: b, Closed: true}); err != nil {
		t.Fatal(err)
	}
	got, err = s.ShownCommentCounts(ctx, []int64{a, b, c})
	if want := map[int64]int{b: 1}; err != nil || !maps.Equal(got, want) {
		t.Errorf("with a hidden and a closed discussion: counts %v (%v), want %v", got, err, want)
	}
	if got, err := s.ApprovedCommentCounts(ctx, []int64{a}); err != nil || got[a] != 2 {
		t.Errorf("approved counts ignore the switches: %v (%v)", got, err)
	}
	if got, err := s.ShownCommentCounts(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no articles: %v (%v)", got, err)
	}
}
