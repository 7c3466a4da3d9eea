package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestParseSearchQuery(t *testing.T) {
	for in, want := range map[string]string{
		"harbour":                `"harbour"`,
		"Harbour  Wall":          `"Harbour" AND "Wall"`,
		`"coast road" storm`:     `"coast road" AND "storm"`,
		"harb*":                  `"harb" *`,
		"h*":                     `"h"`, // too short to expand
		"coast -flood -storm":    `("coast") NOT "flood" NOT "storm"`,
		`-"coast road" ferry`:    `("ferry") NOT "coast road"`,
		`"unbalanced quote`:      `"unbalanced quote"`,
		`say "hi`:                `"say" AND "hi"`,
		`a"b`:                    `"a" AND "b"`,
		"title:harbour OR NEAR(": `"title:harbour" AND "OR" AND "NEAR("`,
		`x""y`:                   `"x" AND "y"`,
		"well-known":             `"well-known"`,
		"":                       "",
		"   ":                    "",
		"*":                      "",
		"-":                      "",
		"-harbour":               "",
		"🎉 !!! ---":              "",
		"\x00harbour\xff":        `"harbour"`,
	} {
		if got := ParseSearchQuery(in); got != want {
			t.Errorf("ParseSearchQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParseSearchQuery: whatever a reader types, the parser gives "" or a query that SQLite's
// FTS5 accepts, and searching with it never fails.
func FuzzParseSearchQuery(f *testing.F) {
	for _, seed := range []string{"harbour", `"coast road" -flood harb*`, `"`, "*", "-", "a OR b", "NEAR(a b)", "col:x",
		"^start", "(", ")", `""""`, "x* *", "🎉", strings.Repeat("word ", 2000), "\x00", "\xff\xfe", "- -a", `-"`, "a-b-c*"} {
		f.Add(seed)
	}
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(f, &now)
	a := article("content/a.md", "/a/", "Harbour wall", now.Add(-time.Hour))
	a.PlainText = "The coast road floods."
	if _, err := s.SaveArticles(context.Background(), []Article{a}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		q := ParseSearchQuery(in)
		if q == "" {
			return
		}
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", q).Scan(&n); err != nil {
			t.Fatalf("input %q gave query %q that FTS5 refuses: %v", in, q, err)
		}
		if _, err := s.Search(context.Background(), SearchQuery{Text: in, Tag: in, Lang: in, Section: in}); err != nil {
			t.Fatalf("search %q: %v", in, err)
		}
		if _, err := s.Suggest(context.Background(), SuggestQuery{Text: in, TagKey: in, Lang: in}); err != nil {
			t.Fatalf("suggest %q: %v", in, err)
		}
	})
}
