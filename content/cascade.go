package content

import (
	"encoding/json"
	"path"
	"regexp"
	"sort"
	"strings"

	"gazette/data"
)

// Cascades are the `cascade` blocks of a site's list pages, by language and folder. As in Hugo
// 0.111, a block gives its values to the list page itself and every page below it that does
// not set the key itself and that its `_target` (path, kind, lang, environment globs) matches;
// the nearest list page's blocks come first.
type Cascades map[string][]cascadeBlock

type cascadeBlock struct {
	path, kind, lang, env *regexp.Regexp // nil matches anything
	values                map[string]any // keys lower-cased, as front matter's are
}

func cascadeKey(lang, dir string) string { return lang + "\x00" + dir }

// isBranch reports whether a folder of a language's content folder has a list page of its own
// (an _index file): NewCascades keeps an entry for every one, with its blocks or none.
func (c Cascades) isBranch(lang, dir string) bool {
	_, ok := c[cascadeKey(lang, dir)]
	return ok
}

// NewCascades reads the cascade blocks of list pages (a map, or a list of maps).
func NewCascades(pages []data.ListPage) Cascades {
	c := Cascades{}
	for _, lp := range pages {
		if lp.Draft {
			continue
		}
		if key := cascadeKey(lp.Lang, lp.Dir); c[key] == nil {
			c[key] = []cascadeBlock{} // a branch, blocks or none (isBranch)
		}
		fm, _ := lowerKeys(lp.FrontMatter).(map[string]any)
		var blocks []any
		switch v := fm["cascade"].(type) {
		case map[string]any:
			blocks = []any{v}
		case []any:
			blocks = v
		}
		for _, b := range blocks {
			m, ok := b.(map[string]any)
			if !ok {
				continue
			}
			block := cascadeBlock{values: map[string]any{}}
			for k, v := range m {
				if k != "_target" {
					block.values[k] = v
				}
			}
			if t, ok := m["_target"].(map[string]any); ok {
				block.path, block.kind = globRegexp(stringValue(t["path"])), globRegexp(stringValue(t["kind"]))
				block.lang, block.env = globRegexp(stringValue(t["lang"])), globRegexp(stringValue(t["environment"]))
			}
			key := cascadeKey(lp.Lang, lp.Dir)
			c[key] = append(c[key], block)
		}
	}
	return c
}

// apply returns a page's front matter (keys lower-cased) with the cascaded values it does not
// set itself. dir is the page's folder in its content folder, pagePath its file path from the
// content folder with a leading slash, lower-cased (what `_target.path` globs match).
func (c Cascades) apply(lang, dir, pagePath, kind string, params map[string]any) map[string]any {
	if len(c) == 0 {
		return params
	}
	out, copied := params, false
	for d := dir; ; d = path.Dir(d) {
		if d == "." || d == "/" {
			d = ""
		}
		for _, b := range c[cascadeKey(lang, d)] {
			if !b.matches(pagePath, kind, lang) {
				continue
			}
			for k, v := range b.values {
				if _, set := out[k]; set {
					continue
				}
				if !copied { // the page's own map is never written to
					out, copied = make(map[string]any, len(params)+len(b.values)), true
					for pk, pv := range params {
						out[pk] = pv
					}
				}
				out[k] = v
			}
		}
		if d == "" {
			return out
		}
	}
}

func (b cascadeBlock) matches(pagePath, kind, lang string) bool {
	return (b.path == nil || b.path.MatchString(pagePath)) && (b.kind == nil || b.kind.MatchString(kind)) &&
		(b.lang == nil || b.lang.MatchString(lang)) && (b.env == nil || b.env.MatchString("production"))
}

// cascadeSignature names the values a cascade gave a page, so that a change of a cascade
// changes the content hash of the pages it reaches (and a re-import updates them); "" when
// none did, so pages without cascades keep their hash.
func cascadeSignature(params, own map[string]any) string {
	var keys []string
	for k := range params {
		if _, ok := own[k]; !ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	sort.Strings(keys)
	given := make(map[string]any, len(keys))
	for _, k := range keys {
		given[k] = params[k]
	}
	b, _ := json.Marshal(given)
	return string(b)
}

// globRegexp compiles a glob as Hugo's (gobwas/glob with '/' as separator): `**` crosses
// folders, `*` and `?` do not, `{a,b}` is either, `[…]` a class. "" is nil (matches anything).
func globRegexp(glob string) *regexp.Regexp {
	if glob == "" {
		return nil
	}
	var b strings.Builder
	b.WriteString("^")
	depth := 0
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; {
		case c == '*' && i+1 < len(glob) && glob[i+1] == '*':
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '{':
			b.WriteString("(?:")
			depth++
		case c == '}' && depth > 0:
			b.WriteString(")")
			depth--
		case c == ',' && depth > 0:
			b.WriteString("|")
		case c == '[':
			end := strings.IndexByte(glob[i:], ']')
			if end < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := glob[i+1 : i+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	for ; depth > 0; depth-- {
		b.WriteString(")")
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return regexp.MustCompile(`^` + regexp.QuoteMeta(glob) + `$`)
	}
	return re
}
