package handlers

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"gazette/content"
	"gazette/data"
	"gazette/hugosite"
	"gazette/static"
)

// xmrCorpus is a real Hugo site (Russian, 595 pages) shared read-only beside the checkout.
const xmrCorpus = "../../shared/corpora/xmr-ru__xmr_ru"

// newCorpusServer imports a Hugo site from disk the way `gazette import` does and serves it.
func newCorpusServer(t *testing.T, root string) *testServer {
	t.Helper()
	if _, err := os.Stat(root); err != nil {
		missingShared(t, "corpus "+root)
	}
	site, err := content.LoadSite(root)
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{clock: newTestClock(time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))}
	store, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "corpus.db"), func() time.Time { return ts.clock.Now() })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	media, err := data.NewMediaDir(filepath.Join(t.TempDir(), "media"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hugosite.Import(context.Background(), store, media, site); err != nil {
		t.Fatal(err)
	}
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	ts.store = store
	ts.Server = httptest.NewServer(New(Deps{Store: store, Media: media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(ts.Close)
	return ts
}

// TestSearchImportedCorpus: on a real site, known queries find known articles first.
func TestSearchImportedCorpus(t *testing.T) {
	t.Parallel()
	ts := newCorpusServer(t, xmrCorpus)
	for query, wantFirst := range map[string]string{
		// No Russian stemmer: the exact form finds the tutorial, a prefix finds every form.
		"секретному мосту":           "Учебное пособие по секретному мосту Monero",
		`"беспарольную регистрацию"`: "Почему ваш проект должен поддерживать беспарольную регистрацию",
		"Fluorine Fermi 0.18.0.0":    "Релиз новой версии программного обеспечения Monero GUI 0.18.0.0 Fluorine Fermi",
		// Every title with a word starting мост (мост, мосту…), newest first.
		"мост*": "Учебное пособие по секретному мосту Monero",
	} {
		t.Run(query, func(t *testing.T) {
			d := doc(t, ts.get(t, "/search?q="+url.QueryEscape(query)))
			var titles []string
			d.Find("[data-testid=search-result-link]").Each(func(_ int, s *goquery.Selection) { titles = append(titles, s.Text()) })
			if len(titles) == 0 || !strings.HasPrefix(strings.Trim(titles[0], `"«» `), strings.Trim(wantFirst, `"«» `)) {
				t.Errorf("first results %q, want %q first", firstN(titles, 3), wantFirst)
			}
		})
	}
}

// TestSearchImportedCorpusTitles: on a real site, an article's exact title finds it first (or
// an article with the same title, where a site has several), and never an unpublished one.
func TestSearchImportedCorpusTitles(t *testing.T) {
	t.Parallel()
	ts := newCorpusServer(t, xmrCorpus)
	all, err := ts.store.AllArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, a := range all {
		if checked == 40 || a.Draft || a.Title == "" || !a.ExpiryDate.IsZero() || a.PublishDate.After(ts.clock.Now()) || a.Date.After(ts.clock.Now()) {
			continue
		}
		checked++
		got := resultTitles(t, ts, "q="+url.QueryEscape(a.Title))
		if len(got) == 0 || got[0] != a.Title {
			t.Errorf("%q: first results %q", a.Title, firstN(got, 3))
		}
	}
}

func firstN(s []string, n int) []string { return s[:min(n, len(s))] }

// missingShared stops a test whose shared corpus or fixture is absent: under `make test`
// (GAZETTE_CORPORA=1) that is a failure that says what to fetch; elsewhere a skip.
func missingShared(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("GAZETTE_CORPORA") == "1" {
		t.Fatalf("GAZETTE_CORPORA=1 but %s is missing: make test needs the shared corpora and fixtures in ../shared beside the checkout", what)
	}
	t.Skipf("%s is missing; set GAZETTE_CORPORA=1 to make this a failure", what)
}
