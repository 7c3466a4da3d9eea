package data

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// gateFinds reports whether searches for a word only the watched article holds (as a word,
// with another, as a phrase, as a prefix, in suggestions) find it; they must agree, and the
// total and facets must agree with the page.
func gateFinds(t *testing.T, s *Store, word string) bool {
	t.Helper()
	found := map[bool]int{}
	for _, q := range []SearchQuery{{Text: word}, {Text: word + " lighthouse"}, {Text: `"` + word + ` lighthouse"`}, {Text: word[:4] + "*"}} {
		res, err := s.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("search %q: %v", q.Text, err)
		}
		if res.Total != len(res.Hits) || len(res.Facets.Years) != len(res.Hits) || len(res.Hits) > 1 {
			t.Errorf("search %q: %d hits, total %d, year facets %v", q.Text, len(res.Hits), res.Total, res.Facets.Years)
		}
		found[len(res.Hits) == 1]++
	}
	sg, err := s.Suggest(context.Background(), SuggestQuery{Text: word[:4]})
	if err != nil {
		t.Fatalf("suggest %q: %v", word[:4], err)
	}
	found[len(sg) == 1]++
	if len(found) != 1 {
		t.Errorf("%q: searches and suggestions disagree: %v", word, found)
	}
	return found[true] > found[false]
}

// The gate (what a search checks of each match, kept in memory) follows every way an
// article stops or starts being published: saves, the clock, the trash, a delete, and
// another process's writes to the same file.
func TestSearchGateFollowsEveryChange(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time {
		testClockMu.Lock()
		defer testClockMu.Unlock()
		return now
	}
	path := filepath.Join(t.TempDir(), "gate.db")
	ctx := context.Background()
	s, err := Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var others []Article
	for i := range 20 {
		others = append(others, article(fmt.Sprintf("content/news/o%d.md", i), fmt.Sprintf("/news/o%d/", i), fmt.Sprintf("Lighthouse report %d", i), now.Add(-time.Duration(i+2)*time.Hour)))
	}
	if _, err := s.SaveArticles(ctx, others); err != nil {
		t.Fatal(err)
	}
	a := article("content/news/gate.md", "/news/gate/", "Zephyrine lighthouse", now.Add(-time.Hour))
	rev := 0
	save := func(st *Store, edit func(*Article)) {
		t.Helper()
		edit(&a)
		rev++
		a.ContentHash = fmt.Sprint("rev ", rev)
		if _, err := st.SaveArticles(ctx, []Article{a}); err != nil {
			t.Fatal(err)
		}
	}
	step := func(name string, want bool) {
		t.Helper()
		if got := gateFinds(t, s, "zephyrine"); got != want {
			t.Errorf("%s: found %v, want %v", name, got, want)
		}
	}
	step("not saved yet", false)
	save(s, func(*Article) {})
	step("published", true)
	save(s, func(a *Article) { a.Draft = true })
	step("a draft", false)
	save(s, func(a *Article) { a.Draft = false })
	step("published again", true)
	save(s, func(a *Article) { a.PublishDate = now.Add(time.Hour) })
	step("scheduled an hour ahead", false)
	setNow(&now, now.Add(2*time.Hour))
	step("scheduled, the hour passed", true)
	save(s, func(a *Article) { a.ExpiryDate = now.Add(time.Hour) })
	step("expiring in an hour", true)
	setNow(&now, now.Add(2*time.Hour))
	step("expired by the clock", false)
	save(s, func(a *Article) { a.ExpiryDate = time.Time{} })
	step("expiry taken off", true)

	// Another process's store on the same file: its writes reach this store's gate.
	other, err := Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	save(other, func(a *Article) { a.Draft = true })
	step("a draft, saved by another store", false)
	save(other, func(a *Article) { a.Draft = false })
	step("published by another store", true)

	if err := other.DeleteArticle(ctx, mustArticleID(t, s, a.SourcePath)); err != nil {
		t.Fatal(err)
	}
	step("deleted by another store", false)
	save(s, func(*Article) {})
	step("written anew", true)
	if err := s.SetTrashed(ctx, mustArticleID(t, s, a.SourcePath), true); err != nil {
		t.Fatal(err)
	}
	step("trashed", false)
	if err := s.DeleteArticle(ctx, mustArticleID(t, s, a.SourcePath)); err != nil {
		t.Fatal(err)
	}
	step("deleted", false)
}

func mustArticleID(t *testing.T, s *Store, source string) int64 {
	t.Helper()
	var id int64
	if err := s.db.QueryRow("SELECT id FROM articles WHERE source_path = ?", source).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// A first import builds the search indexes beside the store (BulkImport): its drafts,
// scheduled and expired articles stay out of searches, and its published ones are found,
// also by a store that searched before the import.
func TestSearchGateAfterImports(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	list := func(prefix string) []Article {
		var out []Article
		for i, state := range []string{"published", "draft", "scheduled", "expired", "headless"} {
			a := article(fmt.Sprintf("content/%s/%d.md", prefix, i), fmt.Sprintf("/%s/%d/", prefix, i), "Quillwort "+state, now.Add(-time.Duration(i+1)*time.Hour))
			switch state {
			case "draft":
				a.Draft = true
			case "scheduled":
				a.PublishDate = now.Add(time.Hour)
			case "expired":
				a.ExpiryDate = now.Add(-time.Minute)
			case "headless":
				a.Headless = true
			}
			out = append(out, a)
		}
		return out
	}
	want := func(t *testing.T, s *Store, total int) {
		t.Helper()
		res, err := s.Search(ctx, SearchQuery{Text: "quillwort"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.Article.Title)
		}
		if res.Total != total || len(got) != total {
			t.Errorf("found %q (total %d), want %d published", got, res.Total, total)
		}
		for _, title := range got {
			if title != "Quillwort published" {
				t.Errorf("found %q", title)
			}
		}
	}
	t.Run("bulk", func(t *testing.T) {
		s := openTestStore(t, &now)
		want(t, s, 0) // the gate is built before the import
		bulk, err := s.BeginBulkImport(ctx)
		if err != nil || bulk == nil {
			t.Fatalf("no bulk import: %v", err)
		}
		if _, err := bulk.SaveArticles(ctx, list("bulk")); err != nil {
			t.Fatal(err)
		}
		if err := bulk.Finish(ctx); err != nil {
			t.Fatal(err)
		}
		want(t, s, 1)
	})
	t.Run("batches", func(t *testing.T) {
		s := openTestStore(t, &now)
		want(t, s, 0)
		if _, err := s.SaveArticles(ctx, list("one")); err != nil {
			t.Fatal(err)
		}
		want(t, s, 1)
		if _, err := s.SaveArticles(ctx, list("two")); err != nil {
			t.Fatal(err)
		}
		want(t, s, 2)
	})
	t.Run("many", func(t *testing.T) {
		// More changed articles than the gate reads one by one: it is read whole again.
		s := openTestStore(t, &now)
		want(t, s, 0)
		var all []Article
		for i := range gateRereadMax/5 + 10 {
			all = append(all, list(fmt.Sprintf("p%d", i))...)
		}
		saveInBatches(t, s.SaveArticles, all, 500)
		res, err := s.Search(ctx, SearchQuery{Text: "quillwort draft"})
		if err != nil || res.Total != 0 {
			t.Errorf("drafts found: %d, %v", res.Total, err)
		}
		if res, err = s.Search(ctx, SearchQuery{Text: "quillwort published"}); err != nil || res.Total != gateRereadMax/5+10 {
			t.Errorf("found %d published, want %d (%v)", res.Total, gateRereadMax/5+10, err)
		}
	})
}

// The page a search shows is checked against the publication rule as it is loaded: an
// article unpublished between the gate's check and the page never shows.
func TestSearchPageIsCheckedAgain(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	a := article("content/news/x.md", "/news/x/", "Quillwort", now.Add(-time.Hour))
	a.Draft = true
	if _, err := s.SaveArticles(ctx, []Article{a}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.gate.ready(ctx, "", ""); err != nil {
		t.Fatal(err)
	}
	// As if the gate had not heard of the draft yet.
	id := mustArticleID(t, s, a.SourcePath)
	s.gate.mu.Lock()
	s.gate.pages[id>>gatePageBits].entries[id&gatePageMask].from = 0
	s.gate.mu.Unlock()
	res, err := s.Search(ctx, SearchQuery{Text: "quillwort"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 0 {
		t.Errorf("a draft shown: %q", res.Hits[0].Article.Title)
	}
}

// Tag facets are counted from the gate's tags: they follow an article's new tags at once,
// and are named as the terms are.
func TestSearchTagFacetsFollowEdits(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	var list []Article
	for i := range 3 {
		a := article(fmt.Sprintf("content/news/f%d.md", i), fmt.Sprintf("/news/f%d/", i), fmt.Sprintf("Ferry %d", i), now.Add(-time.Duration(i+1)*time.Hour))
		a.Terms = []Term{{Taxonomy: "tags", Key: "harbour", Name: "Harbour"}, {Taxonomy: "categories", Key: "news", Name: "News"}}
		list = append(list, a)
	}
	list[2].Terms = append(list[2].Terms, Term{Taxonomy: "tags", Key: "storm", Name: "Storm"})
	if _, err := s.SaveArticles(ctx, list); err != nil {
		t.Fatal(err)
	}
	facets := func() string {
		t.Helper()
		res, err := s.Search(ctx, SearchQuery{Text: "ferry"})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(res.Facets.Tags)
	}
	if got, want := facets(), "[{harbour Harbour 3} {storm Storm 1}]"; got != want {
		t.Errorf("tag facets %s, want %s", got, want)
	}
	list[0].Terms = []Term{{Taxonomy: "tags", Key: "storm", Name: "Storm"}, {Taxonomy: "tags", Key: "sea-wall", Name: "Sea wall"}}
	list[0].ContentHash = "new tags"
	if _, err := s.SaveArticles(ctx, list[:1]); err != nil {
		t.Fatal(err)
	}
	if got, want := facets(), "[{harbour Harbour 2} {storm Storm 2} {sea-wall Sea wall 1}]"; got != want {
		t.Errorf("after the edit: tag facets %s, want %s", got, want)
	}
}
