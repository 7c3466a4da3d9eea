package data

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestWordPairs(t *testing.T) {
	for in, want := range map[string]string{
		"":                          "",
		"harbour":                   "",
		"Harbour Wall":              "harbour_wall",
		"The café, by the quay!":    "the_cafe cafe_by by_the the_quay",
		"Déjà-vu 3.5 times":         "deja_vu vu_3 3_5 5_times",
		"Гавань  открыта":           "гавань_открыта",
		"snake_case isn't one word": "snake_case case_isn isn_t t_one one_word",
		"\xff broken \xfe utf8":     "broken_utf8",
	} {
		if got := wordPairs(in); got != want {
			t.Errorf("wordPairs(%q) = %q, want %q", in, got, want)
		}
	}
}

// A quoted phrase is looked up in the pair index, which the article triggers keep in step
// with every save, edit and delete, and which a rebuild makes again the same.
func TestSearchPairsFollowWrites(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	a := article("content/news/wall.md", "/news/wall/", "Harbour wall repairs begin", now.Add(-time.Hour))
	a.PlainText = "Engineers started work on the old harbour wall after the storm."
	b := article("content/news/quay.md", "/news/quay/", "Café reopens on the quay", now.Add(-2*time.Hour))
	b.PlainText = "The café by the quay reopened with a new menu."
	if _, err := s.SaveArticles(ctx, []Article{a, b}); err != nil {
		t.Fatal(err)
	}
	find := func(q string) []string {
		t.Helper()
		return searchTitles(t, s, SearchQuery{Text: q})
	}
	if got := find(`"old harbour wall"`); !slices.Equal(got, []string{"Harbour wall repairs begin"}) {
		t.Errorf(`"old harbour wall" found %q`, got)
	}
	if got := find(`"cafe by the quay"`); !slices.Equal(got, []string{"Café reopens on the quay"}) {
		t.Errorf(`"cafe by the quay" found %q (diacritics fold)`, got)
	}
	if got := find(`"harbour old"`); len(got) != 0 {
		t.Errorf(`"harbour old" (words in the wrong order) found %q`, got)
	}

	// An edit: the old phrase is gone, the new one found by the next search.
	a.PlainText = "Divers inspected the sea gate at dawn."
	a.ContentHash = "edited"
	if _, err := s.SaveArticles(ctx, []Article{a}); err != nil {
		t.Fatal(err)
	}
	if got := find(`"old harbour wall"`); len(got) != 0 {
		t.Errorf("after the edit the old phrase still finds %q", got)
	}
	if got := find(`"sea gate at dawn"`); !slices.Equal(got, []string{"Harbour wall repairs begin"}) {
		t.Errorf("after the edit the new phrase finds %q", got)
	}

	pairsOf := func() (n int, keys []int64) {
		t.Helper()
		rows, err := s.db.Query(`SELECT rowid FROM search_pairs WHERE search_pairs MATCH '"the_quay"' OR search_pairs MATCH '"sea_gate"' ORDER BY rowid`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var k int64
			rows.Scan(&k)
			keys = append(keys, k)
		}
		if err := s.db.QueryRow("SELECT count(*) FROM search_pairs").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n, keys
	}
	n, keys := pairsOf()
	if err := s.RebuildSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if n2, keys2 := pairsOf(); n2 != n || !slices.Equal(keys2, keys) {
		t.Errorf("rebuild changed the pair index: %d rows %v, was %d rows %v", n2, keys2, n, keys)
	}
	if got := find(`"sea gate at dawn"`); !slices.Equal(got, []string{"Harbour wall repairs begin"}) {
		t.Errorf("after a rebuild the phrase finds %q", got)
	}

	if _, err := s.db.Exec("DELETE FROM articles WHERE source_path = ?", b.SourcePath); err != nil {
		t.Fatal(err)
	}
	if got := find(`"cafe by the quay"`); len(got) != 0 {
		t.Errorf("a deleted article is still found: %q", got)
	}
	if n3, _ := pairsOf(); n3 != n-1 {
		t.Errorf("after a delete the pair index has %d rows, want %d", n3, n-1)
	}
}
