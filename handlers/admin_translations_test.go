package handlers

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"gazette/data"
	"gazette/reader"
)

// TestLinkTranslationInForm: an editor links a Spanish article to the English story from the
// form; readers then get hreflang alternates between the two, and bad links are refused.
func TestLinkTranslationInForm(t *testing.T) {
	t.Parallel()
	site := map[string]string{
		"config.toml":           "baseURL = \"https://news.example/\"\ntitle = \"News\"\ndefaultContentLanguage = \"en\"\n[languages.en]\nweight = 1\n[languages.es]\nweight = 2\n",
		"content/news/storm.md": "---\ntitle: Storm closes the port\ndate: 2026-11-01\n---\nWind.\n",
		"content/news/other.md": "---\ntitle: Other story\ndate: 2026-11-02\n---\nText.\n",
	}
	ts := newTestServer(t, site)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)

	form := articleForm(c.token("/admin/articles/new"), "La tormenta cierra el puerto", "Viento.")
	form.Set("lang", "es")
	form.Set("translation_of", "https://news.example/news/storm/")
	id := saveNew(t, c, form, "publish")
	es, _ := ts.store.Article(context.Background(), id)
	tgt, _ := ts.store.ResolvePath(context.Background(), "/news/storm/")
	en, _ := ts.store.Article(context.Background(), tgt.ArticleID)
	if es.TranslationKey != en.TranslationKey {
		t.Fatalf("not linked: %q vs %q", es.TranslationKey, en.TranslationKey)
	}
	if got := doc(t, ts.get(t, "/news/storm/")).Find(`link[rel=alternate][hreflang=es]`).AttrOr("href", ""); got != "https://news.example"+reader.ArticleURL(&es) {
		t.Errorf("English page's hreflang=es link %q, want the Spanish article", got)
	}
	_, d := c.page("/admin/articles/" + strconv.FormatInt(id, 10))
	if got := d.Find("[data-testid=field-translation_of]").AttrOr("value", ""); got != "/news/storm/" {
		t.Errorf("form shows translation_of %q", got)
	}
	// Emptying the field unlinks the two versions.
	f := formFromPage(t, d)
	f.Set("translation_of", "")
	f.Set("action", "save")
	if resp, _ := c.postMultipart("/admin/articles/"+strconv.FormatInt(id, 10), f, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unlink: %d", resp.StatusCode)
	}
	if es, _ = ts.store.Article(context.Background(), id); es.TranslationKey == en.TranslationKey {
		t.Error("emptying translation_of did not unlink")
	}

	for ref, why := range map[string]string{
		"/news/nowhere/": "unknown address",
		"/news/other/":   "same language as the new article (en)",
		"/news/storm/":   "the story already has an English version",
	} {
		f := articleForm(c.token("/admin/articles/new"), "Another", "Text.")
		f.Set("translation_of", ref)
		f.Set("action", "draft")
		resp, d := c.postMultipart("/admin/articles/new", f, "", "", nil)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("#err-translation_of").Length() == 0 {
			t.Errorf("%s (%s): status %d, error %q", ref, why, resp.StatusCode, d.Find("#err-translation_of").Text())
		}
	}
}
