package handlers

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSecurityPromisesWhereTheyMeanSomething: every response carries the CSP; the referrer
// policy is in the head of every page, reader's and desk's alike; nosniff is on everything but
// the pages, whose type is declared with its charset and which begin with their doctype (feeds,
// assets and plain text keep it).
func TestSecurityPromisesWhereTheyMeanSomething(t *testing.T) {
	t.Parallel()
	h, _ := loggedSite(t, newTestServer(t, basicSite), slog.LevelInfo)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	referrerMeta := regexp.MustCompile(`<head>(?s:.*)<meta name="referrer" content="strict-origin-when-cross-origin"(?s:.*)</head>`)

	get := func(path string) (http.Header, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return resp.Header, readAll(t, resp)
	}
	_, homeBody := get("/")
	style := regexp.MustCompile(`<link rel="stylesheet" href="(/static/[^"]+)"`).FindStringSubmatch(homeBody)
	if style == nil {
		t.Fatal("no stylesheet link on the home page")
	}
	for _, c := range []struct {
		path    string
		page    bool // an HTML page: the policy in its head, no nosniff
		sniffed bool // what X-Content-Type-Options must say: true for nosniff
	}{
		{"/", true, false},
		{"/post/one/", true, false},
		{"/tags/harbour/", true, false},
		{"/no/such/page/", true, false},
		{"/admin/login", true, false},
		{"/index.xml", false, true},
		{style[1], false, true},
		{"/robots.txt", false, true},
	} {
		for range 2 { // rendered, then from the response cache where the page is kept
			header, body := get(c.path)
			if header.Get("Content-Security-Policy") == "" {
				t.Errorf("%s: no Content-Security-Policy", c.path)
			}
			if v := header.Get("Referrer-Policy"); v != "" {
				t.Errorf("%s: Referrer-Policy header %q; the policy belongs in the page's head", c.path, v)
			}
			if nosniff := header.Get("X-Content-Type-Options") == "nosniff"; nosniff != c.sniffed {
				t.Errorf("%s (%s): nosniff %v, want %v", c.path, header.Get("Content-Type"), nosniff, c.sniffed)
			}
			if c.page && !referrerMeta.MatchString(body) {
				t.Errorf("%s: no referrer policy in the page's head", c.path)
			}
			// What keeps a page without nosniff from running as a same-origin script: it
			// begins with the doctype, which is no JavaScript.
			if c.page && (len(body) < 15 || !strings.EqualFold(body[:15], "<!DOCTYPE html>")) {
				t.Errorf("%s: the page does not begin with its doctype: %.40q", c.path, body)
			}
		}
	}
}

// TestCacheHitSendsOnlyWhatReadersNeed: a page view from the cache sends the headers a browser
// and a shared cache need and nothing else: eight on an http site, which Go's header map keeps
// in one group (a ninth costs every hit about a tenth of its time; issue 9's
// BenchmarkCacheHit), and Strict-Transport-Security besides on an https one like this.
func TestCacheHitSendsOnlyWhatReadersNeed(t *testing.T) {
	t.Parallel()
	h, _ := loggedSite(t, newTestServer(t, basicSite), slog.LevelInfo)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	want := []string{"Cache-Control", "Content-Encoding", "Content-Length", "Content-Security-Policy",
		"Content-Type", "Etag", "Last-Modified", "Strict-Transport-Security", "Vary"}
	header, _ := gzipHit(t, srv.URL+"/post/one/")
	var got []string
	for k := range header {
		if k != "Date" { // net/http writes it outside the handler's map
			got = append(got, k)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("a gzip cache hit sends %d headers %v\nwant %d: %v", len(got), got, len(want), want)
	}
}
