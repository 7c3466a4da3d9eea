package hugosite

import (
	"os"
	"path/filepath"
	"testing"

	"gazette/content"
	"gazette/data"
)

// TestExportedConfigReadsBack: the settings an export writes into config.toml, Hugo's and
// Gazette's own (params.gazette), are the settings an import of that config takes.
func TestExportedConfigReadsBack(t *testing.T) {
	set := data.DefaultSiteSettings()
	set.Title, set.BaseURL, set.Subtitle, set.Description = "Courier", "https://example.org/", "Since 1887", "Local news"
	set.CommentsMode, set.FeedFullContent, set.FeedLimit, set.RobotsTxt = "moderated", true, 5, "User-agent: *\nDisallow: /drafts/\n"
	set.PageSize, set.SummaryLength = 12, 40
	b, err := exportConfig(set)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := content.LoadSiteConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.Settings()
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"title", got.Title, set.Title}, {"base URL", got.BaseURL, set.BaseURL}, {"subtitle", got.Subtitle, set.Subtitle},
		{"description", got.Description, set.Description}, {"comments mode", got.CommentsMode, set.CommentsMode},
		{"full-text feeds", got.FeedFullContent, set.FeedFullContent}, {"feed limit", got.FeedLimit, set.FeedLimit},
		{"robots.txt", got.RobotsTxt, set.RobotsTxt}, {"page size", got.PageSize, set.PageSize},
		{"summary length", got.SummaryLength, set.SummaryLength},
	} {
		if f.got != f.want {
			t.Errorf("%s: %#v after the round trip, was %#v", f.name, f.got, f.want)
		}
	}
}
