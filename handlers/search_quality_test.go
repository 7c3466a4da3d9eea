package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"gazette/data"
)

// TestSearchBadInput is the list of hostile or odd queries: each gets a page (or a
// JSON answer) with 200 or 400, never a 500.
func TestSearchBadInput(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	inputs := map[string]string{
		"empty": "", "long": strings.Repeat("harbour wall ", 800), "stopwords": "the and of a to in",
		"punctuation": `!!! ??? ... ,,, ;;; ::: ((( ))) --- +++`, "unbalanced": `"harbour wall`, "near": "NEAR(harbour wall, 2)",
		"or": "harbour OR wall", "star": "*", "caret": "^harbour", "column": "title:harbour", "columns": "{title lead}: harbour",
		"invalid-utf8": "harb\xff\xfeour", "nul": "harbour\x00wall", "only-exclusions": "-harbour -wall",
	}
	for name, q := range inputs {
		for _, path := range []string{"/search?q=" + url.QueryEscape(q), "/search?page=100000&q=" + url.QueryEscape(q),
			"/search/suggest?q=" + url.QueryEscape(q)} {
			resp := ts.get(t, path)
			if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusBadRequest {
				t.Errorf("%s %.40s: status %d", name, path, resp.StatusCode)
			}
			resp.Body.Close()
		}
	}
	d := doc(t, ts.get(t, "/search?q=harbour&page=100000"))
	if d.Find("[data-testid=search-count]").Length() != 1 {
		t.Error("page 100000 of a search must still say how many were found")
	}
}

// TestSearchSuggest: titles and tags starting with what was typed, published articles only.
func TestSearchSuggest(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	got := suggestions(t, ts, "harb")
	if !slices.Contains(got, "tag Harbour /tags/harbour/") || !slices.Contains(got, "article Harbour wall repairs begin /news/wall/") {
		t.Errorf("suggestions for harb: %q", got)
	}
	for _, s := range got {
		if strings.Contains(s, "secret") {
			t.Errorf("a draft was suggested: %q", s)
		}
	}
	if got := suggestions(t, ts, "harbour wa"); len(got) != 1 || got[0] != "article Harbour wall repairs begin /news/wall/" {
		t.Errorf("suggestions for 'harbour wa': %q", got)
	}
	if got := suggestions(t, ts, ""); len(got) != 0 {
		t.Errorf("suggestions for nothing: %q", got)
	}
}

func suggestions(t *testing.T, ts *testServer, q string) []string {
	t.Helper()
	resp := ts.get(t, "/search/suggest?q="+url.QueryEscape(q))
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("suggest %q: %d %s", q, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var body struct {
		Suggestions []struct{ Kind, Title, URL string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range body.Suggestions {
		out = append(out, s.Kind+" "+s.Title+" "+s.URL)
	}
	return out
}

// TestSearchFacets: counts beside the results, each a link that narrows the search.
func TestSearchFacets(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	d := doc(t, ts.get(t, "/search?q=harbour"))
	tags := d.Find("[data-testid=search-facet-tag] [data-testid=search-facet-link]")
	var storm string
	tags.Each(func(_ int, s *goquery.Selection) {
		if s.Text() == "Storm" {
			storm = s.AttrOr("href", "")
		}
	})
	if storm == "" {
		t.Fatalf("no Storm tag facet among %q", tags.Text())
	}
	narrowed := doc(t, ts.get(t, storm))
	if got := narrowed.Find("[data-testid=search-result-link]").AttrOr("href", ""); got != "/news/wall/" ||
		narrowed.Find("[data-testid=search-result]").Length() != 1 {
		t.Errorf("the Storm facet (%s) shows %q", storm, got)
	}
	if narrowed.Find("[data-testid=search-facet-tag] a[aria-current]").Text() != "Storm" {
		t.Error("the chosen facet is not marked")
	}
}

// TestSearchFindsASaveAtOnce: there is no ranking cache to wait for; an article saved after a
// search is found by the next one, and other searches are unchanged.
func TestSearchFindsASaveAtOnce(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	before := searchLinks(t, ts, "q=harbour")
	if got := searchLinks(t, ts, "q=lighthouse"); len(got) != 0 {
		t.Fatalf("lighthouse before the save: %v", got)
	}
	a := data.Article{SourcePath: "content/news/light.md", Lang: "en", TranslationKey: "light", Section: "news",
		Title: "Lighthouse keeper retires", PlainText: "After forty years the keeper hands over the lamp.",
		Permalink: "/news/light/", Date: ts.clock.Now().Add(-time.Minute), ContentHash: "light"}
	if _, err := ts.store.SaveArticles(context.Background(), []data.Article{a}); err != nil {
		t.Fatal(err)
	}
	if got := searchLinks(t, ts, "q=lighthouse"); len(got) != 1 || got[0] != "/news/light/" {
		t.Errorf("lighthouse after the save: %v", got)
	}
	if got := searchLinks(t, ts, "q=harbour"); !slices.Equal(got, before) {
		t.Errorf("harbour changed from %v to %v", before, got)
	}
}

func searchLinks(t *testing.T, ts *testServer, query string) []string {
	t.Helper()
	var links []string
	doc(t, ts.get(t, "/search?"+query)).Find("[data-testid=search-result-link]").Each(func(_ int, s *goquery.Selection) {
		links = append(links, s.AttrOr("href", ""))
	})
	return links
}

// TestSearchGeneratedCorpus checks the ranking rule on the shared news generator's corpus
// (/work/shared/tools/gen_corpus.py, 400 articles), plus a draft, a scheduled and an expired
// article that share its words.
func TestSearchGeneratedCorpus(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	gen := filepath.Join("..", "..", "shared", "tools", "gen_corpus.py")
	if out, err := exec.Command("python3", gen, "400", filepath.Join(root, "content", "post")).CombinedOutput(); err != nil {
		t.Fatalf("gen_corpus.py: %v\n%s", err, out)
	}
	files := map[string]string{
		"config.toml":                      "baseURL = \"https://news.example/\"\ntitle = \"Generated\"\n",
		"content/post/hidden-draft.md":     "---\ntitle: Inflation Draft\ndate: 2026-11-26\ndraft: true\n---\ninflation zebrafish\n",
		"content/post/hidden-scheduled.md": "---\ntitle: Inflation Tomorrow\ndate: 2026-11-28\n---\ninflation zebrafish\n",
		"content/post/hidden-expired.md":   "---\ntitle: Inflation Expired\ndate: 2026-11-01\nexpiryDate: 2026-11-20\n---\ninflation zebrafish\n",
	}
	for p, body := range files {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(p)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ts := newCorpusServer(t, root)
	all, err := ts.store.AllArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	titles, bodies := map[string]int{}, map[string]int{}
	for _, a := range all {
		titles[a.Title]++
	}

	t.Run("exact title first", func(t *testing.T) {
		for _, a := range all[:40] {
			if strings.Contains(a.Title, "Inflation ") && strings.Contains(a.SourcePath, "hidden") {
				continue
			}
			got := resultTitles(t, ts, "q="+url.QueryEscape(a.Title))
			if len(got) == 0 || got[0] != a.Title {
				t.Errorf("%q: first results %q", a.Title, firstN(got, 3))
			}
		}
	})

	t.Run("distinctive body phrase in top 3", func(t *testing.T) {
		// Phrases of six words that occur in one article only, cut from forty articles.
		window := regexp.MustCompile(`[\p{L}\p{N}']+`)
		for _, a := range all {
			words := window.FindAllString(a.PlainText, -1)
			for i := 0; i+6 <= len(words); i += 6 {
				bodies[strings.ToLower(strings.Join(words[i:i+6], " "))]++
			}
		}
		checked := 0
		for _, a := range all {
			if checked == 40 {
				break
			}
			words := window.FindAllString(a.PlainText, -1)
			for i := 0; i+6 <= len(words); i += 6 {
				phrase := strings.Join(words[i:i+6], " ")
				if bodies[strings.ToLower(phrase)] != 1 || strings.Count(strings.ToLower(a.PlainText), strings.ToLower(phrase)) != 1 {
					continue
				}
				checked++
				for _, q := range []string{`"` + phrase + `"`, phrase} {
					if got := resultTitles(t, ts, "q="+url.QueryEscape(q)); !slices.Contains(firstN(got, 3), a.Title) {
						t.Errorf("%s: %q not in the top 3 %q", q, a.Title, firstN(got, 3))
					}
				}
				break
			}
		}
		if checked < 20 {
			t.Errorf("only %d distinctive phrases found", checked)
		}
	})

	t.Run("common word: recent and relevant", func(t *testing.T) {
		// "inflation" is in hundreds of these articles; page one is the newest of those that
		// have it in the headline or tags.
		about := map[string]bool{}
		var newest time.Time
		for _, a := range all {
			if strings.Contains(a.SourcePath, "hidden") {
				continue
			}
			relevant := strings.Contains(strings.ToLower(a.Title), "inflation")
			for _, term := range a.Terms {
				relevant = relevant || term.Taxonomy == "tags" && term.Key == "inflation"
			}
			if relevant {
				about[a.Title] = true
				if a.Date.After(newest) {
					newest = a.Date
				}
			}
		}
		d := doc(t, ts.get(t, "/search?q=inflation"))
		var dates []string
		d.Find("[data-testid=search-result]").Each(func(_ int, s *goquery.Selection) {
			if title := s.Find("[data-testid=search-result-link]").Text(); !about[title] {
				t.Errorf("%q is on page one without the word in its headline or tags", title)
			}
			dates = append(dates, s.Find("time").AttrOr("datetime", ""))
		})
		if len(dates) != searchPageSize || !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("page one dates %q: want ten, newest first", dates)
		}
		if len(dates) > 0 && dates[0][:10] != newest.Format("2006-01-02") {
			t.Errorf("first result from %s, the newest inflation story is from %s", dates[0], newest)
		}
	})

	t.Run("never drafts, scheduled or expired", func(t *testing.T) {
		for _, q := range []string{"zebrafish", "inflation", "inflation zebrafish"} {
			for page := 1; page <= 3; page++ {
				for _, title := range resultTitles(t, ts, "q="+url.QueryEscape(q)+"&page="+string(rune('0'+page))) {
					if strings.HasPrefix(title, "Inflation Draft") || strings.HasPrefix(title, "Inflation Tomorrow") || strings.HasPrefix(title, "Inflation Expired") {
						t.Errorf("%s page %d shows %q", q, page, title)
					}
				}
			}
		}
	})
}

func resultTitles(t *testing.T, ts *testServer, query string) []string {
	t.Helper()
	ts.clock.Add(time.Second) // each address may search twice a second
	var titles []string
	doc(t, ts.get(t, "/search?"+query)).Find("[data-testid=search-result-link]").Each(func(_ int, s *goquery.Selection) {
		titles = append(titles, s.Text())
	})
	return titles
}
