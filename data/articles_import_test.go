package data

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// saveRowByRow saves articles as SaveArticles did before batches recorded their own keys: one
// transaction whose per-row triggers record every change key and search entry.
func saveRowByRow(t *testing.T, s *Store, articles []Article) {
	t.Helper()
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	w := newWriteTx(ctx, tx)
	for i := range articles {
		if _, err := s.saveArticle(w, &articles[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// keysSince lists the change keys recorded after change count n, and the count now.
func keysSince(t *testing.T, s *Store, n int64) ([]string, int64) {
	t.Helper()
	rows, err := s.db.Query("SELECT key FROM changes WHERE seq > ? ORDER BY key", n)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		rows.Scan(&k)
		keys = append(keys, k)
	}
	var now int64
	s.db.QueryRow("SELECT n FROM public_changes").Scan(&now)
	return keys, now
}

// matches lists the search keys of both search indexes that match each word.
func matches(t *testing.T, s *Store, words ...string) []int64 {
	t.Helper()
	var out []int64
	for _, table := range []string{"search_fts", "search_titles"} {
		for _, w := range words {
			rows, err := s.db.Query("SELECT rowid FROM "+table+" WHERE "+table+" MATCH ? ORDER BY rowid", w)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var k int64
				rows.Scan(&k)
				out = append(out, k)
			}
			rows.Close()
			out = append(out, -1) // between words
		}
	}
	return out
}

// pairMatches is matches for the word-pair index (migration 0080), whose words are pairs.
func pairMatches(t *testing.T, s *Store, pairs ...string) []int64 {
	t.Helper()
	var out []int64
	for _, p := range pairs {
		rows, err := s.db.Query("SELECT rowid FROM search_pairs WHERE search_pairs MATCH ? ORDER BY rowid", p)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var k int64
			rows.Scan(&k)
			out = append(out, k)
		}
		rows.Close()
		out = append(out, -1)
	}
	return out
}

func searchIndexesIntact(t *testing.T, s *Store) {
	t.Helper()
	for _, table := range []string{"search_fts", "search_titles"} {
		if _, err := s.db.Exec("INSERT INTO " + table + " (" + table + ", rank) VALUES ('integrity-check', 1)"); err != nil {
			t.Errorf("%s: %v", table, err)
		}
	}
}

// TestBatchImportRecordsWhatTheTriggersDid: a batch import writes its change keys and search
// entries itself, once per batch; they must be exactly what the per-row triggers wrote, for
// new rows, replaced rows (a moved section, new tags, new words) and a row written twice in
// one batch, and the search index must stay consistent with the articles.
func TestBatchImportRecordsWhatTheTriggersDid(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	batch1 := func() []Article {
		a := article("content/news/a.md", "/news/a/", "Harbour reopens", day)
		a.Section, a.PlainText = "news", "The harbour reopens after the storm."
		b := article("content/sport/b.md", "/sport/b/", "Regatta postponed", day.Add(time.Hour))
		b.Section, b.PlainText = "sport", "The regatta waits for calmer water."
		c := article("content/c.md", "/c/", "Council meets", day.Add(2*time.Hour))
		c.PlainText, c.Terms = "Budget talks.", nil
		return []Article{a, b, c}
	}
	batch2 := func() []Article {
		a := article("content/news/a.md", "/opinion/a/", "Lighthouse restored", day.AddDate(0, 1, 0))
		a.Section, a.PlainText, a.ContentHash = "opinion", "The lighthouse shines again.", "a2"
		a.Terms = []Term{{Taxonomy: "tags", Key: "lighthouse", Name: "Lighthouse"}}
		b := article("content/sport/b.md", "/sport/b/", "Regatta on Sunday", day.AddDate(0, 2, 0))
		b.Section, b.PlainText, b.ContentHash = "sport", "Sunday it is.", "b2"
		b.Terms = []Term{{Taxonomy: "tags", Key: "sailing", Name: "Sailing"}}
		b3 := b
		b3.Title, b3.PlainText, b3.ContentHash = "Regatta on Monday", "Monday after all.", "b3"
		d := article("content/local/d.md", "/local/d/", "Ferry timetable", day.AddDate(0, 3, 0))
		d.Section, d.PlainText, d.Terms = "local", "New ferry times from June.", nil
		return []Article{a, b, d, b3}
	}
	open := func(name string) *Store {
		s, err := Open(ctx, filepath.Join(t.TempDir(), name), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	batched, rowByRow := open("batched.db"), open("rows.db")
	words := []string{"harbour", "regatta", "sunday", "monday", "lighthouse", "storm", "ferry", "budget", "lig*"}
	pairs := []string{"harbour_reopens", "regatta_postponed", "regatta_on", "on_sunday", "on_monday", "lighthouse_restored",
		"ferry_timetable", "budget_talks"}

	var seenB, seenR int64
	for i, batch := range []func() []Article{batch1, batch2} {
		if _, err := batched.SaveArticles(ctx, batch()); err != nil {
			t.Fatal(err)
		}
		saveRowByRow(t, rowByRow, batch())
		var gotB, gotR []string
		gotB, seenB = keysSince(t, batched, seenB)
		gotR, seenR = keysSince(t, rowByRow, seenR)
		if !slices.Equal(gotB, gotR) {
			t.Errorf("batch %d: keys %v, the triggers recorded %v", i+1, gotB, gotR)
		}
		if b, r := matches(t, batched, words...), matches(t, rowByRow, words...); !slices.Equal(b, r) {
			t.Errorf("batch %d: search finds %v, with the triggers %v", i+1, b, r)
		}
		if b, r := pairMatches(t, batched, pairs...), pairMatches(t, rowByRow, pairs...); !slices.Equal(b, r) {
			t.Errorf("batch %d: word pairs find %v, with the triggers %v", i+1, b, r)
		}
		searchIndexesIntact(t, batched)
	}
	var pending int
	batched.db.QueryRow("SELECT count(*) FROM import_defers_indexing").Scan(&pending)
	if pending != 0 {
		t.Error("the batch left the triggers quiet after its commit")
	}

	// Other writes fire the triggers as before.
	var id int64
	batched.db.QueryRow("SELECT id FROM articles WHERE source_path = 'content/c.md'").Scan(&id)
	if _, err := batched.db.Exec("UPDATE articles SET title = 'Council adjourns' WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	if got, _ := keysSince(t, batched, seenB); !slices.Contains(got, "a:"+itoa(id)) {
		t.Errorf("a single write recorded %v, want its article's key", got)
	}
	if got := matches(t, batched, "adjourns"); len(got) != 4 { // a match in each index
		t.Errorf("a single write's new title is not searchable: %v", got)
	}
	searchIndexesIntact(t, batched)
}
