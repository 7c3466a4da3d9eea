package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gazette/data"
)

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

// commentForm reads an article page's comment form as a browser would submit it, then moves
// the clock past the minimum time a person needs to write.
func (c *deskClient) commentForm(path string) (string, url.Values) {
	c.t.Helper()
	resp, d := c.page(path)
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("%s: status %d", path, resp.StatusCode)
	}
	f := d.Find("form[data-testid=comment-form]")
	if f.Length() == 0 {
		c.t.Fatalf("%s has no comment form", path)
	}
	c.ts.clock.Add(10 * time.Second)
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
	loc := resp.Header.Get("Location")
	_, frag, ok := strings.Cut(loc, "#comment-")
	if resp.StatusCode != http.StatusSeeOther || !ok {
		t.Fatalf("post: status %d, location %q", resp.StatusCode, loc)
	}
	var id int64
	for _, ch := range frag {
		id = id*10 + int64(ch-'0')
	}
	return id
}

func storedComment(t *testing.T, ts *testServer, id int64) data.Comment {
	t.Helper()
	c, err := ts.store.Comment(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
