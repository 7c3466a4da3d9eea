package handlers

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"gazette/data"
	"gazette/reader"
)

// TestMediaThumbnailsOnReaderPages: a thumbnail uploaded on the desk reaches reader pages with
// its variants, its intrinsic size and lazy loading after the first list item; an external
// thumbnail stays a bare src.
func TestMediaThumbnailsOnReaderPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	files := maps.Clone(basicSite)
	files["content/post/zero.md"] = "---\ntitle: Older story\ndate: 2026-10-25\nthumbnail: https://cdn.example.org/pic.jpg\n---\nOlder.\n"
	ts := newTestServer(t, files)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	resp, _ := c.postMultipart("/admin/media", url.Values{"csrf": {c.token("/admin/media")}}, "file", "harbour.png", pngBytes(t, 1800, 900))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	uploads, _, err := ts.store.MediaFiles(ctx, 1, 0)
	if err != nil || len(uploads) != 1 {
		t.Fatalf("media library: %v %v", uploads, err)
	}
	m := uploads[0]
	// Both dated stories take the upload as their thumbnail: "two" leads the home page, "one"
	// comes second.
	for _, p := range []string{"/post/two/", "/post/one/"} {
		a, err := ts.store.Article(ctx, articleID(t, ts, p))
		if err != nil {
			t.Fatal(err)
		}
		a.Thumbnail, a.ContentHash = reader.MediaURL(m.StoredName), a.ContentHash+"+thumbnail"
		if _, err := ts.store.SaveArticles(ctx, []data.Article{a}); err != nil {
			t.Fatal(err)
		}
	}
	var fallback data.MediaVariant
	for _, v := range m.Variants {
		if v.Width == 1024 {
			fallback = v
		}
	}
	if fallback.StoredName == "" {
		t.Fatalf("no 1024 px variant among %v", m.Variants)
	}

	checkUpload := func(t *testing.T, img *goquery.Selection, loading string) {
		t.Helper()
		if img.Length() != 1 {
			t.Fatalf("%d images", img.Length())
		}
		var widths []string
		for _, cand := range strings.Split(img.AttrOr("srcset", ""), ", ") {
			u, w, ok := strings.Cut(cand, " ")
			if !ok || !strings.HasPrefix(u, "/media/") || !strings.HasSuffix(w, "w") {
				t.Errorf("srcset candidate %q", cand)
			}
			widths = append(widths, w)
		}
		if got := strings.Join(widths, " "); got != "320w 640w 1024w 1600w 1800w" {
			t.Errorf("srcset widths %q", got)
		}
		if img.AttrOr("sizes", "") == "" {
			t.Errorf("no sizes")
		}
		w, werr := strconv.Atoi(img.AttrOr("width", ""))
		h, herr := strconv.Atoi(img.AttrOr("height", ""))
		if werr != nil || herr != nil || w != fallback.Width || h != fallback.Height {
			t.Errorf("width %q height %q, want %d×%d", img.AttrOr("width", ""), img.AttrOr("height", ""), fallback.Width, fallback.Height)
		}
		if src := img.AttrOr("src", ""); src != reader.MediaURL(fallback.StoredName) {
			t.Errorf("src %q is not the %d px variant", src, fallback.Width)
		}
		if got := img.AttrOr("loading", ""); got != loading {
			t.Errorf("loading %q, want %q", got, loading)
		}
	}

	t.Run("home list", func(t *testing.T) {
		d := doc(t, ts.get(t, "/"))
		items := d.Find("[data-testid=list-item]")
		if items.Length() != 3 {
			t.Fatalf("%d list items", items.Length())
		}
		checkUpload(t, items.Eq(0).Find("[data-testid=list-thumbnail] img"), "eager")
		checkUpload(t, items.Eq(1).Find("[data-testid=list-thumbnail] img"), "lazy")
		ext := items.Eq(2).Find("[data-testid=list-thumbnail] img")
		if ext.AttrOr("src", "") != "https://cdn.example.org/pic.jpg" || ext.AttrOr("loading", "") != "lazy" {
			t.Errorf("external thumbnail: src %q loading %q", ext.AttrOr("src", ""), ext.AttrOr("loading", ""))
		}
		for _, attr := range []string{"srcset", "sizes", "width", "height"} {
			if _, ok := ext.Attr(attr); ok {
				t.Errorf("external thumbnail has %s", attr)
			}
		}
	})
	t.Run("article page", func(t *testing.T) {
		d := doc(t, ts.get(t, "/post/one/"))
		checkUpload(t, d.Find("[data-testid=post-thumbnail] img"), "eager")
	})
	t.Run("variants are served", func(t *testing.T) {
		d := doc(t, ts.get(t, "/post/two/"))
		first, _, _ := strings.Cut(d.Find("[data-testid=post-thumbnail] img").AttrOr("srcset", ""), " ")
		if r := ts.get(t, first); r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "image/png" {
			t.Errorf("%s: %d %s", first, r.StatusCode, r.Header.Get("Content-Type"))
		}
	})
}
