package data

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// filterCorpus is 120 articles whose tag and category names are words most of their bodies
// use, so a filter that asked the index for the name would find untagged articles too. Keys
// are as editors write them: hyphens, spaces, another script.
func filterCorpus(t *testing.T) (*Store, []Article) {
	t.Helper()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	tags := []Term{
		{Taxonomy: "tags", Key: "weather", Name: "Weather"},
		{Taxonomy: "tags", Key: "climate-change", Name: "Climate change"},
		{Taxonomy: "tags", Key: "гавань порт", Name: "Гавань"},
		{Taxonomy: "tags", Key: "harbour", Name: "Harbour"},
	}
	cats := []Term{{Taxonomy: "categories", Key: "news", Name: "News"}, {Taxonomy: "categories", Key: "change", Name: "Change"}}
	words := strings.Fields("weather climate change harbour news гавань storm road council")
	rng := rand.New(rand.NewPCG(1, 2))
	var list []Article
	for i := range 120 {
		date := now.Add(-time.Duration(i) * time.Hour)
		a := article(fmt.Sprintf("content/news/f%03d.md", i), fmt.Sprintf("/news/f%03d/", i), fmt.Sprintf("Report %03d", i), date)
		body := make([]string, 12)
		for j := range body {
			body[j] = words[rng.IntN(len(words))]
		}
		a.PlainText = strings.Join(body, " ")
		a.Terms = nil
		for _, tag := range tags {
			if rng.IntN(3) == 0 {
				a.Terms = append(a.Terms, tag)
			}
		}
		a.Terms = append(a.Terms, cats[rng.IntN(len(cats))])
		list = append(list, a)
	}
	if _, err := s.SaveArticles(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	return s, list
}

// wantFiltered is what a filtered search must find, worked out from the articles themselves:
// the word in the body or in a term's name (terms are searchable), the term among the
// article's terms.
func wantFiltered(list []Article, word string, term Term) []string {
	var want []string
	for _, a := range list {
		words := strings.Fields(a.PlainText)
		for _, t := range a.Terms {
			words = append(words, strings.Fields(strings.ToLower(t.Name))...)
		}
		if slices.Contains(words, word) && slices.ContainsFunc(a.Terms, func(t Term) bool {
			return t.Taxonomy == term.Taxonomy && t.Key == term.Key
		}) {
			want = append(want, a.Title)
		}
	}
	return want
}

func TestSearchTermFiltersFindExactlyTheTermsArticles(t *testing.T) {
	s, list := filterCorpus(t)
	for _, term := range []Term{
		{Taxonomy: "tags", Key: "weather"}, {Taxonomy: "tags", Key: "climate-change"},
		{Taxonomy: "tags", Key: "гавань порт"}, {Taxonomy: "categories", Key: "change"},
	} {
		for _, word := range []string{"storm", "weather", "change", "гавань"} {
			t.Run(term.Key+"/"+word, func(t *testing.T) {
				q := SearchQuery{Text: word, Limit: 200}
				if term.Taxonomy == "tags" {
					q.Tag = term.Key
				} else {
					q.Category = term.Key
				}
				got := searchTitles(t, s, q)
				want := wantFiltered(list, word, term)
				// Ranking puts title and tag matches first; the set is what the filter decides.
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("got %d articles %q\nwant %d %q", len(got), got, len(want), want)
				}
			})
		}
	}
}

func TestSearchTermFilterFollowsRenamedTerm(t *testing.T) {
	s, list := filterCorpus(t)
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, "UPDATE terms SET name = 'Global heating' WHERE taxonomy = 'tags' AND key = 'climate-change'"); err != nil {
		t.Fatal(err)
	}
	term := Term{Taxonomy: "tags", Key: "climate-change"}
	got := searchTitles(t, s, SearchQuery{Text: "storm", Tag: term.Key, Limit: 200})
	want := wantFiltered(list, "storm", term)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("after a rename the filter found %q, want %q", got, want)
	}
	// The new name is searchable as a tag, the old one no longer is.
	if got := searchTitles(t, s, SearchQuery{Text: "heating"}); len(got) == 0 {
		t.Error("the renamed tag's new name finds nothing")
	}
}

// Migration 0100 writes search_tags for the articles already stored in the shape the save path
// writes it, and rebuilds the indexes from it.
func TestSearchTermTokensMigration(t *testing.T) {
	s, list := filterCorpus(t)
	ctx := context.Background()
	// Rows as they were before the migration: names only.
	if _, err := s.db.ExecContext(ctx, `UPDATE articles SET search_tags = coalesce((SELECT group_concat(t.name, ' ')
		FROM article_terms at JOIN terms t ON t.id = at.term_id WHERE at.article_id = articles.id), '')`); err != nil {
		t.Fatal(err)
	}
	migration, err := migrationFiles.ReadFile("migrations/0100_search_term_tokens.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, string(migration)); err != nil {
		t.Fatalf("migration 0100 again: %v", err)
	}
	for _, a := range list {
		var stored string
		if err := s.db.QueryRowContext(ctx, "SELECT search_tags FROM articles WHERE source_path = ?", a.SourcePath).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		got, want := strings.Fields(stored), strings.Fields(searchTags(a.Terms))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: migration wrote %q, a save writes %q", a.SourcePath, stored, searchTags(a.Terms))
		}
	}
	term := Term{Taxonomy: "tags", Key: "гавань порт"}
	got := searchTitles(t, s, SearchQuery{Text: "road", Tag: term.Key, Limit: 200})
	want := wantFiltered(list, "road", term)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("after the migration the filter found %q, want %q", got, want)
	}
}
