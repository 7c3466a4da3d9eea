package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gazette/data"
	"gazette/reader"
)

// uploadWithWords uploads an image with its words through the media page and returns it.
func uploadWithWords(t *testing.T, ts *testServer, c *deskClient, name string, words url.Values) data.MediaFile {
	t.Helper()
	words.Set("csrf", c.token("/admin/media"))
	resp, d := c.postMultipart("/admin/media", words, "file", name, pngBytes(t, 600+len(name), 320)) // bytes differ by name
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload %s: %d %s", name, resp.StatusCode, d.Find(".field-error").Text())
	}
	list, _, err := ts.store.FindMedia(context.Background(), name, 1, 0)
	if err != nil || len(list) != 1 {
		t.Fatalf("find %s: %v %d", name, err, len(list))
	}
	return list[0]
}

func TestMediaWordsShownToReaders(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	m := uploadWithWords(t, ts, c, "crane.png", url.Values{"alt": {"A yellow crane over the quay"}, "caption": {"The new crane, Tuesday"}, "credit": {"Ada Photo"}})
	if m.Alt != "A yellow crane over the quay" || m.Caption != "The new crane, Tuesday" || m.Credit != "Ada Photo" {
		t.Fatalf("stored words %+v", m)
	}
	form := articleForm(c.token("/admin/articles/new"), "Crane arrives", "Text.")
	form.Set("thumbnail", reader.MediaURL(m.StoredName))
	form.Set("thumb_post", "on")
	form.Set("thumb_list", "on")
	form.Set("section", "post")
	id := saveNew(t, c, form, "publish")
	a, _ := ts.store.Article(context.Background(), id)
	d := doc(t, ts.get(t, a.Permalink))
	fig := d.Find("[data-testid=post-thumbnail]")
	if alt := fig.Find("img").AttrOr("alt", ""); alt != "A yellow crane over the quay" {
		t.Errorf("article thumbnail alt %q", alt)
	}
	if got := fig.Find("[data-testid=image-caption-text]").Text(); got != "The new crane, Tuesday" {
		t.Errorf("caption %q", got)
	}
	if got := fig.Find("[data-testid=image-credit]").Text(); got != "Ada Photo" {
		t.Errorf("credit %q", got)
	}
	home := doc(t, ts.get(t, "/"))
	if home.Find("[data-testid=list-thumbnail] img[alt='A yellow crane over the quay']").Length() != 1 {
		t.Error("the list thumbnail does not use the library's alt text")
	}

	t.Run("words edited on the media page reach the article", func(t *testing.T) {
		path := "/admin/media/" + strconv.FormatInt(m.ID, 10)
		resp, _ := c.post(path, url.Values{"csrf": {c.token(path)}, "alt": {"A crane"}, "caption": {""}, "credit": {"Harbour Trust"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save words: %d", resp.StatusCode)
		}
		d := doc(t, ts.get(t, a.Permalink))
		if d.Find("[data-testid=post-thumbnail] img").AttrOr("alt", "") != "A crane" || d.Find("[data-testid=image-caption-text]").Length() != 0 ||
			d.Find("[data-testid=image-credit]").Text() != "Harbour Trust" {
			t.Error("the article page kept the old words (cache not dropped?)")
		}
	})
	t.Run("words that are too long come back with a message", func(t *testing.T) {
		path := "/admin/media/" + strconv.FormatInt(m.ID, 10)
		resp, d := c.post(path, url.Values{"csrf": {c.token(path)}, "alt": {strings.Repeat("x", 501)}})
		if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("[data-testid=error-alt]").Length() != 1 {
			t.Errorf("long alt: %d", resp.StatusCode)
		}
	})
	t.Run("an unknown image is a 404", func(t *testing.T) {
		if resp, _ := c.page("/admin/media/999999"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
}

func TestArticleFormKeepsThumbnailWords(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	form := articleForm(c.token("/admin/articles/new"), "With a photo", "Text.")
	form.Set("thumbnail_alt", "Boats at dawn")
	form.Set("thumbnail_caption", "The harbour at six")
	form.Set("thumbnail_credit", "Lin Photo")
	form.Set("action", "draft")
	resp, d := c.postMultipart("/admin/articles/new", form, "thumbnail_file", "boats.png", pngBytes(t, 500, 300))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", resp.StatusCode, d.Find(".field-error").Text())
	}
	list, _, _ := ts.store.FindMedia(context.Background(), "boats.png", 5, 0)
	if len(list) != 1 || list[0].Alt != "Boats at dawn" || list[0].Caption != "The harbour at six" || list[0].Credit != "Lin Photo" {
		t.Fatalf("upload words %+v", list)
	}
	_, d = c.page(resp.Header.Get("Location"))
	if d.Find("#thumbnail_alt").AttrOr("value", "") != "Boats at dawn" || d.Find("#thumbnail_credit").AttrOr("value", "") != "Lin Photo" {
		t.Error("the form does not show the thumbnail's words")
	}
	if d.Find("[data-testid=alt-warning]").Length() != 0 {
		t.Error("alt warning although every image has alt text")
	}
	// Another image picked: the first image's words are not copied onto it.
	other := uploadWithWords(t, ts, c, "other.png", url.Values{})
	f := readForm(d.Find("[data-testid=article-form]"))
	f.Set("thumbnail_pick", reader.MediaURL(other.StoredName))
	f.Set("action", "save")
	if resp, _ := c.postMultipart(strings.Split(resp.Header.Get("Location"), "?")[0], f, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("pick another: %d", resp.StatusCode)
	}
	got, _ := ts.store.MediaByID(context.Background(), other.ID)
	if got.Alt != "" || got.Credit != "" {
		t.Errorf("words of the old thumbnail copied onto the new one: %+v", got)
	}
}

func TestPublishWarnsOfMissingAlt(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	m := uploadWithWords(t, ts, c, "noalt.png", url.Values{})
	form := articleForm(c.token("/admin/articles/new"), "Pictures", "![](/media/"+m.StoredName+")\n\n![A described one](/x.png)\n")
	form.Set("thumbnail", reader.MediaURL(m.StoredName))
	id := saveNew(t, c, form, "publish")
	_, d := c.page("/admin/articles/" + strconv.FormatInt(id, 10) + "?done=published")
	w := d.Find("[data-testid=alt-warning]")
	if w.Length() != 1 || w.Find("li").Length() != 2 || !strings.Contains(w.Text(), "Published with 2 images") {
		t.Errorf("warning %q", w.Text())
	}
}

func TestMediaSearchAndDelete(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	used := uploadWithWords(t, ts, c, "quay-used.png", url.Values{"caption": {"Quay at night"}})
	free := uploadWithWords(t, ts, c, "lonely.png", url.Values{})
	if free.ID == used.ID {
		t.Fatal("the same bytes twice")
	}
	form := articleForm(c.token("/admin/articles/new"), "Uses the quay photo", "{{< figure src=\"/media/"+used.StoredName+"\" alt=\"Quay\" >}}")
	saveNew(t, c, form, "draft")

	t.Run("find by name and by words", func(t *testing.T) {
		_, d := c.page("/admin/media?q=QUAY")
		if d.Find("[data-testid=media-item]").Length() != 1 || !strings.Contains(d.Find("[data-testid=media-count]").Text(), "1 image") {
			t.Errorf("q=QUAY found %d", d.Find("[data-testid=media-item]").Length())
		}
		_, d = c.page("/admin/media?q=night")
		if d.Find("[data-testid=media-item]").Length() != 1 {
			t.Error("caption not searched")
		}
		_, d = c.page("/admin/media?q=%25")
		if d.Find("[data-testid=media-item]").Length() != 0 {
			t.Error("% is a wildcard")
		}
	})
	t.Run("an image in use is not deleted", func(t *testing.T) {
		path := "/admin/media/" + strconv.FormatInt(used.ID, 10)
		_, d := c.page(path)
		if d.Find("[data-testid=media-in-use]").Length() != 1 || d.Find("[data-testid=media-delete]").Length() != 0 {
			t.Error("the page offers to delete an image in use")
		}
		resp, _ := c.post(path+"/delete", url.Values{"csrf": {c.token(path)}})
		if resp.StatusCode != http.StatusConflict {
			t.Errorf("delete in use: %d", resp.StatusCode)
		}
		if r := ts.get(t, reader.MediaURL(used.StoredName)); r.StatusCode != http.StatusOK {
			t.Errorf("file of an image in use: %d", r.StatusCode)
		}
	})
	t.Run("an unused image is deleted with its files", func(t *testing.T) {
		path := "/admin/media/" + strconv.FormatInt(free.ID, 10)
		resp, _ := c.post(path+"/delete", url.Values{"csrf": {c.token(path)}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", resp.StatusCode)
		}
		if r := ts.get(t, reader.MediaURL(free.StoredName)); r.StatusCode != http.StatusNotFound {
			t.Errorf("deleted file still served: %d", r.StatusCode)
		}
		for _, v := range free.Variants {
			if r := ts.get(t, reader.MediaURL(v.StoredName)); r.StatusCode != http.StatusNotFound {
				t.Errorf("variant still served: %d", r.StatusCode)
			}
		}
		if resp, _ := c.post(path+"/delete", url.Values{"csrf": {c.token("/admin/media")}}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("delete twice: %d", resp.StatusCode)
		}
	})
}
