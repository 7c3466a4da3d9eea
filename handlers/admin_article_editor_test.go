package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// primaryButton is the form's one primary action as an editor reads it.
func primaryButton(t *testing.T, d *goquery.Document) string {
	t.Helper()
	p := d.Find("[data-testid=actions] button.primary")
	if p.Length() != 1 {
		t.Fatalf("%d primary buttons", p.Length())
	}
	return strings.TrimSpace(p.Text())
}

func TestArticleFormGroupsContentFirst(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	set, err := ts.store.SiteSettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	set.TimeZone = "Europe/Oslo"
	if err := ts.store.SaveSiteSettings(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	_, d := c.page("/admin/articles/new")
	t.Run("content outside the folded groups", func(t *testing.T) {
		for _, id := range []string{"title", "lead", "body"} {
			if d.Find("details #"+id).Length() != 0 || d.Find("#"+id).Length() != 1 {
				t.Errorf("#%s is folded away or missing", id)
			}
		}
		for _, id := range []string{"section", "tags", "slug", "summary", "publish_date", "menu", "thumbnail_file"} {
			if d.Find("details.form-group:not([open]) #"+id).Length() != 1 {
				t.Errorf("#%s is not in a folded group", id)
			}
		}
		if d.Find("script[src*='desk-editor']").Length() != 1 {
			t.Error("the editor's script is not on the form")
		}
	})
	t.Run("one primary action named for what it does", func(t *testing.T) {
		if got := primaryButton(t, d); got != "Publish" {
			t.Errorf("new article's primary %q", got)
		}
		if d.Find("[data-testid=actions] button.secondary").Length() < 3 {
			t.Error("the other actions are not secondary")
		}
	})
	t.Run("the zone is named", func(t *testing.T) {
		if got := d.Find("[data-testid=time-zone]").Text(); !strings.Contains(got, "Europe/Oslo (CET, UTC+01:00)") {
			t.Errorf("zone note %q", got)
		}
	})
	t.Run("a future publish time makes it Schedule; an error opens its group", func(t *testing.T) {
		form := articleForm(c.token("/admin/articles/new"), "Later", "Text.")
		form.Set("publish_date", "2026-12-01T09:00")
		form.Set("aliases", "not a path")
		form.Set("action", "draft")
		resp, d := c.postMultipart("/admin/articles/new", form, "", "", nil)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if got := primaryButton(t, d); got != "Schedule" {
			t.Errorf("primary %q", got)
		}
		if d.Find("details.form-group[open] #aliases").Length() != 1 {
			t.Error("the group with the error is folded")
		}
		if d.Find("details.form-group[open] #publish_date").Length() != 0 {
			t.Error("a group without errors is open")
		}
	})
	t.Run("a published article is updated", func(t *testing.T) {
		id := saveNew(t, c, articleForm(c.token("/admin/articles/new"), "Now", "Text."), "publish")
		_, d := c.page("/admin/articles/" + strconv.FormatInt(id, 10))
		if got := primaryButton(t, d); got != "Update" {
			t.Errorf("primary %q", got)
		}
		if d.Find("[data-testid=actions] button[value=save]").Length() != 1 || d.Find("[data-testid=unpublish]").Length() != 1 {
			t.Error("update or unpublish missing")
		}
		// Stored dates are shown in the site's zone: 12:00 UTC is 13:00 in Oslo in November.
		if got := d.Find("#date").AttrOr("value", ""); got != "2026-11-27T13:00" {
			t.Errorf("date shown %q", got)
		}
	})
}

func TestLiveRenderUsesThePipeline(t *testing.T) {
	t.Parallel()
	_, c := editorSession(t)
	csrf := c.token("/admin/articles/new")
	resp, d := c.post("/admin/articles/render", url.Values{"csrf": {csrf}, "body": {"Some **bold** words.\n\n<script>alert(1)</script>\n\n{{< figure src=\"/media/ab/x.png\" alt=\"A crane\" caption=\"The crane\" attr=\"Ada Photo\" >}}"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, d.Text())
	}
	if d.Find("strong").Text() != "bold" || d.Find("script").Length() != 0 {
		html, _ := d.Html()
		t.Errorf("rendered %s", html)
	}
	if d.Find("figure img[alt='A crane']").Length() != 1 || !strings.Contains(d.Find("figcaption").Text(), "Ada Photo") {
		t.Error("the figure lost its alt text or credit")
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("Cache-Control %q", cc)
	}
	if resp, _ := c.post("/admin/articles/render", url.Values{"body": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("without the form token: %d", resp.StatusCode)
	}
}

func TestPreviewHasBannerAndJustChosenUpload(t *testing.T) {
	t.Parallel()
	ts, c := editorSession(t)
	form := articleForm(c.token("/admin/articles/new"), "Preview with a photo", "Text.")
	form.Set("thumb_post", "on")
	form.Set("action", "preview")
	resp, d := c.postMultipart("/admin/articles/preview", form, "thumbnail_file", "crane.png", pngBytes(t, 800, 400))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview %d", resp.StatusCode)
	}
	if !strings.Contains(d.Find("[data-testid=preview-banner]").Text(), "Preview") {
		t.Error("no preview banner")
	}
	src := d.Find("[data-testid=post-thumbnail] img").AttrOr("src", "")
	if !strings.HasPrefix(src, "/media/") {
		t.Fatalf("the just-chosen upload is not in the preview: %q", src)
	}
	if r := ts.get(t, src); r.StatusCode != http.StatusOK {
		t.Errorf("%s: %d", src, r.StatusCode)
	}
	// Readers never get the banner.
	if d := doc(t, ts.get(t, "/post/one/")); d.Find("[data-testid=preview-banner]").Length() != 0 {
		t.Error("a reader page carries the preview banner")
	}
}
