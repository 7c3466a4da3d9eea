package handlers

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestGalleryOfAFolder: a theme's `{{< gallery dir="/img/trip/" >}}` (hugo-easy-gallery reads
// the static folder with readDir) shows every picture of that folder, copied at import, as
// the paired gallery of figures shows its figures; a "-thumb" file is no picture of its own,
// and a folder that holds none shows nothing.
func TestGalleryOfAFolder(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, map[string]string{
		"config.toml":                      "baseURL = \"https://news.example/\"\ntitle = \"T\"\n",
		"static/img/trip/b-lake.png":       "png bytes",
		"static/img/trip/a_hill.jpg":       "jpg bytes",
		"static/img/trip/a_hill-thumb.jpg": "small jpg bytes",
		"static/img/trip/notes.txt":        "not a picture",
		"static/img/trip/deeper/c.png":     "another folder's",
		"content/post/trip.md": "---\ntitle: Trip\ndate: 2026-11-01\n---\nPictures:\n\n" +
			"{{< gallery dir=\"/img/trip/\" caption=\"On the road\" >}}\n\n{{< gallery dir=\"img/none\" >}}\n",
	})
	d := doc(t, wantStatus(t, ts, "/post/trip/", http.StatusOK))
	var got []string
	d.Find(".post__content figure img, article figure img").Each(func(_ int, img *goquery.Selection) {
		got = append(got, img.AttrOr("src", "")+" "+img.AttrOr("alt", ""))
	})
	if want := []string{"/img/trip/a_hill.jpg a hill", "/img/trip/b-lake.png b lake"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("gallery shows %q, want %q", got, want)
	}
	if !strings.Contains(d.Text(), "On the road") {
		t.Error("the gallery's caption is lost")
	}
	for _, p := range []string{"/img/trip/a_hill.jpg", "/img/trip/b-lake.png"} {
		wantStatus(t, ts, p, http.StatusOK)
	}
}
