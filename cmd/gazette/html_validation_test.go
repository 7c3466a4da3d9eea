package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gazette/content"
	"gazette/data"
)

// vnuJar is the Nu HTML Checker pinned in package.json, relative to this package's folder.
const vnuJar = "../../node_modules/vnu-jar/build/dist/vnu.jar"

// checkedPage is one fetched page: where it came from and the status it must have.
type checkedPage struct {
	url    string
	status int
}

// TestPagesAreValidHTML renders a sample of every kind of page and checks it with the Nu HTML
// Checker, in one run because each start of the JVM costs seconds.
func TestPagesAreValidHTML(t *testing.T) {
	java := requireVNU(t)
	xmr, sky := corpusDir(t, "xmr-ru__xmr_ru"), corpusDir(t, "sky-bro__blog-src")
	ts := newTestSite(t, xmr, sky)

	pages := []checkedPage{{url: "/", status: http.StatusOK}}
	// A second page exists once the home page overflows; anything but "no such page" is checked.
	if status, _ := fetch(t, ts.Server.URL+"/page/2/"); status != http.StatusNotFound {
		pages = append(pages, checkedPage{url: "/page/2/", status: http.StatusOK})
	}
	pages = append(pages, listPages(t, ts)...)
	pages = append(pages, demoPages(t, ts, xmr, sky)...)
	pages = append(pages, corpusPages(t, ts, xmr, 10)...)
	pages = append(pages, corpusPages(t, ts, sky, 10)...)
	pages = append(pages, checkedPage{url: "/no-such-page/", status: http.StatusNotFound})
	desk := deskPages(t, ts)
	pages = append(pages, desk.pages...)

	dir := t.TempDir()
	urlOf := map[string]string{}
	for i, p := range pages {
		get := func(u string) (int, []byte) { return fetch(t, u) }
		if desk.urls[p.url] {
			get = desk.fetch
		}
		status, body := get(ts.Server.URL + p.url)
		if status != p.status {
			t.Errorf("GET %s: status %d, want %d", p.url, status, p.status)
			continue
		}
		name := fmt.Sprintf("page-%d.html", i)
		urlOf[name] = p.url
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("checking %d pages with vnu", len(urlOf))

	for _, m := range runVNU(t, java, dir) {
		u, ok := urlOf[filepath.Base(m.URL)]
		if !ok {
			u = m.URL
		}
		t.Errorf("%s line %d: %s: %s\n\t%q", u, m.LastLine, m.Type, m.Message, m.Extract)
	}
}

// requireVNU returns the java command, skipping the test without java or the checker's jar,
// unless GAZETTE_HTML_CHECK=1 (as in `make test`) says the check must run.
func requireVNU(t *testing.T) string {
	t.Helper()
	java, err := exec.LookPath("java")
	if err == nil {
		_, err = os.Stat(vnuJar)
	}
	if err != nil {
		if os.Getenv("GAZETTE_HTML_CHECK") == "1" {
			t.Fatalf("GAZETTE_HTML_CHECK=1 but the HTML checker cannot run (%v): run scripts/install-test-deps.sh", err)
		}
		t.Skipf("HTML checker unavailable (%v); set GAZETTE_HTML_CHECK=1 to make this a failure", err)
	}
	return java
}

// listPages returns every kind of list page: sections, taxonomies, a term of each (and its
// second page when it has one), the archive, and the demo's second language.
func listPages(t *testing.T, ts *testSite) []checkedPage {
	t.Helper()
	pages := []checkedPage{{"/news/", http.StatusOK}, {"/tags/", http.StatusOK}, {"/categories/", http.StatusOK},
		{"/archive/", http.StatusOK}, {"/es/", http.StatusOK},
		// Search: results with snippets, filters, and the friendly empty answer.
		{"/search?q=harbour", http.StatusOK}, {"/search?q=%22unbalanced&tag=nope", http.StatusOK}, {"/search?q=", http.StatusOK},
		// The admin login page and the first-editor setup page a new owner sees.
		{"/admin/login", http.StatusOK},
		// The newsroom (issue 17): the authors index, an author page with a profile, one
		// without; the demo's front page leads with a story, and its lead carries a
		// correction (newsroomExtras).
		{"/authors/", http.StatusOK}, {"/authors/mara-quinn/", http.StatusOK}, {"/authors/tomas-reyes/", http.StatusOK}}
	newsroomExtras(t, ts)
	for _, taxonomy := range []string{"/tags/", "/categories/"} {
		_, body := fetch(t, ts.Server.URL+taxonomy)
		m := regexp.MustCompile(`<a class="terms__link" href="([^"]+)"`).FindAllSubmatch(body, -1)
		if len(m) == 0 {
			t.Fatalf("%s lists no terms", taxonomy)
		}
		// The most used term: the one likeliest to have a second page.
		best, bestCount := "", -1
		counts := regexp.MustCompile(`<a class="terms__link" href="([^"]+)">[^<]*</a> <span class="terms__count" data-testid="count">(\d+)</span>`).FindAllSubmatch(body, -1)
		for _, c := range counts {
			if n, _ := strconv.Atoi(string(c[2])); n > bestCount {
				best, bestCount = string(c[1]), n
			}
		}
		if best == "" {
			best = string(m[0][1])
		}
		pages = append(pages, checkedPage{best, http.StatusOK})
		if status, _ := fetch(t, ts.Server.URL+best+"page/2/"); status == http.StatusOK {
			pages = append(pages, checkedPage{best + "page/2/", http.StatusOK})
		}
	}
	return pages
}

// demoPages returns every published demo article: the stored articles that no corpus lists.
func demoPages(t *testing.T, ts *testSite, corpora ...string) []checkedPage {
	t.Helper()
	fromCorpus := map[string]bool{}
	for _, dir := range corpora {
		for _, r := range readHugoList(t, filepath.Join(dir, "hugo-list-all.csv")) {
			fromCorpus[r.path] = true
		}
	}
	all, err := ts.Store.AllArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var pages []checkedPage
	for i := range all {
		a := &all[i]
		if a.IsPublished(now) && !fromCorpus[a.Permalink] {
			pages = append(pages, checkedPage{content.EscapePath(a.Permalink), http.StatusOK})
		}
	}
	if len(pages) == 0 {
		t.Fatal("no published demo articles")
	}
	return pages
}

// corpusPages returns up to n published articles of a corpus, as the store has them.
func corpusPages(t *testing.T, ts *testSite, dir string, n int) []checkedPage {
	t.Helper()
	ctx := context.Background()
	var pages []checkedPage
	for _, r := range readHugoList(t, filepath.Join(dir, "hugo-list-all.csv")) {
		if len(pages) == n {
			break
		}
		if !r.published {
			continue
		}
		target, err := ts.Store.ResolvePath(ctx, r.path)
		if err != nil || target.IsRedirect {
			continue
		}
		a, err := ts.Store.Article(ctx, target.ArticleID)
		if err != nil || !a.IsPublished(time.Now()) {
			continue
		}
		pages = append(pages, checkedPage{content.EscapePath(a.Permalink), http.StatusOK})
	}
	if len(pages) < n {
		t.Errorf("%s: only %d of %d sample articles found in the store", filepath.Base(dir), len(pages), n)
	}
	return pages
}

func fetch(t *testing.T, u string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return resp.StatusCode, body
}

// vnuMessage is one message of the checker's JSON output.
type vnuMessage struct {
	Type     string `json:"type"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

// runVNU checks every HTML file in dir and returns the errors.
func runVNU(t *testing.T, java, dir string) []vnuMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, "-jar", vnuJar, "--errors-only", "--format", "json",
		"--stdout", "--skip-non-html", dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var exit *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exit) {
		t.Fatalf("run vnu: %v\n%s", runErr, stderr.String())
	}
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("vnu output (%v): %v\nstdout: %s\nstderr: %s", runErr, err, stdout.String(), stderr.String())
	}
	if runErr != nil && len(out.Messages) == 0 {
		t.Fatalf("vnu failed without messages: %v\n%s", runErr, stderr.String())
	}
	return out.Messages
}

// deskSession is an admin logged in to the test site, for the editor desk's pages.
type deskSession struct {
	pages []checkedPage
	urls  map[string]bool
	fetch func(url string) (int, []byte)
}

// deskPages logs an admin in and lists every kind of desk page.
func deskPages(t *testing.T, ts *testSite) deskSession {
	t.Helper()
	ctx := context.Background()
	if _, err := ts.Store.CreateEditor(ctx, data.NewEditor{Email: "check@example.com", Name: "Checker", Role: data.RoleAdmin,
		Password: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	// No redirects followed: a desk page that sent us to the login page must fail, not pass
	// as a valid login page.
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(u string) (int, []byte) {
		t.Helper()
		resp, err := client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	_, login := get(ts.Server.URL + "/admin/login")
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(login)
	if m == nil {
		t.Fatal("login page has no form token")
	}
	req, _ := http.NewRequest(http.MethodPost, ts.Server.URL+"/admin/login", strings.NewReader(url.Values{
		"csrf": {string(m[1])}, "email": {"check@example.com"}, "password": {"correct horse battery"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", ts.Server.URL)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("admin login: status %d", resp.StatusCode)
	}
	tgt, err := ts.Store.ResolvePath(ctx, "/news/tide-tables-explained/")
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(tgt.ArticleID, 10)
	// An image in the media library with its words, for its own page.
	img, err := ts.Store.AddMedia(ctx, data.MediaFile{StoredName: "ab/ab12cd.png", Name: "harbour.png", MediaType: "image/png",
		Width: 640, Height: 320, Size: 100, Alt: "The harbour at dawn", Caption: "Dawn", Credit: "Ada Lens"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var pages []checkedPage
	urls := map[string]bool{}
	for _, u := range []string{"/admin/", "/admin/dashboard", "/admin/media/" + strconv.FormatInt(img.ID, 10), "/admin/media?q=harbour",
		"/admin/?status=draft", "/admin/articles/new", "/admin/articles/" + id,
		"/admin/articles/" + id + "/revisions", "/admin/media", "/admin/settings", "/admin/editors", "/admin/comments/",
		"/admin/comments/settings", "/admin/authors", "/admin/authors/new", "/admin/authors/mara-quinn", "/admin/front-page"} {
		pages = append(pages, checkedPage{url: u, status: http.StatusOK})
		urls[u] = true
	}
	return deskSession{pages: pages, urls: urls, fetch: get}
}

// newsroomExtras gives the demo what only the desk makes: an author profile with a picture,
// bio and links, and a correction and an update on the lead story, so the pages that show
// them are checked.
func newsroomExtras(t *testing.T, ts *testSite) {
	t.Helper()
	ctx := context.Background()
	if err := ts.Store.SaveAuthorProfile(ctx, "", data.AuthorProfile{Slug: "mara-quinn", Name: "Mara Quinn",
		Bio: "Mara Quinn is the editor of The Harbour Gazette.", Avatar: "https://img.example/mara.png",
		Links: []data.AuthorLink{{Name: "Mastodon", URL: "https://social.example/@mara"}}}); err != nil {
		t.Fatal(err)
	}
	tgt, err := ts.Store.ResolvePath(ctx, "/news/harbour-wall-repairs/")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []data.ArticleNote{{Kind: data.NoteCorrection, Note: "An earlier version gave the cost as £2 million."},
		{Kind: data.NoteUpdate, Note: "The quay reopens a week early."}} {
		n.ArticleID, n.At = tgt.ArticleID, time.Now().UTC().Truncate(time.Minute)
		if _, err := ts.Store.AddArticleNote(ctx, n, 0); err != nil {
			t.Fatal(err)
		}
	}
}
