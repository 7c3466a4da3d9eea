package handlers

import (
	"context"
	"testing"

	"gazette/data"
)

// TestLogoOnlyWhenItExists: a logo the import did not bring shows no broken image; once the
// site has the file (or the logo is an absolute URL), it shows.
func TestLogoOnlyWhenItExists(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for k, v := range basicSite {
		files[k] = v
	}
	files["config.toml"] = "baseURL = \"/\"\ntitle = \"Test News\"\n[params.logo]\nimage = \"img/logo.png\"\n"
	ts := newTestServer(t, files)
	if n := doc(t, ts.get(t, "/")).Find("[data-testid=logo] img").Length(); n != 0 {
		t.Error("a logo the site does not have is shown (a broken image)")
	}
	if err := ts.store.SaveSiteFiles(context.Background(), []data.SiteFile{{Path: "/img/logo.png", StoredName: "ab/abc.png", MediaType: "image/png"}}); err != nil {
		t.Fatal(err)
	}
	if src := doc(t, ts.get(t, "/")).Find("[data-testid=logo] img").AttrOr("src", ""); src != "/img/logo.png" {
		t.Errorf("logo src %q once the file exists", src)
	}
}

// TestJSONOutputPermalinkLeadsToPage: Hugo listed a page whose first output was JSON at
// …/index.json; that URL redirects to the page Gazette serves.
func TestJSONOutputPermalinkLeadsToPage(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for k, v := range basicSite {
		files[k] = v
	}
	files["content/packages/geo.md"] = "---\ntitle: Geo\ndate: 2026-11-01\noutputs: [json, html]\n---\nMaps.\n"
	ts := newTestServer(t, files)
	resp := ts.get(t, "/packages/geo/index.json")
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/packages/geo/" {
		t.Errorf("index.json: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if r := ts.get(t, "/nothing/index.json"); r.StatusCode != 404 {
		t.Errorf("unknown index.json: %d", r.StatusCode)
	}
}
