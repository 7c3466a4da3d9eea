package data

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// With more candidates than checkDepth but all of the matches read (fewer than searchDepth),
// title and phrase matches are marked by walks over the candidates' dates: an older article
// with the words in its title still ranks first, one with them side by side next, and the
// rest newest first. A quoted phrase still finds a title that has it in other word forms
// (the title index stems, the pair index that found the candidates does not).
func TestSearchMarksAmongAllMatches(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	var list []Article
	for i := range 3 * checkDepth {
		a := article(fmt.Sprintf("content/news/m%03d.md", i), fmt.Sprintf("/news/m%03d/", i), fmt.Sprintf("Report %03d", i), now.Add(-time.Duration(i)*time.Hour))
		a.PlainText = "Harbour news: the ferry was late again, and the council met about the quay and the floods rising."
		list = append(list, a)
	}
	titled := article("content/news/titled.md", "/news/titled/", "Quay council", now.AddDate(-1, 0, 0))
	titled.PlainText = "The quay and the council."
	phrase := article("content/news/phrase.md", "/news/phrase/", "Old notes", now.AddDate(-1, -1, 0))
	phrase.PlainText = "Notes: council quay works."
	stemmed := article("content/news/stemmed.md", "/news/stemmed/", "Flood rises at the quay", now.AddDate(-2, 0, 0))
	stemmed.PlainText = "Water at the quay."
	if _, err := s.SaveArticles(context.Background(), append(list, titled, phrase, stemmed)); err != nil {
		t.Fatal(err)
	}
	got := searchTitles(t, s, SearchQuery{Text: "council quay", Limit: 4})
	want := []string{"Quay council", "Old notes", "Report 000", "Report 001"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("council quay: got %q, want %q", got, want)
	}
	got = searchTitles(t, s, SearchQuery{Text: `"floods rising"`, Limit: 2})
	want = []string{"Flood rises at the quay", "Report 000"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf(`"floods rising": got %q, want %q`, got, want)
	}
}
