package data

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestTermNamedByFirstPageInHugoOrder: a term written in several spellings is named by the
// article first in Hugo's page tree (TreeKey), whatever order the articles are saved in, in
// one batch or across batches or row by row; the rename reaches the search index, which stays
// consistent.
func TestTermNamedByFirstPageInHugoOrder(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	tagged := func(src, treeKey, spelling string, hour int) Article {
		a := article(src, "/"+src+"/", "Story "+src, day.Add(time.Duration(hour)*time.Hour))
		a.TreeKey, a.Terms = treeKey, []Term{{Taxonomy: "tags", Key: "golang", Name: spelling}}
		return a
	}
	zz := tagged("content/zz/a.md", "/zz/__hb_a.md", "GoLang", 1)
	aa := tagged("content/aa/sub/b.md", "/aa/sub/__hb_b.md", "golang", 2)
	mm := tagged("content/mm/c.md", "/mm/__hb_c.md", "GOLANG", 3)
	name := func(s *Store) string {
		t.Helper()
		var n string
		if err := s.db.QueryRow("SELECT name FROM terms WHERE key = 'golang'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, c := range []struct {
		name    string
		batches [][]Article
	}{
		{"one batch", [][]Article{{zz, aa, mm}}},
		{"batches", [][]Article{{zz}, {mm}, {aa}}},
		{"first first", [][]Article{{aa}, {zz, mm}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for _, b := range c.batches {
				if _, err := s.SaveArticles(ctx, b); err != nil {
					t.Fatal(err)
				}
			}
			if got := name(s); got != "golang" {
				t.Errorf("term named %q, want golang (the first page in Hugo's order)", got)
			}
			searchIndexesIntact(t, s)
			var tags string
			s.db.QueryRow("SELECT search_tags FROM articles WHERE source_path = 'content/zz/a.md'").Scan(&tags)
			if len(tags) < 6 || !strings.EqualFold(tags[:6], "golang") {
				t.Errorf("zz's search tags %q do not carry the term's name", tags)
			}
		})
	}
	t.Run("row by row", func(t *testing.T) {
		s, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		saveRowByRow(t, s, []Article{zz, mm})
		if got := name(s); got != "GOLANG" {
			t.Errorf("term named %q before its first page is saved, want GOLANG (mm/ before zz/)", got)
		}
		saveRowByRow(t, s, []Article{aa})
		if got := name(s); got != "golang" {
			t.Errorf("term named %q, want golang", got)
		}
		searchIndexesIntact(t, s)
	})
}

// TestDeskSaveKeepsTheTermsName: an editor who types an existing tag in other letters gets the
// tag as the site names it, even when the new article's page would come first in Hugo's tree; a
// tag nobody had is named as typed. (A desk rename rewrote the search entries of every article
// of the term inside the save: minutes for a 35,000-article tag, with the write lock held.)
func TestDeskSaveKeepsTheTermsName(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	s := openTestStore(t, &day)
	imported := article("content/post/b.md", "/post/b/", "Imported", day)
	imported.TreeKey, imported.Terms = "/post/__hb_b.md", []Term{{Taxonomy: "tags", Key: "jessica-walker", Name: "jessica walker"}}
	if _, err := s.SaveArticles(ctx, []Article{imported}); err != nil {
		t.Fatal(err)
	}
	desk := article("content/post/a.md", "/post/a/", "From the desk", day.Add(time.Hour))
	desk.TreeKey = "/post/__hb_a.md" // before the imported page in Hugo's order
	desk.Terms = []Term{{Taxonomy: "tags", Key: "jessica-walker", Name: "Jessica Walker"},
		{Taxonomy: "tags", Key: "new-tag", Name: "New Tag"}}
	if _, err := s.SaveDeskArticle(ctx, &desk, 0, 0, "saved"); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"jessica-walker": "jessica walker", "new-tag": "New Tag"} {
		var got string
		if err := s.db.QueryRow("SELECT name FROM terms WHERE key = ?", key).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("tag %s named %q after a desk save, want %q", key, got, want)
		}
	}
	searchIndexesIntact(t, s)
}

// TestTermCaseRenameMarksPagesOnly: a term renamed only in letter case leaves its articles'
// search entries as they are (every index folds case: rewriting them was the term's whole
// archive inside one write) but still marks its articles' pages changed, since they print the
// name; search finds them by the tag as before. A rename in other letters rewrites them.
func TestTermCaseRenameMarksPagesOnly(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	s := openTestStore(t, &day)
	tagged := func(src, treeKey, spelling string) Article {
		a := article(src, "/"+src+"/", "Story "+src, day)
		a.TreeKey, a.Terms = treeKey, []Term{{Taxonomy: "tags", Key: "golang", Name: spelling}}
		return a
	}
	saveRowByRow(t, s, []Article{tagged("content/zz/a.md", "/zz/__hb_a.md", "golang"), tagged("content/mm/b.md", "/mm/__hb_b.md", "golang")})
	searchTags := func() string {
		var all string
		if err := s.db.QueryRow("SELECT group_concat(search_tags, '|') FROM articles").Scan(&all); err != nil {
			t.Fatal(err)
		}
		return all
	}
	entries := searchTags()
	_, seq := keysSince(t, s, 0)
	saveRowByRow(t, s, []Article{tagged("content/aa/c.md", "/aa/__hb_c.md", "GoLang")})
	var zz int64
	if err := s.db.QueryRow("SELECT id FROM articles WHERE source_path = 'content/zz/a.md'").Scan(&zz); err != nil {
		t.Fatal(err)
	}
	if keys, _ := keysSince(t, s, seq); !slices.Contains(keys, "a:"+itoa(zz)) {
		t.Errorf("case rename: keys %v lack the page of an article of the term", keys)
	}
	if got := searchTags(); !strings.HasPrefix(got, entries) {
		t.Errorf("case rename rewrote the search entries: %q, were %q", got, entries)
	}
	searchIndexesIntact(t, s)
	res, err := s.Search(ctx, SearchQuery{Text: "golang", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 3 {
		t.Errorf("search golang after the case rename: %d articles, want 3", res.Total)
	}

	saveRowByRow(t, s, []Article{tagged("content/a/d.md", "/a/__hb_d.md", "Go-Lang")})
	if got := searchTags(); !strings.Contains(got, "Go-Lang") {
		t.Errorf("a rename in other letters did not reach the search entries: %q", got)
	}
	searchIndexesIntact(t, s)
}
