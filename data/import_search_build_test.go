package data

import (
	"context"
	"database/sql/driver"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// bulkCorpus is a few thousand words of articles over several years, in source-path order
// with dates in no order (as a site's files are), with shared and single tags.
func bulkCorpus(n int) []Article {
	words := []string{"harbour", "regatta", "ferry", "council", "budget", "lighthouse", "storm", "school",
		"market", "bridge", "Café", "élection", "festival", "river", "tram"}
	day := time.Date(2015, 1, 1, 6, 0, 0, 0, time.UTC)
	out := make([]Article, n)
	for i := range out {
		w1, w2, w3 := words[i%len(words)], words[(i*7+3)%len(words)], words[(i*11+5)%len(words)]
		a := article(fmt.Sprintf("content/post/%04d.md", i), fmt.Sprintf("/post/%04d/", i),
			fmt.Sprintf("The %s and the %s", w1, w2), day.Add(time.Duration((i*7919)%3000)*24*time.Hour))
		a.Section = []string{"news", "sport", "local"}[i%3]
		a.Lead = "Lead about the " + w3
		a.Summary = "Summary: " + w2 + " " + w3
		a.PlainText = fmt.Sprintf("The %s met the %s near the %s. Article %d of the %s story.", w1, w2, w3, i, w1)
		a.Terms = []Term{{Taxonomy: "tags", Key: w3, Name: w3}, {Taxonomy: "categories", Key: a.Section, Name: a.Section}}
		if i%10 == 0 {
			a.Terms = append(a.Terms, Term{Taxonomy: "tags", Key: fmt.Sprintf("only-%d", i), Name: fmt.Sprintf("Only %d", i)})
		}
		out[i] = a
	}
	return out
}

// bulkSearches are the queries compared between the two paths.
var bulkSearches = []string{"harbour", "regatta ferry", `"the harbour"`, "cafe", "election", "lig", "tram story",
	"article", "only", "storm -river", "budg*"}

// searchesOf lists, for each query, the found articles' source paths in rank order, the total
// and the facets, as a reader sees them.
func searchesOf(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	for _, q := range bulkSearches {
		for _, f := range []SearchQuery{{Text: q, Limit: 50}, {Text: q, Section: "news", Limit: 50}, {Text: q, Tag: "harbour", Limit: 50}} {
			res, err := s.Search(context.Background(), f)
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			line := fmt.Sprintf("%q %s/%s: %d more=%v:", q, f.Section, f.Tag, res.Total, res.More)
			for _, h := range res.Hits {
				line += " " + h.Article.SourcePath + "|" + h.TitleHTML + "|" + h.SnippetHTML
			}
			out = append(out, line+fmt.Sprintf(" facets %v", res.Facets))
		}
	}
	return out
}

func openTemp(t *testing.T, name string) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(context.Background(), filepath.Join(dir, name), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func saveInBatches(t *testing.T, save func(context.Context, []Article) ([]SaveOutcome, error), all []Article, size int) {
	t.Helper()
	for start := 0; start < len(all); start += size {
		if _, err := save(context.Background(), slices.Clone(all[start:min(start+size, len(all))])); err != nil {
			t.Fatal(err)
		}
	}
}

// importBothWays saves all in batches of 200 into a new store by the batch path and into
// another by a bulk import; it returns the bulk store, its folder and the batched store.
func importBothWays(t *testing.T, all []Article) (bulkStore *Store, dir string, batched *Store) {
	t.Helper()
	ctx := context.Background()
	batched, _ = openTemp(t, "batched.db")
	bulkStore, dir = openTemp(t, "bulk.db")
	saveInBatches(t, batched.SaveArticles, all, 200)
	bulk, err := bulkStore.BeginBulkImport(ctx)
	if err != nil || bulk == nil {
		t.Fatalf("an empty store starts no bulk import: %v", err)
	}
	saveInBatches(t, bulk.SaveArticles, all, 200)
	if err := bulk.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	return bulkStore, dir, batched
}

func allIndexesIntact(t *testing.T, s *Store) {
	t.Helper()
	searchIndexesIntact(t, s)
	if _, err := s.db.Exec("INSERT INTO search_pairs (search_pairs, rank) VALUES ('integrity-check', 0)"); err != nil {
		t.Errorf("search_pairs: %v", err)
	}
}

// beginBulk starts a bulk import into the empty store s.
func beginBulk(t *testing.T, s *Store) *BulkImport {
	t.Helper()
	bulk, err := s.BeginBulkImport(context.Background())
	if err != nil || bulk == nil {
		t.Fatal("no bulk import", err)
	}
	return bulk
}

// searchesAsSavedInOneGo fails unless s searches as a store that saved all by the batch path
// does, over intact indexes.
func searchesAsSavedInOneGo(t *testing.T, s *Store, all []Article, what string) {
	t.Helper()
	want, _ := openTemp(t, "want.db")
	saveInBatches(t, want.SaveArticles, all, 100)
	if got, w := searchesOf(t, s), searchesOf(t, want); !slices.Equal(got, w) {
		t.Error(what)
	}
	allIndexesIntact(t, s)
}

// TestBulkImportSearchesAsTheBatchPath: a first import that builds the search indexes beside
// the store (chunks of bulkChunk, more than one here) leaves a store whose searches, index
// matches and change keys are the batch path's, with intact indexes, no pending row and no
// side file left.
func TestBulkImportSearchesAsTheBatchPath(t *testing.T) {
	ctx := context.Background()
	all := bulkCorpus(2*bulkChunk + 137)
	bulkStore, dir, batched := importBothWays(t, all)

	if b, n := searchesOf(t, bulkStore), searchesOf(t, batched); !slices.Equal(b, n) {
		for i := range b {
			if b[i] != n[i] {
				t.Errorf("bulk import searches\n%s\nthe batch path\n%s", b[i], n[i])
			}
		}
	}
	words := []string{"harbour", "regatta", "cafe", "election", "lig*", "only", "article", "2015"}
	if b, n := matches(t, bulkStore, words...), matches(t, batched, words...); !slices.Equal(b, n) {
		t.Errorf("bulk import matches %v, the batch path %v", b, n)
	}
	pairs := []string{"the_harbour", "near_the", "article_7", "only_10"}
	if b, n := pairMatches(t, bulkStore, pairs...), pairMatches(t, batched, pairs...); !slices.Equal(b, n) {
		t.Errorf("bulk import word pairs %v, the batch path %v", b, n)
	}
	if b, _ := keysSince(t, bulkStore, 0); !slices.Equal(b, func() []string { k, _ := keysSince(t, batched, 0); return k }()) {
		t.Errorf("bulk import recorded change keys %d, the batch path other ones", len(b))
	}
	allIndexesIntact(t, bulkStore)
	var pending int
	bulkStore.db.QueryRow("SELECT count(*) FROM import_search_pending").Scan(&pending)
	if pending != 0 {
		t.Error("the pending row outlived the copy")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.build*")); len(left) > 0 {
		t.Errorf("side files left: %v", left)
	}

	// Later writes keep the copied indexes right: an edit, a new article.
	edited := all[5]
	edited.Title, edited.PlainText, edited.ContentHash = "Tram strike", "The tram drivers stop.", "edited"
	extra := bulkCorpus(2*bulkChunk + 140)[2*bulkChunk+138:]
	for _, s := range []*Store{bulkStore, batched} {
		if _, err := s.SaveArticles(ctx, append([]Article{edited}, extra...)); err != nil {
			t.Fatal(err)
		}
	}
	if b, n := searchesOf(t, bulkStore), searchesOf(t, batched); !slices.Equal(b, n) {
		t.Error("after a later save the bulk-imported store searches otherwise than the batch path's")
	}
	allIndexesIntact(t, bulkStore)

	// A store with articles takes the batch path.
	if again, err := bulkStore.BeginBulkImport(ctx); err != nil || again != nil {
		t.Errorf("a store with articles started a bulk import (%v)", err)
	}
}

// TestBulkImportCutOffIsRepaired: an import cut off after some batches leaves the pending
// row; the next import starts no bulk import, and RepairSearchIndex makes the search find
// every saved article.
func TestBulkImportCutOffIsRepaired(t *testing.T) {
	ctx := context.Background()
	all := bulkCorpus(300)
	s, dir := openTemp(t, "cut.db")
	bulk := beginBulk(t, s)
	saveInBatches(t, bulk.SaveArticles, all[:200], 100)
	bulk.Abort(ctx) // as if the process died: Finish never runs

	if left, _ := filepath.Glob(filepath.Join(dir, "*.build*")); len(left) > 0 {
		t.Errorf("side files left: %v", left)
	}
	if again, err := s.BeginBulkImport(ctx); err != nil || again != nil {
		t.Fatalf("a store with a cut-off bulk import started another (%v)", err)
	}
	if got := matches(t, s, "harbour"); !slices.Equal(got, []int64{-1, -1}) {
		t.Errorf("before the repair the index already holds %v", got)
	}
	if pending, err := s.SearchIndexPending(ctx); err != nil || !pending {
		t.Errorf("a cut-off import's store does not say its search is pending: %v %v", pending, err)
	}
	repaired, err := s.RepairSearchIndex(ctx)
	if err != nil || !repaired {
		t.Fatalf("repair: %v %v", repaired, err)
	}
	if pending, err := s.SearchIndexPending(ctx); err != nil || pending {
		t.Errorf("after the repair the store says its search is pending: %v %v", pending, err)
	}
	saveInBatches(t, s.SaveArticles, all[200:], 100)

	searchesAsSavedInOneGo(t, s, all, "after the repair the search differs from a store imported in one go")
	if again, err := s.RepairSearchIndex(ctx); err != nil || again {
		t.Errorf("a second repair ran: %v %v", again, err)
	}
}

// TestBulkImportBesideAnotherWriter: when another writer saves articles while a bulk import
// runs, the import rebuilds the indexes from the articles instead of copying its own.
func TestBulkImportBesideAnotherWriter(t *testing.T) {
	ctx := context.Background()
	all := bulkCorpus(300)
	s, _ := openTemp(t, "two.db")
	bulk := beginBulk(t, s)
	saveInBatches(t, bulk.SaveArticles, all[:150], 50)
	saveInBatches(t, s.SaveArticles, all[150:200], 50) // an editor, another import
	saveInBatches(t, bulk.SaveArticles, all[200:], 50)
	if err := bulk.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	searchesAsSavedInOneGo(t, s, all, "with another writer beside it the bulk import's search differs")
}

// copyFirstFinished ends a bulk import's input and copies the first side index to finish
// into the store alone, as Finish does before the others are done; it returns its name.
func copyFirstFinished(t *testing.T, bulk *BulkImport) string {
	t.Helper()
	ctx := context.Background()
	bulk.feed(nil, true)
	bulk.closeInputs()
	conn, err := bulk.s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	defer conn.Raw(func(any) error { return driver.ErrBadConn }) // discarded, as Finish does
	x := bulk.nextFinished()
	if err := x.failed(); err != nil {
		t.Fatal(err)
	}
	if copied, err := bulk.copyIn(ctx, conn, x, false); err != nil || !copied {
		t.Fatalf("%s not copied: %v", x.name, err)
	}
	return x.name
}

// TestBulkImportCutOffBetweenCopies: Finish copies one index at a time; an import cut off
// after the first copy leaves the pending row, and the next import's repair gives the batch
// path's searches over intact indexes.
func TestBulkImportCutOffBetweenCopies(t *testing.T) {
	ctx := context.Background()
	all := bulkCorpus(bulkChunk + 90)
	s, _ := openTemp(t, "cut.db")
	bulk := beginBulk(t, s)
	saveInBatches(t, bulk.SaveArticles, all, 100)
	copyFirstFinished(t, bulk)
	bulk.Abort(ctx) // as if the process died before the other copies
	if again, err := s.BeginBulkImport(ctx); err != nil || again != nil {
		t.Fatalf("a store with articles starts a bulk import (%v)", err)
	}
	if repaired, err := s.RepairSearchIndex(ctx); err != nil || !repaired {
		t.Fatalf("cut-off import not repaired: %v %v", repaired, err)
	}
	searchesAsSavedInOneGo(t, s, all, "after a cut between copies and a repair the store searches otherwise")
}

// TestBulkImportWriterBetweenCopies: an editor who adds articles after the first index was
// copied (their triggers write the copied index and the still empty ones) makes Finish rebuild
// all three from the articles: the batch path's searches, intact indexes, no pending row.
func TestBulkImportWriterBetweenCopies(t *testing.T) {
	ctx := context.Background()
	all := bulkCorpus(400)
	s, _ := openTemp(t, "between.db")
	bulk := beginBulk(t, s)
	saveInBatches(t, bulk.SaveArticles, all[:350], 50)
	copyFirstFinished(t, bulk)
	saveInBatches(t, s.SaveArticles, all[350:], 50)
	if err := bulk.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	searchesAsSavedInOneGo(t, s, all, "with a writer between the copies the bulk import's search differs")
	if repaired, err := s.RepairSearchIndex(ctx); err != nil || repaired {
		t.Errorf("a pending row was left: repaired=%v %v", repaired, err)
	}
}

// TestDeskEditDuringFirstImport: an editor corrects an imported article while the first
// import still builds the search indexes, before its copies and between them (the store's
// indexes are empty or half copied: the correction's search triggers used to delete an
// entry they never had, and FTS5 failed the save as a malformed database). The save works,
// and once the import ends the search finds the correction, not the old title.
func TestDeskEditDuringFirstImport(t *testing.T) {
	for _, between := range []bool{false, true} {
		t.Run(fmt.Sprintf("between copies %v", between), func(t *testing.T) {
			ctx := context.Background()
			all := bulkCorpus(150)
			s, _ := openTemp(t, "edited.db")
			bulk := beginBulk(t, s)
			saveInBatches(t, bulk.SaveArticles, all, 50)
			if between {
				copyFirstFinished(t, bulk)
			}
			tgt, err := s.ResolvePath(ctx, all[7].Permalink)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := s.Article(ctx, tgt.ArticleID)
			if err != nil {
				t.Fatal(err)
			}
			stored.Title = "Zeppelin over the harbour"
			if _, err := s.SaveDeskArticle(ctx, &stored, 1, 0, "corrected"); err != nil {
				t.Fatalf("a correction during the first import: %v", err)
			}
			if err := bulk.Finish(ctx); err != nil {
				t.Fatal(err)
			}
			if found := foundIDs(t, s, "zeppelin"); !slices.Equal(found, []int64{stored.ID}) {
				t.Errorf("the correction is not found: %v", found)
			}
			old := all[7].Title
			for _, h := range foundIDs(t, s, old) {
				if h == stored.ID {
					t.Errorf("the old title %q still finds the corrected article", old)
				}
			}
			allIndexesIntact(t, s)
			if repaired, err := s.RepairSearchIndex(ctx); err != nil || repaired {
				t.Errorf("a pending row was left: repaired=%v %v", repaired, err)
			}
		})
	}
}

// TestWritesBesideAFirstImport: the other writes an import can meet leave its pending row
// untouched when they change nothing search reads, and otherwise end, once it finishes, in
// indexes that follow them: a re-import of unchanged files, a new desk article, a deletion,
// a changed file saved by another import's batch.
func TestWritesBesideAFirstImport(t *testing.T) {
	ctx := context.Background()
	all := bulkCorpus(120)
	s, _ := openTemp(t, "beside.db")
	bulk := beginBulk(t, s)
	saveInBatches(t, bulk.SaveArticles, all, 40)
	touched := func() (n int) {
		t.Helper()
		if err := s.db.QueryRow("SELECT touched FROM import_search_pending").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	saveInBatches(t, s.SaveArticles, all[:40], 40) // unchanged: nothing written
	if touched() != 0 {
		t.Error("a batch of unchanged files marked the import touched")
	}
	fresh := article("content/desk/new.md", "/desk/new/", "Quokka sighted at the ferry", time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC))
	if _, err := s.SaveDeskArticle(ctx, &fresh, 0, 0, "new"); err != nil {
		t.Fatalf("a new desk article during the first import: %v", err)
	}
	gone, err := s.ResolvePath(ctx, all[3].Permalink)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteArticle(ctx, gone.ArticleID); err != nil {
		t.Fatalf("a deletion during the first import: %v", err)
	}
	changed := all[11]
	changed.Title, changed.ContentHash = "Narwhal spotted by the tram", "changed"
	if _, err := s.SaveArticles(ctx, []Article{changed}); err != nil {
		t.Fatalf("a changed file during the first import: %v", err)
	}
	if touched() != 1 {
		t.Error("writes beside the import did not mark it touched")
	}
	if err := bulk.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string]int{"quokka": 1, "narwhal": 1} {
		if got := len(foundIDs(t, s, word)); got != want {
			t.Errorf("%q finds %d articles, want %d", word, got, want)
		}
	}
	for _, id := range foundIDs(t, s, all[3].Title) {
		if id == gone.ArticleID {
			t.Error("the deleted article is still found")
		}
	}
	allIndexesIntact(t, s)
}

// foundIDs lists the ids of the articles a reader's search for the phrase finds.
func foundIDs(t *testing.T, s *Store, phrase string) []int64 {
	t.Helper()
	res, err := s.Search(context.Background(), SearchQuery{Text: `"` + phrase + `"`, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, h := range res.Hits {
		ids = append(ids, h.Article.ID)
	}
	return ids
}

// TestBulkImportSideIndexFails: a side index that cannot write makes Finish fail and keeps
// the pending row; the next import's repair makes every article searchable.
func TestBulkImportSideIndexFails(t *testing.T) {
	ctx := context.Background()
	all := bulkCorpus(120)
	s, dir := openTemp(t, "failing.db")
	bulk := beginBulk(t, s)
	saveInBatches(t, bulk.SaveArticles, all, 40)
	bulk.sides[1].db.Close() // its documents are fed at Finish: fewer than bulkChunk
	if err := bulk.Finish(ctx); err == nil {
		t.Fatal("Finish succeeded without one of its indexes")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.build*")); len(left) > 0 {
		t.Errorf("side files left: %v", left)
	}
	if repaired, err := s.RepairSearchIndex(ctx); err != nil || !repaired {
		t.Fatalf("failed import not repaired: %v %v", repaired, err)
	}
	searchesAsSavedInOneGo(t, s, all, "after a failed side index and a repair the store searches otherwise")
}

// TestSideIndexTakesThousandsOfSegments: a side index merges only at the end, and FTS5 holds
// at most 2,000 segments; fed a document per chunk (a segment each), it still ends in one
// segment. With crisismerge 1999 the 3,998th segment failed ("database or disk is full").
func TestSideIndexTakesThousandsOfSegments(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t, "segments.db")
	bulk := beginBulk(t, s)
	defer bulk.Abort(ctx)
	x := bulk.sides[1] // search_titles, the cheapest to write
	for i := range 4000 {
		x.in <- []searchDoc{{key: int64(i + 1), title: fmt.Sprintf("title %d harbour", i), searchTags: "tag"}}
	}
	for _, other := range bulk.sides {
		if other != x {
			other.in <- nil
		}
	}
	bulk.closeInputs()
	for y := bulk.nextFinished(); y != nil; y = bulk.nextFinished() {
		if err := y.failed(); err != nil {
			t.Fatalf("%s: %v", y.name, err)
		}
	}
	var segments int
	if err := x.db.QueryRow("SELECT count(DISTINCT segid) FROM search_titles_idx").Scan(&segments); err != nil {
		t.Fatal(err)
	}
	if segments != 1 {
		t.Errorf("%d segments after the merge, want 1", segments)
	}
}

// TestBulkImportOfNothing: a first import with no article finishes cleanly.
func TestBulkImportOfNothing(t *testing.T) {
	ctx := context.Background()
	s, dir := openTemp(t, "empty.db")
	bulk := beginBulk(t, s)
	if err := bulk.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".build" {
			t.Errorf("side file left: %s", e.Name())
		}
	}
	if again, err := s.BeginBulkImport(ctx); err != nil || again == nil {
		t.Errorf("after an empty import the store is still empty, yet no bulk import (%v)", err)
	} else {
		again.Abort(ctx)
	}
}

// TestBulkImportTermRenamedInALaterBatch: a page of a later batch that comes first in Hugo's
// page tree renames a term (issue 14) whose earlier articles went to the side indexes under
// the old name. The import must not touch the store's empty indexes (FTS5 called that a
// malformed database) and must end with the batch path's searches: every article of the term
// found by its new name, intact indexes.
func TestBulkImportTermRenamedInALaterBatch(t *testing.T) {
	ctx := context.Background()
	all := bulkCorpus(2*bulkChunk + 37)
	for i := range all {
		all[i].TreeKey = fmt.Sprintf("/post/%06d.md", i+1000)
		if i%5 == 0 {
			all[i].Terms = append(all[i].Terms, Term{Taxonomy: "tags", Key: "nyc", Name: "NYC"})
		}
	}
	// The last article comes first in Hugo's tree and spells the tag otherwise.
	last := &all[len(all)-1]
	last.TreeKey = "/post/000001.md"
	last.Terms = append(last.Terms, Term{Taxonomy: "tags", Key: "nyc", Name: "New York City"})

	bulkStore, _, batched := importBothWays(t, all)
	for _, s := range []*Store{bulkStore, batched} {
		res, err := s.Search(ctx, SearchQuery{Text: "york", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if want := len(all)/5 + 2; res.Total != want {
			t.Errorf("%d articles found by the tag's new name, want %d", res.Total, want)
		}
	}
	if b, n := searchesOf(t, bulkStore), searchesOf(t, batched); !slices.Equal(b, n) {
		t.Error("the bulk-imported store searches otherwise than the batch path's after a rename")
	}
	allIndexesIntact(t, bulkStore)
}

// TestBulkImportKeepsTheStoresIndexSettings: the side indexes merge by settings of their own
// (no automerge, sideCrisisMerge); the store's indexes keep the settings they had, so later
// saves merge as every other store's do.
func TestBulkImportKeepsTheStoresIndexSettings(t *testing.T) {
	bulk, _, batched := importBothWays(t, bulkCorpus(50))
	for _, x := range sideIndexes {
		settings := func(s *Store) []string {
			t.Helper()
			rows, err := s.db.Query("SELECT k || '=' || v FROM " + x.name + "_config ORDER BY k")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var kv []string
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					t.Fatal(err)
				}
				kv = append(kv, s)
			}
			return kv
		}
		if got, want := settings(bulk), settings(batched); !slices.Equal(got, want) {
			t.Errorf("%s settings after a bulk import: %q, want the store's own %q", x.name, got, want)
		}
	}
}

// TestBulkImportLeavesOneSegmentPerIndex: the side indexes are merged into one segment before
// they are copied (a search reads each word in every segment), and the merged indexes search
// as the batch path's do.
func TestBulkImportLeavesOneSegmentPerIndex(t *testing.T) {
	bulk, _, batched := importBothWays(t, bulkCorpus(3*bulkChunk+11))
	for _, x := range sideIndexes {
		var segments int
		if err := bulk.db.QueryRow("SELECT count(DISTINCT segid) FROM " + x.name + "_idx").Scan(&segments); err != nil {
			t.Fatal(err)
		}
		if segments != 1 {
			t.Errorf("%s: %d segments after a bulk import, want 1", x.name, segments)
		}
	}
	if b, n := searchesOf(t, bulk), searchesOf(t, batched); !slices.Equal(b, n) {
		t.Error("the merged indexes search otherwise than the batch path's")
	}
	allIndexesIntact(t, bulk)
}

// TestRebuildSearchIndexLeavesOneSegment: a rebuild (a cut-off import's repair, a writer that
// bypassed the triggers) merges each index into one segment too, and searches as before.
func TestRebuildSearchIndexLeavesOneSegment(t *testing.T) {
	s, _ := openTemp(t, "rebuilt.db")
	saveInBatches(t, s.SaveArticles, bulkCorpus(600), 50)
	before := searchesOf(t, s)
	if err := s.RebuildSearchIndex(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, x := range sideIndexes {
		var segments int
		if err := s.db.QueryRow("SELECT count(DISTINCT segid) FROM " + x.name + "_idx").Scan(&segments); err != nil {
			t.Fatal(err)
		}
		if segments != 1 {
			t.Errorf("%s: %d segments after a rebuild, want 1", x.name, segments)
		}
	}
	if after := searchesOf(t, s); !slices.Equal(before, after) {
		t.Error("the rebuilt indexes search otherwise")
	}
	allIndexesIntact(t, s)
}
