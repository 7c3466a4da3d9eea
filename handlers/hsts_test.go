package handlers

import (
	"context"
	"net/http"
	"testing"

	"gazette/data"
)

// TestStrictTransportSecurity: HSTS on every response of a site whose base URL is https, with
// the max-age the settings give and includeSubDomains and preload only when turned on; none
// for an http base URL.
func TestStrictTransportSecurity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t, basicSite) // base URL https://news.example/
	for _, path := range []string{"/", "/post/one/", "/admin/login", "/healthz"} {
		if got := ts.get(t, path).Header.Get("Strict-Transport-Security"); got != "max-age=31536000" {
			t.Errorf("%s: HSTS %q", path, got)
		}
	}
	set := data.DefaultSecuritySettings()
	set.HSTSMaxAge, set.HSTSIncludeSubdomains, set.HSTSPreload = 600, true, true
	if err := ts.store.SaveSecuritySettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	if got := ts.get(t, "/").Header.Get("Strict-Transport-Security"); got != "max-age=600; includeSubDomains; preload" {
		t.Errorf("with every option: %q", got)
	}
	site, _ := ts.store.SiteSettings(ctx)
	site.BaseURL = "http://news.example/"
	if err := ts.store.SaveSiteSettings(ctx, site); err != nil {
		t.Fatal(err)
	}
	if got := ts.get(t, "/").Header.Get("Strict-Transport-Security"); got != "" {
		t.Errorf("http base URL: HSTS %q", got)
	}
	if resp := ts.get(t, "/"); resp.StatusCode != http.StatusOK {
		t.Errorf("status %d", resp.StatusCode)
	}
}
