package data

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// In a big enough archive a word found in most articles no longer has to be in every result:
// the rarer words choose the articles, and the ones with every word side by side come first.
func TestSearchCommonWordsAreNotRequired(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	var list []Article
	for i := range 200 {
		a := article(fmt.Sprintf("content/news/a%d.md", i), fmt.Sprintf("/news/a%d/", i), fmt.Sprintf("Report %d", i), now.Add(-time.Duration(i)*time.Hour))
		a.PlainText = "The council met today."
		list = append(list, a)
	}
	list[50].Title, list[50].PlainText = "Harbour dredging", "Dredging of the harbour starts."       // rare word, no "council"
	list[120].Title, list[120].PlainText = "Budget", "The council dredging plan was agreed at last." // side by side, older
	if _, err := s.SaveArticles(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	got := searchTitles(t, s, SearchQuery{Text: "council dredging"})
	if want := []string{"Budget", "Harbour dredging"}; !slices.Equal(got, want) {
		t.Errorf("council dredging: %q, want %q", got, want)
	}
	// Every word common: every word required.
	if got := searchTitles(t, s, SearchQuery{Text: "council met", Limit: 500}); len(got) != 198 {
		t.Errorf("council met: %d results, want the 198 articles with both", len(got))
	}
}
