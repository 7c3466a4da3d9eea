package content

import (
	"slices"
	"strings"

	"gazette/data"
)

// The per-article switches are declared once, here, the way feedKinds declares feeds: one row
// per front-matter flag drives the import (buildPage), the desk form's boxes, the values the
// form writes into an article, the front-matter edits of a save and a new article's front
// matter. The export writes the front matter as the pipeline read it, so it needs no row.
// A new switch is one row plus the reader view that honours it (Flag.On).

// Inherit says where a flag's value comes from when the page's front matter does not set it
// (spec §0).
type Inherit int

const (
	// PageOnly is Hugo's `.Params.k`: the page's value, else the flag's default.
	PageOnly Inherit = iota
	// SiteParam is Hugo's `.Param "k"`: the page's value when its front matter has the key
	// (false included), else the site's [params] value, else the flag's default.
	SiteParam
)

// Flag is one per-article switch: a boolean front-matter key.
type Flag struct {
	Key     string   // as the desk writes it; the form field's name
	Aliases []string // other spellings read as the same switch; the first key found wins
	// Default is the value when neither the page nor (for SiteParam) the site sets it: what a
	// reader gets, the box a new article starts with, and what an article without the key shows.
	Default bool
	Inherit Inherit
	Label   string // the desk form's words: what the box does, and a word on why if needed
	// Seed flags are written into every new article's front matter, as the Mainroad articles
	// newsrooms bring have them; the others only when they differ from Default.
	Seed bool
	// typed is the Article field that holds the flag (the five Mainroad switches have columns
	// of their own); nil keeps it in Article.Flags.
	typed func(a *data.Article) **bool
}

// articleFlags is the table, in the desk form's order.
var articleFlags = []Flag{
	// Comments: the site's comment mode decides first (handlers/comment_rules.go); absent = on.
	{Key: "comments", Default: true, Inherit: PageOnly, Label: "Comments", Seed: true,
		typed: func(a *data.Article) **bool { return &a.Comments }},
	{Key: "authorbox", Inherit: SiteParam, Label: "Author box", Seed: true,
		typed: func(a *data.Article) **bool { return &a.Authorbox }},
	{Key: "pager", Default: true, Inherit: SiteParam, Label: "Previous/next links", Seed: true,
		typed: func(a *data.Article) **bool { return &a.Pager }},
	{Key: "toc", Inherit: SiteParam, Label: "Table of contents", Seed: true,
		typed: func(a *data.Article) **bool { return &a.TOC }},
	// MathJax: readers get the script only for a boolean true, and other themes' `math` counts
	// too (reader/article_page.go, State.MathJaxSrc), so `math` is no alias here.
	{Key: "mathjax", Inherit: SiteParam, Label: "MathJax", Seed: true,
		typed: func(a *data.Article) **bool { return &a.MathJax }},
	// PaperMod's `robotsNoIndex` (.Params, so a page's own word only): the page stays on the
	// site, in lists and feeds, but asks search engines not to index it.
	{Key: "robotsNoIndex", Inherit: PageOnly, Label: "Keep out of search engines (noindex)"},
}

// ArticleFlags returns the table of per-article switches, in the desk form's order.
func ArticleFlags() []Flag { return slices.Clone(articleFlags) }

// FlagOn is the switch named key as readers of a get it (Flag.On); a key the table does not
// declare is off.
func FlagOn(a *data.Article, key string, site map[string]any) bool {
	for _, f := range articleFlags {
		if f.Key == key {
			return f.On(a, site)
		}
	}
	return false
}

// keys are the front-matter keys read as this flag, lower case (Hugo lower-cases keys).
func (f Flag) keys() []string {
	out := []string{strings.ToLower(f.Key)}
	for _, k := range f.Aliases {
		out = append(out, strings.ToLower(k))
	}
	return out
}

// read is the flag as params (lower-cased keys) set it; nil = not set.
func (f Flag) read(p map[string]any) *bool {
	for _, k := range f.keys() {
		if v, ok := p[k]; ok {
			return optionalBool(v, true)
		}
	}
	return nil
}

// Page is the article's own value of the flag: nil when its front matter (cascades
// included) does not set it.
func (f Flag) Page(a *data.Article) *bool {
	if f.typed != nil {
		return *f.typed(a)
	}
	if v, ok := a.Flags[strings.ToLower(f.Key)]; ok {
		return &v
	}
	// A row stored before the flag was declared: its front matter as written still says.
	for _, k := range f.keys() {
		for fk, v := range a.FrontMatter {
			if strings.EqualFold(fk, k) {
				return optionalBool(v, true)
			}
		}
	}
	return nil
}

// Set gives the article its own value of the flag; nil unsets it.
func (f Flag) Set(a *data.Article, v *bool) {
	if f.typed != nil {
		*f.typed(a) = v
		return
	}
	key := strings.ToLower(f.Key)
	if v == nil {
		delete(a.Flags, key)
		if len(a.Flags) == 0 {
			a.Flags = nil
		}
		return
	}
	if a.Flags == nil {
		a.Flags = map[string]bool{}
	}
	a.Flags[key] = *v
}

// Shown is the flag as the desk's box shows it: the article's value, else the default.
func (f Flag) Shown(a *data.Article) bool {
	if v := f.Page(a); v != nil {
		return *v
	}
	return f.Default
}

// On is the flag as readers get it: the article's value, else (SiteParam) the site's [params]
// value, else the default.
func (f Flag) On(a *data.Article, site map[string]any) bool {
	if v := f.Page(a); v != nil {
		return *v
	}
	if f.Inherit == SiteParam {
		for _, k := range f.keys() {
			if v, ok := site[k]; ok {
				return truthy(v)
			}
			for sk, v := range site {
				if strings.EqualFold(sk, k) {
					return truthy(v)
				}
			}
		}
	}
	return f.Default
}

// Edit sets the flag in a front matter: the spelling the block already has, else Key.
func (f Flag) Edit(on bool) Edit {
	return Edit{Keys: append([]string{f.Key}, f.Aliases...), Value: on}
}

// readFlags sets every flag of the table from a page's params (front matter and cascades).
func readFlags(a *data.Article, p map[string]any) {
	for _, f := range articleFlags {
		f.Set(a, f.read(p))
	}
}
