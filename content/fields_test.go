package content

import (
	"testing"

	"gazette/data"
)

// TestEveryArticleFlagIsRead: each row of the flag table is read from front matter, whatever
// spelling of its key (aliases, any case) the file uses; false is a value, absent is nil.
func TestEveryArticleFlagIsRead(t *testing.T) {
	pl := NewPipeline(DefaultSiteConfig())
	for _, f := range ArticleFlags() {
		for _, key := range append([]string{f.Key}, f.Aliases...) {
			for _, c := range []struct {
				line string
				want *bool
			}{{key + ": true\n", ptrTo(true)}, {key + ": false\n", ptrTo(false)}, {"", nil}} {
				a, err := pl.Article("content/post/a.md", []byte("---\ntitle: A\n"+c.line+"---\nBody\n"))
				if err != nil {
					t.Fatalf("%s %q: %v", f.Key, c.line, err)
				}
				if got := f.Page(&a); !sameFlag(got, c.want) {
					t.Errorf("%s from %q: %v, want %v", f.Key, c.line, ptr(got), ptr(c.want))
				}
			}
		}
	}
}

// TestFlagInheritance: a page's own value wins (false included); then, for SiteParam flags
// only, the site's [params]; then the default. A switch without a column is kept in
// Article.Flags, and read from the front matter of a row stored before it was declared.
func TestFlagInheritance(t *testing.T) {
	site := map[string]any{"Extra": true}
	param := Flag{Key: "extra", Inherit: SiteParam}
	page := Flag{Key: "extra", Inherit: PageOnly, Default: true}
	var a data.Article
	if param.On(&a, site) != true || page.On(&a, map[string]any{"extra": false}) != true || param.On(&a, nil) {
		t.Errorf("unset: site param %v, page-only default %v, nothing %v", param.On(&a, site), page.On(&a, nil), param.On(&a, nil))
	}
	param.Set(&a, ptrTo(false))
	if param.On(&a, site) || a.Flags["extra"] != false || len(a.Flags) != 1 || a.Comments != nil {
		t.Errorf("the page's false must win and live in Flags: %v %v", param.On(&a, site), a.Flags)
	}
	param.Set(&a, nil)
	if a.Flags != nil {
		t.Errorf("unset flags leave no map: %v", a.Flags)
	}
	old := data.Article{FrontMatter: map[string]any{"EXTRA": "yes"}}
	if !param.Shown(&old) || !param.On(&old, map[string]any{"extra": false}) {
		t.Error("a row stored before the flag was declared must read its front matter")
	}
	if FlagOn(&a, "no such switch", site) || !FlagOn(&a, "pager", nil) || FlagOn(&a, "pager", map[string]any{"Pager": false}) {
		t.Error("FlagOn: an unknown key is off; pager follows its row (default on, the site's param)")
	}
	if got := param.Edit(true); len(got.Keys) != 1 || got.Keys[0] != "extra" || got.Value != true {
		t.Errorf("edit: %+v", got)
	}
}

func ptrTo(b bool) *bool { return &b }

func sameFlag(a, b *bool) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
