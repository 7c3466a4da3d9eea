package handlers

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gazette/data"
	"gazette/reader"
	"gazette/static"
)

// maxCommentRunes is the longest comment a reader may post (the tests name it where a local
// `reader` client shadows the package).
const maxCommentRunes = reader.MaxCommentRunes

// commentSite is a test site with two published articles; mode is the site's comments mode.
func commentSite(t testing.TB, mode string) *testServer {
	t.Helper()
	ts := newTestServer(t, basicSite)
	set, err := ts.store.SiteSettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	set.CommentsMode = mode
	if err := ts.store.SaveSiteSettings(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	return ts
}

// articleID finds an article's id by its permalink.
func articleID(t *testing.T, ts *testServer, permalink string) int64 {
	t.Helper()
	target, err := ts.store.ResolvePath(context.Background(), permalink)
	if err != nil {
		t.Fatal(err)
	}
	return target.ArticleID
}

// commentForm reads an article page's comment form as a browser would submit it (following
// the "Write a comment" link of a page caches share), then moves the clock past the minimum
// time a person needs to write (and past the address's rate).
func (c *deskClient) commentForm(path string) (string, url.Values) {
	c.t.Helper()
	resp, d := c.page(path)
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("%s: status %d", path, resp.StatusCode)
	}
	if link, ok := d.Find("[data-testid=comment-write]").Attr("href"); ok {
		if resp, d = c.page(link); resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" {
			c.t.Fatalf("%s: status %d, Cache-Control %q", link, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
	f := d.Find("form[data-testid=comment-form]")
	if f.Length() == 0 {
		c.t.Fatalf("%s has no comment form", path)
	}
	c.ts.clock.Add(20 * time.Second) // also what the rate limit gives an address per post
	return f.AttrOr("action", ""), readForm(f)
}

// postComment fills the form of the article at path and sends it.
func (c *deskClient) postComment(path, name, body string) *http.Response {
	c.t.Helper()
	action, form := c.commentForm(path)
	form.Set("name", name)
	form.Set("body", body)
	resp, _ := c.post(action, form)
	return resp
}

// commentID reads the id from a post's redirect to "/article/#comment-ID".
func commentID(t *testing.T, resp *http.Response) int64 {
	t.Helper()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("post: status %d, location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return commentIDFrom(t, resp.Header.Get("Location"))
}

// commentIDFrom reads the id from a redirect location "/article/#comment-ID".
func commentIDFrom(t *testing.T, loc string) int64 {
	t.Helper()
	_, frag, ok := strings.Cut(loc, "#comment-")
	if !ok {
		t.Fatalf("post: location %q", loc)
	}
	var id int64
	for _, ch := range frag {
		id = id*10 + int64(ch-'0')
	}
	return id
}

// behindProxy is the test site's handler as it runs behind a reverse proxy at the given
// addresses, whose X-Forwarded-For names the reader.
func behindProxy(t testing.TB, ts *testServer, proxies string) http.Handler {
	t.Helper()
	trusted, err := ParseTrustedProxies(proxies)
	if err != nil {
		t.Fatal(err)
	}
	media, err := data.NewMediaDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	return New(Deps{Store: ts.store, Media: media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), TrustedProxies: trusted})
}

func storedComment(t *testing.T, ts *testServer, id int64) data.Comment {
	t.Helper()
	c, err := ts.store.Comment(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
