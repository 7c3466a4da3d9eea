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

// Past the few candidates ranked from their text, phrase matches are read from the pair index
// and added; an excluded word still keeps its articles out.
func TestSearchManyMatchesObeyExclusions(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	var list []Article
	for i := range 60 {
		a := article(fmt.Sprintf("content/news/a%d.md", i), fmt.Sprintf("/news/a%d/", i), fmt.Sprintf("Report %d", i), now.Add(-time.Duration(i)*time.Hour))
		a.PlainText = "The road along the coast is open."
		list = append(list, a)
	}
	list[10].Title, list[10].PlainText = "Calm", "The coast road is calm."
	list[20].Title, list[20].PlainText = "Stormy", "The coast road storm closed it."
	if _, err := s.SaveArticles(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	got := searchTitles(t, s, SearchQuery{Text: "coast road -storm", Limit: 100})
	if len(got) != 59 || got[0] != "Calm" || slices.Contains(got, "Stormy") {
		t.Errorf("coast road -storm: %d results, first %q, Stormy in them: %v", len(got), got[0], slices.Contains(got, "Stormy"))
	}
	if got := searchTitles(t, s, SearchQuery{Text: "coast road", Limit: 100}); len(got) != 60 || !slices.Equal(got[:2], []string{"Calm", "Stormy"}) {
		t.Errorf("coast road: %d results, first %q", len(got), got[:2])
	}
}

// Past the few candidates ranked from their text, the lead part is read from the index over
// the candidates' dates: articles with every word in the lead come first, newest first, then
// the body-only matches, newest first; a lead match outside the query's words does not count.
func TestSearchManyMatchesLeadFirst(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	var list []Article
	for i := range 80 {
		a := article(fmt.Sprintf("content/news/a%d.md", i), fmt.Sprintf("/news/a%d/", i), fmt.Sprintf("Report %d", i), now.Add(-time.Duration(i)*time.Hour))
		a.Lead, a.PlainText = "Prices held.", "The ferry harbour was busy and the pier was full."
		list = append(list, a)
	}
	list[30].Title, list[30].Lead = "Lead 30", "The ferry harbour reopens."
	list[75].Title, list[75].Lead = "Lead 75", "A ferry leaves the harbour."
	list[5].Title, list[5].Lead = "Late boat", "The ferry is late." // one word: not a lead match
	if _, err := s.SaveArticles(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	got := searchTitles(t, s, SearchQuery{Text: "harbour ferry", Limit: 100})
	if len(got) != 80 || !slices.Equal(got[:4], []string{"Lead 30", "Lead 75", "Report 0", "Report 1"}) {
		t.Errorf("harbour ferry: %d results, first %q", len(got), got[:min(4, len(got))])
	}
	if i := slices.Index(got, "Late boat"); i != 2+5 {
		t.Errorf("the one-word lead ranks at %d, want 7 (a body match among them)", i)
	}
}

// How common a word is, is kept between searches (wordSamples), but not past a few minutes of
// the clock nor past a change to much of the archive: a word that became common is no longer
// required.
func TestSearchCommonWordsFollowTheArchive(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	corpus := func(t *testing.T) *Store {
		s := openTestStore(t, &now)
		var list []Article
		for i := range 200 {
			a := article(fmt.Sprintf("content/news/a%d.md", i), fmt.Sprintf("/news/a%d/", i), fmt.Sprintf("Report %d", i), now.Add(-time.Duration(i+1)*time.Hour))
			a.PlainText = "The weather today."
			list = append(list, a)
		}
		list[50].Title, list[50].PlainText = "Harbour dredging", "Dredging of the harbour starts."
		list[120].Title, list[120].PlainText = "Budget", "The council dredging plan was agreed at last."
		if _, err := s.SaveArticles(ctx, list); err != nil {
			t.Fatal(err)
		}
		if got := searchTitles(t, s, SearchQuery{Text: "council dredging"}); !slices.Equal(got, []string{"Budget"}) {
			t.Fatalf("council is rare: %q, want only the article with both", got)
		}
		return s
	}
	// newer articles that make "council" common
	newer := func(n int) []Article {
		var list []Article
		for i := range n {
			a := article(fmt.Sprintf("content/news/n%d.md", i), fmt.Sprintf("/news/n%d/", i), fmt.Sprintf("Council %d", i), now.Add(time.Duration(i)*time.Minute))
			a.PlainText = "The council met."
			list = append(list, a)
		}
		return list
	}
	want := []string{"Budget", "Harbour dredging"}
	t.Run("the clock", func(t *testing.T) {
		start := now
		t.Cleanup(func() { setNow(&now, start) })
		s := corpus(t)
		if _, err := s.SaveArticles(ctx, newer(400)); err != nil {
			t.Fatal(err)
		}
		setNow(&now, now.Add(wordSampleMaxAge*time.Second+time.Hour))
		if got := searchTitles(t, s, SearchQuery{Text: "council dredging"}); !slices.Equal(got, want) {
			t.Errorf("council dredging: %q, want %q", got, want)
		}
	})
	t.Run("an import", func(t *testing.T) {
		s := corpus(t)
		saveInBatches(t, s.SaveArticles, newer(wordSampleChurn+100), 500)
		if got := searchTitles(t, s, SearchQuery{Text: "council dredging"}); !slices.Equal(got, want) {
			t.Errorf("council dredging: %q, want %q", got, want)
		}
	})
}
