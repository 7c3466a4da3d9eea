package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"gazette/data"
)

// fileInfo is where a content file sits and what its name says.
type fileInfo struct {
	sitePath    string // from the site root ("content/post/a.md")
	contentPath string // from the content folder ("post/a.md")
	base        string // name without language and extension ("a", "index")
	lang        string
	dirLang     string
	ext         string
	bundle      bool // a leaf bundle's index file
}

// dir is the folder of the page inside the content folder; for a bundle, the bundle's parent.
func (f fileInfo) dir() string {
	d := path.Dir(f.contentPath)
	if f.bundle {
		d = path.Dir(d)
	}
	if d == "." {
		return ""
	}
	return d
}

// name is the last URL segment before slug rules: the file name, or the bundle folder's name.
func (f fileInfo) name() string {
	if f.bundle {
		return path.Base(path.Dir(f.contentPath))
	}
	if strings.HasPrefix(f.base, "_index.") || strings.HasPrefix(f.base, "index.") {
		// "_index.en.md.md" style names: Hugo gives them the folder's URL.
		return ""
	}
	return f.base
}

func (f fileInfo) section() string {
	first, _, _ := strings.Cut(f.contentPath, "/")
	if first == f.contentPath {
		return ""
	}
	return first
}

// translationKey is what ties translations together: the path without language and extension,
// unless front matter names a translationKey.
func (f fileInfo) translationKey() string {
	if f.bundle {
		return path.Dir(f.contentPath)
	}
	return path.Join(path.Dir(f.contentPath), f.base)
}

// buildPage turns one file into an article with Hugo's rules for dates, publication, URLs and
// taxonomies. The body is not rendered here: rendering needs every page's URL (for ref links).
func buildPage(cfg SiteConfig, f fileInfo, src []byte) (Page, error) {
	fm, body, err := SplitFrontMatter(src)
	if err != nil {
		return Page{}, err
	}
	p := cfg.Cascades.apply(f.lang, f.dir(), "/"+strings.ToLower(f.contentPath), "page", fm.Params)
	a := data.Article{
		SourcePath:      f.sitePath,
		Lang:            f.lang,
		Section:         f.section(),
		Type:            stringValue(p["type"]),
		Title:           stringValue(p["title"]),
		LinkTitle:       stringValue(p["linktitle"]),
		Slug:            strings.Trim(stringValue(p["slug"]), "- "),
		URL:             stringValue(p["url"]),
		Description:     stringValue(p["description"]),
		Summary:         stringValue(p["summary"]),
		Lead:            stringValue(p["lead"]),
		Weight:          intValue(p["weight"]),
		Sidebar:         sidebarValue(p["sidebar"]),
		Widgets:         nonEmpty(stringList(p["widgets"])),
		LangList:        stringList(p["lang"]),
		FrontMatter:     fm.Raw,
		FrontMatterFmt:  fm.Format,
		FrontMatterText: fm.Text,
		BodyMarkdown:    string(body),
		Headless:        truthy(p["headless"]) && f.bundle,
	}
	if a.Type == "" {
		a.Type = a.Section
	}
	if a.Type == "" {
		a.Type = "page"
	}
	// As in Hugo, an explicit translationKey shares one namespace with the default key (the
	// path without language and extension), so "code-of-conduct" links code-of-conduct.md.
	a.TranslationKey = f.translationKey()
	if k := stringValue(p["translationkey"]); k != "" {
		a.TranslationKey = k
	}
	if _, ok := p["translations"]; ok {
		a.TranslationsList = stringList(p["translations"])
	}
	if pm, ok := p["post_meta"]; ok {
		a.PostMeta = stringList(pm)
	}
	a.Thumbnail, a.ThumbnailVisibility = thumbnailValue(p["thumbnail"])
	readFlags(&a, p)
	if err := setDates(&a, p, cfg.TimeZone); err != nil {
		return Page{}, &LineError{Line: findKeyLine(src, err.key), Err: err}
	}
	a.Draft = truthy(p["draft"])
	if pub, ok := p["published"].(bool); ok && !pub {
		if _, hasDraft := p["draft"]; !hasDraft {
			a.Draft = true
		}
	}
	a.Terms = termsOf(cfg, p)
	a.Menus = menuValue(p["menu"], p["menus"], a.Title, a.Weight)
	for _, al := range stringList(p["aliases"]) {
		if al = strings.TrimSpace(al); al != "" && !strings.Contains(al, "://") {
			a.Aliases = append(a.Aliases, resolveAlias(al, f, cfg))
		}
	}
	a.Permalink = permalink(cfg, f, &a)
	sum := sha256.Sum256(append(append(src, 0), []byte(a.Permalink+"\x00"+a.Lang+cascadeSignature(p, fm.Params))...))
	a.ContentHash = hex.EncodeToString(sum[:])
	return Page{Article: a}, nil
}

// dateError names the front-matter key whose value did not parse.
type dateError struct {
	key string
	err error
}

func (e *dateError) Error() string { return fmt.Sprintf("%s: %v", e.key, e.err) }
func (e *dateError) Unwrap() error { return e.err }

// setDates applies Hugo's default [frontmatter] chains: date → publishDate → lastmod for Date,
// publishDate → date for PublishDate, lastmod → date → publishDate for Lastmod.
func setDates(a *data.Article, p map[string]any, loc *time.Location) *dateError {
	read := func(keys ...string) (time.Time, *dateError) {
		for _, k := range keys {
			v, ok := p[k]
			if !ok {
				continue
			}
			if _, isBool := v.(bool); isBool {
				continue // `published: false` is a draft flag, not a date
			}
			t, err := ParseDate(v, loc)
			if err != nil {
				return time.Time{}, &dateError{k, err}
			}
			if !t.IsZero() {
				return t, nil
			}
		}
		return time.Time{}, nil
	}
	var err *dateError
	date, err := read("date")
	if err != nil {
		return err
	}
	pub, err := read("publishdate", "pubdate", "published")
	if err != nil {
		return err
	}
	mod, err := read("lastmod", "modified")
	if err != nil {
		return err
	}
	exp, err := read("expirydate", "unpublishdate")
	if err != nil {
		return err
	}
	a.Date = firstSet(date, pub, mod)
	a.PublishDate = firstSet(pub, date)
	a.Lastmod = firstSet(mod, date, pub)
	a.ExpiryDate = exp
	return nil
}

func firstSet(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func findKeyLine(src []byte, key string) int {
	for i, line := range strings.Split(string(src), "\n") {
		l := strings.ToLower(strings.TrimSpace(line))
		if strings.HasPrefix(l, key+":") || strings.HasPrefix(l, key+" =") || strings.HasPrefix(l, key+"=") || strings.HasPrefix(l, `"`+key+`"`) {
			return i + 1
		}
	}
	return 0
}

func sidebarValue(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case bool:
		if t {
			return "right"
		}
		return "false"
	case string:
		s := strings.ToLower(strings.TrimSpace(t))
		switch s {
		case "left", "right", "":
			return s
		case "false", "no", "off", "none":
			return "false"
		}
		return "right"
	}
	return ""
}

func thumbnailValue(v any) (string, []string) {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t), nil
	case map[string]any:
		return strings.TrimSpace(stringValue(t["src"])), stringList(t["visibility"])
	}
	return "", nil
}

// menuValue reads `menu`: a name, a list of names or a map of name → entry. "" names nothing.
// An entry without a weight of its own takes the page's weight, as in Hugo.
func menuValue(v, alt any, title string, weight int) map[string]data.MenuEntry {
	if v == nil {
		v = alt
	}
	out := map[string]data.MenuEntry{}
	switch t := v.(type) {
	case string:
		if t != "" {
			out[t] = data.MenuEntry{Name: title, Weight: weight}
		}
	case []any:
		for _, n := range stringList(t) {
			if n != "" {
				out[n] = data.MenuEntry{Name: title, Weight: weight}
			}
		}
	case map[string]any:
		for name, e := range t {
			if name == "" {
				continue
			}
			m, _ := e.(map[string]any)
			entry := data.MenuEntry{Name: stringValue(m["name"]), Weight: intValue(m["weight"]),
				Parent: stringValue(m["parent"]), Identifier: stringValue(m["identifier"])}
			if entry.Name == "" {
				entry.Name = title
			}
			if entry.Weight == 0 {
				entry.Weight = weight
			}
			out[name] = entry
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// resolveAlias makes an alias site-relative: "/x" stays, "x" is relative to the page's folder.
func resolveAlias(al string, f fileInfo, cfg SiteConfig) string {
	if !strings.HasPrefix(al, "/") {
		al = path.Join("/", cfg.LangPrefix(f.lang), f.dir(), al)
	} else if prefix := cfg.LangPrefix(f.lang); prefix != "" && !strings.HasPrefix(al, prefix+"/") {
		al = prefix + al
	}
	if !strings.HasSuffix(al, "/") && path.Ext(al) == "" {
		al += "/"
	}
	return path.Clean(al) + map[bool]string{true: "/", false: ""}[strings.HasSuffix(al, "/") && al != "/"]
}

// termsOf reads every configured taxonomy. Empty names (`tags: [""]`) are dropped, and names that
// urlize to the same key are one term, as in Hugo.
func termsOf(cfg SiteConfig, p map[string]any) []data.Term {
	plurals := make([]string, 0, len(cfg.Taxonomies))
	authors := false
	for _, plural := range cfg.Taxonomies {
		plurals = append(plurals, plural)
		authors = authors || plural == data.AuthorsTaxonomy
	}
	if !authors { // every site has authors: a byline always leads to a page (issue 17)
		plurals = append(plurals, data.AuthorsTaxonomy)
	}
	sort.Strings(plurals)
	var terms []data.Term
	for _, plural := range plurals {
		seen := map[string]bool{}
		for _, name := range nonEmpty(stringList(p[plural])) {
			key := Urlize(name)
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			terms = append(terms, data.Term{Taxonomy: plural, Key: key, Name: name})
		}
	}
	return terms
}
