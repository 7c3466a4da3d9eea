package content

import (
	"reflect"
	"testing"
)

// cascadeSite is a small site whose list pages cascade; what Hugo 0.111 made of each page
// (its .Params, printed by a one-line layout) is in the comments of TestCascadeAsHugo.
var cascadeSite = map[string]string{
	"config.toml": "baseURL = \"https://example.org/\"\ntitle = \"Courier\"\n",
	"content/_index.md": "---\ntitle: Front page\ndescription: The home page's own words\ncascade:\n" +
		"  - toc: true\n    _target:\n      path: \"/news/**\"\n  - pager: false\n---\nWelcome to **the Courier**.\n",
	"content/news/_index.md": "---\ntitle: Latest news\ndescription: Everything we report\ncascade:\n" +
		"  sidebar: left\n  tags: [cascaded]\n---\nThe newsroom's *own* words.\n",
	"content/news/a.md":               "---\ntitle: A\ndate: 2024-03-01\n---\nA body.\n",
	"content/news/b.md":               "---\ntitle: B\ndate: 2024-03-02\nsidebar: right\ntags: [own]\n---\nB body.\n",
	"content/news/local/_index.md":    "---\ntitle: Local\ncascade:\n  sidebar: false\n---\n",
	"content/news/local/c.md":         "---\ntitle: C\ndate: 2024-03-03\n---\nC body.\n",
	"content/about/_index.md":         "---\ntitle: About us\n---\nWe are a small newsroom.\n",
	"content/tags/_index.md":          "---\ntitle: Topics\n---\nAll our topics.\n",
	"content/tags/cascaded/_index.md": "---\ntitle: Cascaded things\ndescription: Pages the cascade tagged\n---\n",
	"content/other/d.md":              "---\ntitle: D\ndate: 2024-03-04\n---\nD body.\n",
}

// TestCascadeAsHugo: each article gets the cascaded values Hugo 0.111 gave it, nearest list
// page first, its own keys winning, `_target` globs deciding which pages a block reaches.
func TestCascadeAsHugo(t *testing.T) {
	s, err := LoadSite(writeSite(t, cascadeSite))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		sidebar   string
		toc, page *bool
		tags      []string
	}
	yes, no := true, false
	for path, w := range map[string]want{
		// hugo: {"pager":false,"sidebar":"left","tags":["cascaded"],"toc":true,…}
		"content/news/a.md": {"left", &yes, &no, []string{"cascaded"}},
		// hugo: {"pager":false,"sidebar":"right","tags":["own"],"toc":true,…}
		"content/news/b.md": {"right", &yes, &no, []string{"own"}},
		// hugo: {"pager":false,"sidebar":false,"tags":["cascaded"],"toc":true,…}
		"content/news/local/c.md": {"false", &yes, &no, []string{"cascaded"}},
		// hugo: {"pager":false,…} (the path target reaches /news/ only)
		"content/other/d.md": {"", nil, &no, nil},
	} {
		a := pageBySource(t, s, path).Article
		var tags []string
		for _, term := range a.TermsOf("tags") {
			tags = append(tags, term.Name)
		}
		if a.Sidebar != w.sidebar || !reflect.DeepEqual(a.TOC, w.toc) || !reflect.DeepEqual(a.Pager, w.page) || !reflect.DeepEqual(tags, w.tags) {
			t.Errorf("%s: sidebar %q toc %v pager %v tags %v, want %q %v %v %v", path, a.Sidebar, ptr(a.TOC), ptr(a.Pager), tags,
				w.sidebar, ptr(w.toc), ptr(w.page), w.tags)
		}
		if _, ok := a.FrontMatter["sidebar"]; ok && path == "content/news/a.md" {
			t.Errorf("%s: the cascaded value was written into the article's own front matter", path)
		}
	}
	kinds := map[string]string{}
	for _, lp := range s.ListPages {
		kinds[lp.SourcePath] = lp.Kind + " " + lp.Permalink + " " + lp.Title
	}
	wantKinds := map[string]string{
		"content/_index.md": "home / Front page", "content/news/_index.md": "section /news/ Latest news",
		"content/news/local/_index.md": "section /news/local/ Local", "content/about/_index.md": "section /about/ About us",
		"content/tags/_index.md": "taxonomy /tags/ Topics", "content/tags/cascaded/_index.md": "term /tags/cascaded/ Cascaded things",
	}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Errorf("list pages %v, want %v", kinds, wantKinds)
	}
}

func ptr(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// TestGlobAsHugo: `_target` globs as gobwas/glob reads them with '/' as the separator.
func TestGlobAsHugo(t *testing.T) {
	for _, c := range []struct {
		glob, path string
		match      bool
	}{
		{"/news/**", "/news/a.md", true}, {"/news/**", "/news/local/c.md", true}, {"/news/**", "/other/d.md", false},
		{"/news/*", "/news/a.md", true}, {"/news/*", "/news/local/c.md", false}, {"{page,section}", "section", true},
		{"{page,section}", "term", false}, {"/n?ws/**", "/news/a.md", true}, {"/[mn]ews/**", "/news/a.md", true},
		{"/[!n]ews/**", "/news/a.md", false}, {"/a.b/**", "/axb/c", false},
	} {
		if got := globRegexp(c.glob).MatchString(c.path); got != c.match {
			t.Errorf("glob %q on %q: %v, want %v", c.glob, c.path, got, c.match)
		}
	}
}
