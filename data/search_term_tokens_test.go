package data

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Every tagged article carries per-term tokens ("gzterm…", migration 0100) in search_tags; a
// reader's prefix that begins those letters must find words, never the tokens. Fifty articles
// say "gzip" (more than checkDepth, so the index marks their parts, lead included); twenty
// more are tagged and say nothing of the kind.
func TestSearchPrefixIgnoresTermTokens(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	var list []Article
	for i := range 70 {
		date := now.Add(-time.Duration(i) * time.Hour)
		title, body := fmt.Sprintf("Gzip report %02d", i), "Gzip shrinks the harbour logs."
		if i >= 50 {
			title, body = fmt.Sprintf("Harbour report %02d", i), "The harbour opened."
		}
		a := article(fmt.Sprintf("content/news/g%02d.md", i), fmt.Sprintf("/news/g%02d/", i), title, date)
		a.PlainText, a.Lead = body, "Logs."
		a.Terms = append(a.Terms, Term{Taxonomy: "categories", Key: "news", Name: "News"})
		list = append(list, a)
	}
	if _, err := s.SaveArticles(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]int{"gz*": 50, "GZ*": 50, "gzi*": 50, "gzt*": 0, "gzterm*": 0, "gzterm7461*": 0,
		"harbour gz*": 50, "gzterm746167732f686172626f7572": 0, `"gzip shrinks"`: 50} {
		res, err := s.Search(context.Background(), SearchQuery{Text: query, Limit: 100})
		if err != nil {
			t.Fatalf("search %q: %v", query, err)
		}
		if res.Total != want || len(res.Hits) != want {
			t.Errorf("search %q: %d found (%d hits), want %d", query, res.Total, len(res.Hits), want)
		}
		for _, h := range res.Hits {
			if !strings.HasPrefix(h.Article.Title, "Gzip") {
				t.Errorf("search %q found %q", query, h.Article.Title)
			}
		}
	}
	for text, want := range map[string]int{"g": 8, "gz": 8, "Gzi": 8, "gzt": 0, "gzterm": 0, "report gz": 8} {
		got, err := s.Suggest(context.Background(), SuggestQuery{Text: text, Limit: 8})
		if err != nil {
			t.Fatalf("suggest %q: %v", text, err)
		}
		if len(got) != want {
			t.Errorf("suggest %q: %d suggestions, want %d", text, len(got), want)
		}
		for _, sg := range got {
			if !strings.HasPrefix(sg.Title, "Gzip") {
				t.Errorf("suggest %q: %q", text, sg.Title)
			}
		}
	}
}
