package data

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestStemSafePrefix(t *testing.T) {
	for in, want := range map[string]string{
		"zephy": "zeph", "zephyr": "zephyr", "zeph": "zeph", "floods": "floods", "ze": "ze",
		"nationally": "nationall", "relational": "relationa", "harbo": "harbo", "café": "café", "sky": "sk",
		"by": "by",
	} {
		if got := stemSafePrefix(in); got != want {
			t.Errorf("stemSafePrefix(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSuggestPrefixTheStemmerRewrites: every prefix of a title's word suggests it, also one
// the porter stemmer would have rewritten ("zephy" was asked as "zephi*"), and a prefix that
// no word starts with suggests nothing, nor a draft.
func TestSuggestPrefixTheStemmerRewrites(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	light := article("content/news/light.md", "/news/light/", "Zephyrine Lighthouse", now.Add(-time.Hour))
	plain := article("content/news/plain.md", "/news/plain/", "Zephyr winds", now.Add(-2*time.Hour))
	tagged := article("content/news/tagged.md", "/news/tagged/", "Harbour notes", now.Add(-3*time.Hour))
	tagged.Terms = []Term{{Taxonomy: "tags", Key: "zephyrus", Name: "Zephyrus"}}
	draft := article("content/news/draft.md", "/news/draft/", "Zephyrine Draft", now.Add(-4*time.Hour))
	draft.Draft = true
	if _, err := s.SaveArticles(context.Background(), []Article{light, plain, tagged, draft}); err != nil {
		t.Fatal(err)
	}
	suggest := func(text string) string {
		t.Helper()
		got, err := s.Suggest(context.Background(), SuggestQuery{Text: text, Limit: 8})
		if err != nil {
			t.Fatalf("suggest %q: %v", text, err)
		}
		var titles []string
		for _, sg := range got {
			titles = append(titles, sg.Title)
		}
		return fmt.Sprint(titles)
	}
	for text, want := range map[string]string{
		"zeph":               "[Zephyrine Lighthouse Zephyr winds Harbour notes]",
		"zephy":              "[Zephyrine Lighthouse Zephyr winds Harbour notes]",
		"Zephyr":             "[Zephyrine Lighthouse Zephyr winds Harbour notes]",
		"zephyri":            "[Zephyrine Lighthouse]",
		"zephyrine":          "[Zephyrine Lighthouse]",
		"zephyru":            "[Harbour notes]",
		"zephyx":             "[]",
		"zephyrine lighthou": "[Zephyrine Lighthouse]",
	} {
		if got := suggest(text); got != want {
			t.Errorf("suggest %q: %s, want %s", text, got, want)
		}
	}
}
