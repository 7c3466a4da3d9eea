package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSite lays out a Hugo site in a temporary folder: files maps paths to contents.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, body := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func pageBySource(t *testing.T, s *Site, path string) *Page {
	t.Helper()
	for i := range s.Pages {
		if s.Pages[i].Article.SourcePath == path {
			return &s.Pages[i]
		}
	}
	t.Fatalf("no page %s; problems: %v", path, s.Problems)
	return nil
}

func TestLoadSiteURLsAndFields(t *testing.T) {
	root := writeSite(t, map[string]string{
		"config.toml": `baseURL = "https://news.example/"
title = "News"
timeZone = "Europe/Madrid"
defaultContentLanguage = "en"
[languages.en]
weight = 1
[languages.es]
weight = 2
[permalinks]
blog = "/:year/:month/:slug/"
`,
		"content/post/seed.md":           readSeed(t),
		"content/post/slugged.md":        "---\ntitle: Slugged\nslug: -My Slug-\naliases: [/old/path, older]\n---\n",
		"content/post/url.md":            "---\ntitle: URL\nurl: /custom/place/\n---\n",
		"content/blog/first.md":          "---\ntitle: First Post!\ndate: 2024-03-05\n---\n",
		"content/blog/first.es.md":       "---\ntitle: Primera\ndate: 2024-03-05\nslug: primera\n---\n",
		"content/post/bundle/index.md":   "---\ntitle: Bundle\nthumbnail:\n  src: pic.png\n  visibility: [list]\n---\n![x](pic.png)\n",
		"content/post/bundle/pic.png":    "\x89PNG fake",
		"content/post/bundle/notes.md":   "not a page",
		"content/post/draft.md":          "---\ntitle: Draft\ndraft: true\n---\n",
		"content/post/unpublished.md":    "---\ntitle: U\npublished: false\n---\n",
		"content/post/headless/index.md": "---\nheadless: true\n---\n",
		"content/post/_index.md":         "---\ntitle: Posts\n---\n",
		"content/post/flags.md":          "---\ntitle: Flags\nsidebar: false\ncomments: \"false\"\nmenu: \"\"\ntags: [\"\", \"Go\", \"go\"]\n---\n",
	})
	s, err := LoadSite(root)
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]string{
		"content/post/seed.md":         "/post/seed/",
		"content/post/slugged.md":      "/post/my-slug/",
		"content/post/url.md":          "/custom/place/",
		"content/blog/first.md":        "/2024/03/first-post/",
		"content/blog/first.es.md":     "/es/2024/03/primera/",
		"content/post/bundle/index.md": "/post/bundle/",
		"content/post/draft.md":        "/post/draft/",
		"content/post/unpublished.md":  "/post/unpublished/",
		"content/post/flags.md":        "/post/flags/",
	}
	if len(s.Pages) != len(checks) {
		var got []string
		for _, p := range s.Pages {
			got = append(got, p.Article.SourcePath)
		}
		t.Errorf("pages %v, want %d", got, len(checks))
	}
	for src, want := range checks {
		if got := pageBySource(t, s, src).Article.Permalink; got != want {
			t.Errorf("%s: permalink %q, want %q", src, got, want)
		}
	}
	seed := pageBySource(t, s, "content/post/seed.md").Article
	if got := FormatHugoDate(seed.Date); got != "2025-02-09T20:41:00+01:00" {
		t.Errorf("seed date %s: zone-less dates must be read in the site's time zone", got)
	}
	if seed.Sidebar != "right" || len(seed.Widgets) != 3 || seed.Comments == nil || *seed.Comments || seed.Pager == nil || !*seed.Pager {
		t.Errorf("seed flags: sidebar %q widgets %v comments %v pager %v", seed.Sidebar, seed.Widgets, seed.Comments, seed.Pager)
	}
	if len(seed.TermsOf("tags")) != 1 || seed.TermsOf("categories")[0].Key != "thehill" || seed.LangList[0] != "en" {
		t.Errorf("seed terms %v lang %v", seed.Terms, seed.LangList)
	}
	if seed.Menus != nil {
		t.Errorf(`menu: "" must mean no menu, got %v`, seed.Menus)
	}
	sl := pageBySource(t, s, "content/post/slugged.md").Article
	if strings.Join(sl.Aliases, " ") != "/old/path/ /post/older/" {
		t.Errorf("aliases %v", sl.Aliases)
	}
	b := pageBySource(t, s, "content/post/bundle/index.md")
	if len(b.Bundle) != 2 || b.Article.Thumbnail != "pic.png" || b.Article.ThumbnailVisibility[0] != "list" {
		t.Errorf("bundle files %v thumbnail %q %v", b.Bundle, b.Article.Thumbnail, b.Article.ThumbnailVisibility)
	}
	if !pageBySource(t, s, "content/post/draft.md").Article.Draft || !pageBySource(t, s, "content/post/unpublished.md").Article.Draft {
		t.Error("draft: true and published: false must both be drafts")
	}
	es := pageBySource(t, s, "content/blog/first.es.md").Article
	en := pageBySource(t, s, "content/blog/first.md").Article
	if es.Lang != "es" || es.TranslationKey != en.TranslationKey {
		t.Errorf("translation: es lang %q key %q, en key %q", es.Lang, es.TranslationKey, en.TranslationKey)
	}
	fl := pageBySource(t, s, "content/post/flags.md").Article
	if fl.Sidebar != "false" || fl.Comments == nil || *fl.Comments || len(fl.TermsOf("tags")) != 1 {
		t.Errorf("flags: sidebar %q comments %v tags %v", fl.Sidebar, fl.Comments, fl.Terms)
	}
}

func readSeed(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../shared/fixtures/seed-article.md")
	if err != nil {
		missingShared(t, "the seed article ../../shared/fixtures/seed-article.md")
	}
	return string(b)
}

// TestLoadSiteBadFiles: each bad file gets a clear message, and the good file still loads.
func TestLoadSiteBadFiles(t *testing.T) {
	root := writeSite(t, map[string]string{
		"content/good.md":        "---\ntitle: Good\n---\nFine.\n",
		"content/broken-yaml.md": "---\ntitle: [unclosed\n---\n",
		"content/broken-toml.md": "+++\ntitle = \n+++\n",
		"content/no-front.md":    "Just text, no front matter.\n",
		"content/no-title.md":    "---\ndate: 2024-01-01\n---\nBody\n",
		"content/bad-date.md":    "---\ntitle: Bad date\ndate: next tuesday\n---\n",
		"content/latin1.md":      "---\ntitle: caf\xe9\n---\n",
		"content/binary.md":      "\x00\x01\x02PNG",
		"content/big.md":         "---\ntitle: Big\n---\n" + strings.Repeat("x", MaxFileSize+1),
	})
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\ntitle: Outside\n---\n"), 0o644)
	os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(root, "content", "escape.md"))
	os.Symlink(filepath.Join(root, "content"), filepath.Join(root, "content", "loop"))
	s, err := LoadSite(root)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"content/broken-yaml.md": "YAML",
		"content/broken-toml.md": "TOML",
		"content/bad-date.md":    "date",
		"content/latin1.md":      "UTF-8",
		"content/binary.md":      "binary",
		"content/big.md":         "limit",
		"content/escape.md":      "symbolic link",
		"content/loop":           "symbolic link",
	}
	got := map[string]string{}
	for _, p := range s.Problems {
		got[p.Path] = p.String()
	}
	for path, word := range want {
		if !strings.Contains(got[path], word) {
			t.Errorf("%s: problem %q should mention %q", path, got[path], word)
		}
	}
	var loaded []string
	for _, p := range s.Pages {
		loaded = append(loaded, p.Article.SourcePath)
	}
	if strings.Join(loaded, ",") != "content/good.md,content/no-front.md,content/no-title.md" {
		t.Errorf("loaded %v", loaded)
	}
	if line := problemLine(s, "content/bad-date.md"); line != 3 {
		t.Errorf("bad date reported at line %d, want 3", line)
	}
}

func problemLine(s *Site, path string) int {
	for _, p := range s.Problems {
		if p.Path == path {
			return p.Line
		}
	}
	return -1
}

func TestLoadSiteConfigFolderAndContentDirs(t *testing.T) {
	root := writeSite(t, map[string]string{
		"config/_default/config.toml":    "baseURL = \"https://blog.example\"\ndefaultContentLanguage = \"en\"\n",
		"config/_default/languages.toml": "[en]\ncontentDir = \"content/en\"\nweight = 1\n[zh]\ncontentDir = \"content/zh\"\nweight = 2\n",
		"content/en/posts/a b/index.md":  "+++\ntitle = \"A\"\ndate = 2021-04-10T23:50:05+08:00\n+++\n",
		"content/zh/posts/a b/index.md":  "+++\ntitle = \"甲\"\n+++\n",
	})
	s, err := LoadSite(root)
	if err != nil {
		t.Fatal(err)
	}
	en := pageBySource(t, s, "content/en/posts/a b/index.md").Article
	zh := pageBySource(t, s, "content/zh/posts/a b/index.md").Article
	if en.Permalink != "/posts/a-b/" || zh.Permalink != "/zh/posts/a-b/" || zh.Lang != "zh" || en.TranslationKey != zh.TranslationKey {
		t.Errorf("en %q zh %q (%s) keys %q %q", en.Permalink, zh.Permalink, zh.Lang, en.TranslationKey, zh.TranslationKey)
	}
	if got := HugoListRow(&en, s.Config.BaseURL)[7]; got != "https://blog.example/posts/a-b/" {
		t.Errorf("list permalink %q", got)
	}
}
