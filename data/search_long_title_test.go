package data

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// A long query that is an older article's exact title finds that article first, even when
// more articles than checkDepth hold its words (the title and phrase walks are skipped then),
// and the other matches follow, lead matches first.
func TestSearchLongExactTitleFirst(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	var list []Article
	for i := range 60 {
		a := article(fmt.Sprintf("content/news/l%02d.md", i), fmt.Sprintf("/news/l%02d/", i), fmt.Sprintf("Report %02d", i), now.Add(-time.Duration(i)*time.Hour))
		a.PlainText = "The council met. Harbour fees rose at the quay; a new ferry was named after the storm."
		if i == 7 {
			a.Lead = "Council harbour ferry storm."
		}
		list = append(list, a)
	}
	old := article("content/news/old.md", "/news/old/", "Council harbour ferry storm", now.AddDate(-2, 0, 0))
	old.PlainText = "An old story."
	if _, err := s.SaveArticles(context.Background(), append(list, old)); err != nil {
		t.Fatal(err)
	}
	got := searchTitles(t, s, SearchQuery{Text: "council HARBOUR ferry  storm", Limit: 3})
	want := []string{"Council harbour ferry storm", "Report 07", "Report 00"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
