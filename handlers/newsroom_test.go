package handlers

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"gazette/data"
)

// newsroomSite opts in to the newsroom front page, with one section block.
var newsroomSite = map[string]string{
	"config.toml":           "baseURL = \"https://news.example/\"\ntitle = \"Test News\"\n[params]\nfrontpage = \"newsroom\"\nfrontsections = [\"news\"]\n",
	"content/post/one.md":   "---\ntitle: First story\ndate: 2026-11-01\nleadstory: true\nauthors: [Ana Ruiz, Ben Okafor]\n---\nThe first body.\n",
	"content/post/two.md":   "---\ntitle: Second story\ndate: 2026-11-02\nfeatured: true\nauthors: [Ana Ruiz]\n---\nThe second body.\n",
	"content/post/three.md": "---\ntitle: Third story\ndate: 2026-11-03\nsectionlead: true\n---\nThe third body.\n",
	"content/post/four.md":  "---\ntitle: Fourth story\ndate: 2026-11-04\n---\nThe fourth body.\n",
	"content/news/other.md": "---\ntitle: Other desk\ndate: 2026-11-05\nsectionfeatured: true\n---\nElsewhere.\n",
}

func TestNewsroomFrontPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, newsroomSite)
	home := getDoc(t, ts, "/", http.StatusOK)
	if got := texts(home.Find("[data-testid=lead-story] h2")); got != "First story" {
		t.Errorf("lead story %q, want the flagged one, older as it is", got)
	}
	if got := texts(home.Find("[data-testid=featured-story] h3")); got != "Second story" {
		t.Errorf("featured %q", got)
	}
	if home.Find("[data-testid=featured-story] [data-testid=label-featured]").Length() != 1 {
		t.Error("the featured story has no Featured label")
	}
	if got := texts(home.Find("[data-testid=section-block] h2")); got != "News" {
		t.Errorf("section blocks %q", got)
	}
	if got := texts(home.Find("[data-testid=section-block] li a")); got != "Other desk" {
		t.Errorf("news block %q", got)
	}
	// The latest list leaves out what the top already shows.
	if got := texts(home.Find("[data-testid=list-item] .list__title")); got != "Fourth story|Third story" {
		t.Errorf("latest %q", got)
	}
	if got := attrs(home.Find("[data-testid=lead-story] [data-testid=byline-author]"), "href"); got != "/authors/ana-ruiz/|/authors/ben-okafor/" {
		t.Errorf("lead byline links %q", got)
	}

	t.Run("a section leads with its own", func(t *testing.T) {
		d := getDoc(t, ts, "/post/", http.StatusOK)
		if got := texts(d.Find("[data-testid=lead-story] h2")); got != "Third story" {
			t.Errorf("section lead %q", got)
		}
		news := getDoc(t, ts, "/news/", http.StatusOK)
		if got := texts(news.Find("[data-testid=lead-story] h2")); got != "Other desk" {
			t.Errorf("news lead %q: without a flagged lead, the newest leads", got)
		}
		if news.Find("[data-testid=section-block]").Length() != 0 {
			t.Error("a section page shows section blocks")
		}
	})

	t.Run("later pages are plain lists", func(t *testing.T) {
		set, _ := ts.store.SiteSettings(context.Background())
		set.PageSize = 1
		if err := ts.store.SaveSiteSettings(context.Background(), set); err != nil {
			t.Fatal(err)
		}
		d := getDoc(t, ts, "/page/2/", http.StatusOK)
		if d.Find("[data-testid=lead-story]").Length() != 0 || d.Find("[data-testid=list-item]").Length() != 1 {
			t.Error("page 2 is not a plain list of one")
		}
	})
}

func TestImportedSitesKeepTheirList(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, invalidationSite)
	d := getDoc(t, ts, "/", http.StatusOK)
	if d.Find("[data-testid=lead-story], [data-testid=featured-story], [data-testid=label-featured], .list__byline").Length() != 0 {
		t.Error("an imported site without the opt-in got the newsroom layout")
	}
	if d.Find("[data-testid=list-item]").Length() == 0 {
		t.Error("no list")
	}
}

func TestBreakingNewsBanner(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t, newsroomSite)
	set, _ := ts.store.SiteSettings(ctx)
	set.Params["breaking"] = map[string]any{"text": "Storm warning for the bay", "url": "/post/one/", "until": "2026-11-27T13:00:00Z"}
	if err := ts.store.SaveSiteSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	resp := ts.get(t, "/")
	d := doc(t, resp)
	if got := texts(d.Find("[data-testid=breaking-news] a")); got != "Storm warning for the bay" {
		t.Errorf("banner %q", got)
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") {
		t.Errorf("an hour before expiry: Cache-Control %q", cc)
	}
	if getDoc(t, ts, "/post/", http.StatusOK).Find("[data-testid=breaking-news]").Length() != 0 {
		t.Error("the banner shows on a section page")
	}
	// In the last minutes no cache keeps the page, so the banner goes on time.
	ts.clock.Set(time.Date(2026, 11, 27, 12, 55, 0, 0, time.UTC))
	resp = ts.get(t, "/")
	if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "private") {
		t.Errorf("five minutes before expiry: Cache-Control %q", cc)
	}
	ts.clock.Set(time.Date(2026, 11, 27, 13, 0, 1, 0, time.UTC))
	if getDoc(t, ts, "/", http.StatusOK).Find("[data-testid=breaking-news]").Length() != 0 {
		t.Error("the banner outlived its expiry")
	}
}

func TestAuthorPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t, newsroomSite)
	if err := ts.store.SaveAuthorProfile(ctx, "", data.AuthorProfile{Slug: "ana-ruiz", Name: "Ana Ruiz", Bio: "Ana covers the sea.",
		Avatar: "/media/ab/ana.png", Links: []data.AuthorLink{{Name: "Site", URL: "https://ana.example/"}, {Name: "Bad", URL: "javascript:alert(1)"}}}); err != nil {
		t.Fatal(err)
	}
	if err := ts.store.SaveAuthorProfile(ctx, "", data.AuthorProfile{Slug: "zoe-new", Name: "Zoe New"}); err != nil {
		t.Fatal(err)
	}

	idx := getDoc(t, ts, "/authors/", http.StatusOK)
	if got := texts(idx.Find("[data-testid=author-entry] .authors-index__name")); got != "Ana Ruiz|Ben Okafor|Zoe New" {
		t.Errorf("authors index %q", got)
	}
	page := getDoc(t, ts, "/authors/ana-ruiz/", http.StatusOK)
	if got := texts(page.Find("[data-testid=list-item] .list__title")); got != "Second story|First story" {
		t.Errorf("Ana's articles %q", got)
	}
	if got := texts(page.Find("[data-testid=author-bio]")); got != "Ana covers the sea." {
		t.Errorf("bio %q", got)
	}
	if got := attrs(page.Find(".author-links a"), "href"); got != "https://ana.example/" {
		t.Errorf("links %q (only web addresses may show)", got)
	}
	if body := readAll(t, ts.get(t, "/authors/ana-ruiz/index.xml")); !strings.Contains(body, "<title>Second story</title>") || !strings.Contains(body, "Ana Ruiz") {
		t.Errorf("author feed:\n%s", body)
	}
	getDoc(t, ts, "/authors/zoe-new/", http.StatusOK) // a profile without articles has its page
	getDoc(t, ts, "/authors/nobody/", http.StatusNotFound)

	t.Run("pagination", func(t *testing.T) {
		set, _ := ts.store.SiteSettings(ctx)
		set.PageSize = 1
		if err := ts.store.SaveSiteSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		if got := texts(getDoc(t, ts, "/authors/ana-ruiz/page/2/", http.StatusOK).Find("[data-testid=list-item] .list__title")); got != "First story" {
			t.Errorf("page 2 %q", got)
		}
		getDoc(t, ts, "/authors/ana-ruiz/page/3/", http.StatusNotFound)
	})

	t.Run("article byline, author box, JSON-LD", func(t *testing.T) {
		d := getDoc(t, ts, "/post/one/", http.StatusOK)
		if got := texts(d.Find(".post__header [data-testid=byline-author]")); got != "Ana Ruiz|Ben Okafor" {
			t.Errorf("byline %q", got)
		}
		if got := texts(d.Find("[data-testid=author-card] .authorbox__bio")); got != "Ana covers the sea." {
			t.Errorf("author cards %q (only profiles have one)", got)
		}
		authors, _ := jsonLD(t, d)["NewsArticle"]["author"].([]any)
		if len(authors) != 2 {
			t.Fatalf("JSON-LD authors %v", authors)
		}
		ana := authors[0].(map[string]any)
		if ana["@type"] != "Person" || ana["url"] != "https://news.example/authors/ana-ruiz/" || ana["image"] != "https://news.example/media/ab/ana.png" ||
			ana["description"] != "Ana covers the sea." {
			t.Errorf("JSON-LD Person %v", ana)
		}
	})
}

func TestCorrectionsShowAndDate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t, newsroomSite)
	id := articleID(t, ts, "/post/two/")
	at := time.Date(2026, 11, 27, 10, 30, 0, 0, time.UTC)
	if _, err := ts.store.AddArticleNote(ctx, data.ArticleNote{ArticleID: id, Kind: data.NoteCorrection, Note: "The quay is north, not south.", At: at}, 0); err != nil {
		t.Fatal(err)
	}
	d := getDoc(t, ts, "/post/two/", http.StatusOK)
	if got := texts(d.Find("[data-testid=correction] .notes__text")); got != "The quay is north, not south." {
		t.Errorf("log %q", got)
	}
	if got := attrs(d.Find("[data-testid=meta-lastmod]"), "datetime"); got != "2026-11-27T10:30:00Z" {
		t.Errorf("updated date %q", got)
	}
	if got := jsonLD(t, d)["NewsArticle"]["dateModified"]; got != "2026-11-27T10:30:00Z" {
		t.Errorf("dateModified %v", got)
	}
	if home := getDoc(t, ts, "/", http.StatusOK); home.Find("[data-testid=featured-story] [data-testid=label-updated]").Length() != 1 {
		t.Error("the front page does not label the corrected story Updated")
	}
	rss := readAll(t, ts.get(t, "/index.xml"))
	if !strings.Contains(rss, "Correction:") || !strings.Contains(rss, "The quay is north, not south.") {
		t.Errorf("feed does not mark the correction:\n%s", rss)
	}
	if atom := readAll(t, ts.get(t, "/atom.xml")); !strings.Contains(atom, "<updated>2026-11-27T10:30:00Z</updated>") {
		t.Errorf("atom entry not updated:\n%s", atom)
	}
}

// TestNewsroomPagesFollowChanges: an author page, the authors index, the articles an author
// signs and the front page are dropped from the cache by the changes they show, and only those.
func TestNewsroomPagesFollowChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t, newsroomSite)
	if err := ts.store.SaveAuthorProfile(ctx, "", data.AuthorProfile{Slug: "ana-ruiz", Name: "Ana Ruiz", Bio: "First bio."}); err != nil {
		t.Fatal(err)
	}
	pages := []string{"/", "/authors/", "/authors/ana-ruiz/", "/authors/ben-okafor/", "/post/one/", "/post/two/", "/post/three/", "/news/other/"}
	settle := func() {
		t.Helper()
		for try := 0; try < 100; try++ {
			all := true
			for _, p := range pages {
				if fetch(t, ts, p).cache != "HIT" {
					all = false
				}
			}
			if all {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatal("the cache never settled")
	}
	missed := func() (map[string]string, []string) {
		bodies := map[string]string{}
		var miss []string
		for _, p := range pages {
			f := fetch(t, ts, p)
			bodies[p] = f.body
			if f.cache == "MISS" {
				miss = append(miss, p)
			}
		}
		slices.Sort(miss)
		return bodies, miss
	}

	settle()
	if err := ts.store.SaveAuthorProfile(ctx, "ana-ruiz", data.AuthorProfile{Slug: "ana-ruiz", Name: "Ana Ruiz", Bio: "Second bio."}); err != nil {
		t.Fatal(err)
	}
	bodies, miss := missed()
	for _, p := range []string{"/authors/ana-ruiz/", "/post/one/", "/post/two/"} {
		if !strings.Contains(bodies[p], "Second bio.") {
			t.Errorf("profile edit: %s shows the old bio", p)
		}
	}
	// Ben's page too: its story's byline names Ana as her profile says.
	if want := sorted("/", "/authors/", "/authors/ana-ruiz/", "/authors/ben-okafor/", "/post/one/", "/post/two/"); !slices.Equal(miss, want) {
		t.Errorf("profile edit rebuilt %v, want %v", miss, want)
	}

	settle()
	a, err := ts.store.Article(ctx, articleID(t, ts, "/post/three/"))
	if err != nil {
		t.Fatal(err)
	}
	a.FrontMatter["leadstory"], a.Date, a.ContentHash = true, time.Date(2026, 11, 6, 0, 0, 0, 0, time.UTC), "lead"
	if _, err := ts.store.SaveArticles(ctx, []data.Article{a}); err != nil {
		t.Fatal(err)
	}
	bodies, miss = missed()
	if !slices.Contains(miss, "/") || !strings.Contains(bodies["/"], `data-testid="lead-story"`) {
		t.Fatalf("new lead: home rebuilt? %v", miss)
	}
	if d := docOf(t, bodies["/"]); texts(d.Find("[data-testid=lead-story] h2")) != "Third story" {
		t.Errorf("new lead: home leads with %q", texts(d.Find("[data-testid=lead-story] h2")))
	}
	for _, p := range []string{"/authors/ana-ruiz/", "/authors/ben-okafor/", "/news/other/", "/post/one/"} {
		if slices.Contains(miss, p) {
			t.Errorf("new lead rebuilt %s", p)
		}
	}
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func docOf(t *testing.T, body string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}
