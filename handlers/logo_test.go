package handlers

import (
	"context"
	"testing"

	"gazette/data"
)

// TestLogoOnlyWhenItExists: a logo the import did not bring shows no broken image; once the
// site has the file (or the logo is an absolute URL), it shows.
func TestLogoOnlyWhenItExists(t *testing.T) {
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
