package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestNeighboursFollowHugoOrder walks a section in Hugo's order (weighted first, then newest,
// undated last, ties by title) and checks that every article's pager links its neighbours,
// whichever query path serves it.
func TestNeighboursFollowHugoOrder(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	mk := func(name string, weight int, date time.Time) Article {
		a := article("content/s/"+name+".md", "/s/"+name+"/", name, date)
		a.Section, a.Weight = "s", weight
		return a
	}
	draft := mk("draft", 0, day(5))
	draft.Draft = true
	all := []Article{mk("w2", 2, day(1)), mk("w1", 1, day(2)), mk("d3", 0, day(3)), mk("d2b", 0, day(2)),
		mk("d2a", 0, day(2)), mk("d1", 0, day(1)), mk("u2", 0, time.Time{}), mk("u1", 0, time.Time{}), draft}
	if _, err := s.SaveArticles(ctx, all); err != nil {
		t.Fatal(err)
	}
	want := []string{"w1", "w2", "d3", "d2a", "d2b", "d1", "u1", "u2"}
	list, _, err := s.ListPublished(ctx, ListQuery{Lang: "en", Section: "s", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, a := range list {
		order = append(order, a.Title)
	}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Fatalf("list order %v, want %v", order, want)
	}
	for i := range list {
		older, newer, err := s.Neighbours(ctx, &list[i])
		if err != nil {
			t.Fatal(err)
		}
		name := func(r *ArticleRef) string {
			if r == nil {
				return "-"
			}
			return r.Title
		}
		wantOlder, wantNewer := "-", "-"
		if i+1 < len(want) {
			wantOlder = want[i+1]
		}
		if i > 0 {
			wantNewer = want[i-1]
		}
		if name(older) != wantOlder || name(newer) != wantNewer {
			t.Errorf("%s: older %s newer %s, want %s %s", list[i].Title, name(older), name(newer), wantOlder, wantNewer)
		}
	}
}

func TestTermCountsAndArchive(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	ctx := context.Background()
	a := article("content/a.md", "/a/", "A", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))
	b := article("content/b.md", "/b/", "B", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	later := article("content/c.md", "/c/", "C", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	later.Terms = []Term{{Taxonomy: "tags", Key: "soon", Name: "Soon"}}
	if _, err := s.SaveArticles(ctx, []Article{a, b, later}); err != nil {
		t.Fatal(err)
	}
	terms, err := s.TermCounts(ctx, "en", "tags")
	if err != nil || len(terms) != 1 || terms[0].Key != "harbour" || terms[0].Count != 2 {
		t.Errorf("term counts %+v %v (scheduled articles' terms are not listed)", terms, err)
	}
	if _, err := s.FindTerm(ctx, "en", "tags", "soon"); err != ErrNotFound {
		t.Errorf("a term with nothing published: %v", err)
	}
	years, _ := s.ArchiveYears(ctx, "en")
	months, _ := s.ArchiveMonths(ctx, "en", "2026")
	if len(years) != 2 || years[0].Period != "2026" || len(months) != 1 || months[0].Period != "2026-10" {
		t.Errorf("archive years %+v months %+v", years, months)
	}
}
