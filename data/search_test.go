package data

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// searchCorpus is a small newsroom whose articles each answer one known query.
func searchCorpus(t *testing.T, now *time.Time) *Store {
	t.Helper()
	s := openTestStore(t, now)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	mk := func(src, title, lead, body string, d int, tags ...string) Article {
		a := article("content/news/"+src+".md", "/news/"+src+"/", title, day(d))
		a.Lead, a.PlainText, a.Terms = lead, body, nil
		for _, tag := range tags {
			a.Terms = append(a.Terms, Term{Taxonomy: "tags", Key: strings.ToLower(tag), Name: tag})
		}
		a.Terms = append(a.Terms, Term{Taxonomy: "categories", Key: "news", Name: "News"})
		return a
	}
	list := []Article{
		mk("harbour-wall", "Harbour wall repairs begin", "Storm damage is being fixed.", "Engineers started work on the harbour wall after the storm.", 20, "Harbour"),
		mk("ferry", "Ferry timetable changes", "Winter sailings are fewer.", "The ferry company cut winter sailings. The harbour master agreed.", 21, "Transport"),
		mk("council-budget", "Council budget preview", "Spending on roads rises.", "The council will vote on the budget. Harbour fees stay the same.", 22, "Council"),
		mk("storm-floods", "Storms flood the coast road", "Roads closed overnight.", "Flooding closed the coast road; the council opened a shelter.", 23, "Weather"),
		mk("weather", "Weekend weather", "Sun at last.", "A quiet weekend with sunshine and light winds along the coast.", 24, "Weather"),
		mk("café", "Café reopens on the quay", "Coffee is back.", "The café by the quay reopened with a new menu.", 25, "Business"),
		mk("draft", "Harbour secret plans", "", "Harbour harbour harbour.", 25),
		mk("future", "Harbour tomorrow", "", "Harbour harbour harbour.", 28),
		mk("expired", "Harbour offer ended", "", "Harbour harbour harbour.", 10),
		mk("russian", "Гавань открыта", "Новости порта.", "Ремонт стены гавани закончен.", 19),
	}
	// Unrelated articles, so that the words above are as rare as real search words are (bm25
	// gives no weight to a word most documents contain).
	for i := range 30 {
		list = append(list, mk(fmt.Sprintf("filler-%d", i), fmt.Sprintf("Market report %d", i), "Prices held.",
			"Traders at the market reported steady prices for apples and pears.", 1+i%18))
	}
	list[6].Draft = true
	list[8].ExpiryDate = day(15)
	list[9].Lang = "ru"
	if _, err := s.SaveArticles(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	return s
}

func searchTitles(t *testing.T, s *Store, q SearchQuery) []string {
	t.Helper()
	res, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	var titles []string
	for _, h := range res.Hits {
		titles = append(titles, h.Article.Title)
	}
	if res.Total < len(titles) {
		t.Errorf("search %+v: total %d < %d hits", q, res.Total, len(titles))
	}
	return titles
}

func TestSearchRankingAndSyntax(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := searchCorpus(t, &now)
	for _, tc := range []struct {
		query string
		want  []string // the hits in order; nil = nothing found
	}{
		// A title match outranks body matches, which come newest first; drafts, scheduled and
		// expired articles never appear.
		{"harbour", []string{"Harbour wall repairs begin", "Council budget preview", "Ferry timetable changes"}},
		{"floods", []string{"Storms flood the coast road"}},       // porter stemming
		{"cafe", []string{"Café reopens on the quay"}},            // diacritics folded
		{`"coast road"`, []string{"Storms flood the coast road"}}, // phrase
		{"harb*", nil}, // checked below by count
		{"coast -flood", []string{"Weekend weather"}},           // exclusion
		{"council harbour", []string{"Council budget preview"}}, // every word must match
		{"transport", []string{"Ferry timetable changes"}},      // tags are indexed
		{"гавани", []string{"Гавань открыта"}},                  // Cyrillic
		{"-harbour", nil}, {`"`, nil}, {"*", nil}, {"", nil}, {"🎉", nil}, // nothing searchable
		{"title:harbour OR NEAR(", nil},
	} {
		t.Run(tc.query, func(t *testing.T) {
			got := searchTitles(t, s, SearchQuery{Text: tc.query})
			if tc.query == "harb*" {
				if len(got) != 3 {
					t.Errorf("prefix search found %v", got)
				}
				return
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestSearchFilters(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := searchCorpus(t, &now)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	for name, tc := range map[string]struct {
		q    SearchQuery
		want string
	}{
		"tag":          {SearchQuery{Text: "coast", Tag: "weather"}, "Storms flood the coast road|Weekend weather"},
		"tag-none":     {SearchQuery{Text: "coast", Tag: "business"}, ""},
		"category":     {SearchQuery{Text: "harbour", Category: "news"}, "Harbour wall repairs begin|Council budget preview|Ferry timetable changes"},
		"lang":         {SearchQuery{Text: "harbour", Lang: "ru"}, ""},
		"lang-ru":      {SearchQuery{Text: "гавань", Lang: "ru"}, "Гавань открыта"},
		"date-range":   {SearchQuery{Text: "harbour", From: day(21), To: day(22)}, "Ferry timetable changes"},
		"from-only":    {SearchQuery{Text: "coast", From: day(24)}, "Weekend weather"},
		"page-two":     {SearchQuery{Text: "harbour", Limit: 2, Offset: 2}, "Ferry timetable changes"},
		"past-the-end": {SearchQuery{Text: "harbour", Limit: 2, Offset: 40}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			if got := strings.Join(searchTitles(t, s, tc.q), "|"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSearchFollowsEditsAndTime(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := searchCorpus(t, &now)
	ctx := context.Background()
	if got := searchTitles(t, s, SearchQuery{Text: "tomorrow"}); len(got) != 0 {
		t.Fatalf("scheduled article found early: %v", got)
	}
	setNow(&now, time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC))
	if got := searchTitles(t, s, SearchQuery{Text: "tomorrow"}); len(got) != 1 {
		t.Errorf("scheduled article not found once published: %v", got)
	}

	// An edit replaces the old words in the index; a retag moves the article between tags.
	all, err := s.AllArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ferry Article
	for _, a := range all {
		if a.Title == "Ferry timetable changes" {
			ferry = a
		}
	}
	// Ask first, so the rankings are kept: the edit must still show at once.
	if got := searchTitles(t, s, SearchQuery{Text: "hovercraft"}); len(got) != 0 {
		t.Fatalf("hovercraft found before the edit: %v", got)
	}
	if got := searchTitles(t, s, SearchQuery{Text: "timetable"}); len(got) != 1 {
		t.Fatalf("timetable before the edit: %v", got)
	}
	ferry.Title, ferry.PlainText, ferry.ContentHash = "Ferry sails again", "Hovercraft service resumes.", "edited"
	ferry.Terms = []Term{{Taxonomy: "tags", Key: "boats", Name: "Boats"}}
	if _, err := s.SaveArticles(ctx, []Article{ferry}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{"timetable": 0, "hovercraft": 1, "transport": 0, "boats": 1, "sails": 1} {
		if got := searchTitles(t, s, SearchQuery{Text: q}); len(got) != want {
			t.Errorf("after edit, %q finds %v, want %d hits", q, got, want)
		}
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM articles WHERE id = ?", ferry.ID); err != nil {
		t.Fatal(err)
	}
	if got := searchTitles(t, s, SearchQuery{Text: "hovercraft"}); len(got) != 0 {
		t.Errorf("deleted article still found: %v", got)
	}
	var check int
	for _, table := range []string{"search_fts", "search_titles"} {
		if _, err := s.db.ExecContext(ctx, "INSERT INTO "+table+" ("+table+", rank) VALUES ('integrity-check', 1)"); err != nil {
			t.Errorf("%s out of step with articles: %v", table, err)
		}
	}
	_ = check
}

func TestSearchSnippetsAreEscapedAndMarked(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	a := article("content/x.md", "/x/", "<script>alert(1)</script> lighthouse", now.Add(-time.Hour))
	a.PlainText = "Keepers & <b>visitors</b> climbed the lighthouse stairs \x02 at dawn."
	if _, err := s.SaveArticles(context.Background(), []Article{a}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(context.Background(), SearchQuery{Text: "lighthouse"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%v %v", res, err)
	}
	h := res.Hits[0]
	if h.TitleHTML != "&lt;script&gt;alert(1)&lt;/script&gt; <mark>lighthouse</mark>" {
		t.Errorf("title %q", h.TitleHTML)
	}
	if !strings.Contains(h.SnippetHTML, "&amp; &lt;b&gt;visitors&lt;/b&gt; climbed the <mark>lighthouse</mark> stairs") ||
		strings.Count(h.SnippetHTML, "<mark>") != strings.Count(h.SnippetHTML, "</mark>") {
		t.Errorf("snippet %q", h.SnippetHTML)
	}
}

// TestSearchRecencyBreaksTies: equally relevant articles come newest first.
func TestSearchRecencyBreaksTies(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := openTestStore(t, &now)
	var list []Article
	for i, title := range []string{"Older", "Newest", "Middle"} {
		a := article(fmt.Sprintf("content/%d.md", i), fmt.Sprintf("/%d/", i), title, now.AddDate(0, 0, -[]int{9, 1, 5}[i]))
		a.PlainText = "The regatta was held."
		list = append(list, a)
	}
	for i := range 10 {
		a := article(fmt.Sprintf("content/f%d.md", i), fmt.Sprintf("/f%d/", i), "Other", now.AddDate(0, 0, -20))
		a.PlainText = "Nothing to see."
		list = append(list, a)
	}
	if _, err := s.SaveArticles(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(searchTitles(t, s, SearchQuery{Text: "regatta"}), "|"); got != "Newest|Middle|Older" {
		t.Errorf("got %s", got)
	}
}

// TestSearchFollowsDateChanges: the index key holds the date, so a new date moves the article
// in the index (found once, at its new place) and keeps the index whole.
func TestSearchFollowsDateChanges(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := searchCorpus(t, &now)
	ctx := context.Background()
	all, err := s.AllArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if a.Title == "Ferry timetable changes" {
			a.Date, a.ContentHash = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), "redated"
			if _, err := s.SaveArticles(ctx, []Article{a}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := strings.Join(searchTitles(t, s, SearchQuery{Text: "harbour"}), "|"); got != "Harbour wall repairs begin|Ferry timetable changes|Council budget preview" {
		t.Errorf("after the new date: %s", got)
	}
	if got := searchTitles(t, s, SearchQuery{Text: "harbour", From: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}); len(got) != 1 {
		t.Errorf("from the new date: %q", got)
	}
	for _, table := range []string{"search_fts", "search_titles"} {
		if _, err := s.db.ExecContext(ctx, "INSERT INTO "+table+" ("+table+", rank) VALUES ('integrity-check', 1)"); err != nil {
			t.Errorf("%s out of step with articles: %v", table, err)
		}
	}
}

// TestSearchManyTerms checks the limits: a 10 KB query still answers, from its first words.
func TestSearchManyTerms(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s := searchCorpus(t, &now)
	long := strings.Repeat("harbour ", 1300)
	if got := searchTitles(t, s, SearchQuery{Text: long}); len(got) != 3 {
		t.Errorf("10 KB query: %v", got)
	}
	var sb strings.Builder
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&sb, `"%d" x* -y OR AND NOT ( ) ^ : `, i)
	}
	if _, err := s.Search(context.Background(), SearchQuery{Text: sb.String()}); err != nil {
		t.Errorf("operator soup: %v", err)
	}
}
