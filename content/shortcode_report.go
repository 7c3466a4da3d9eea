package content

import (
	"sort"
	"sync"

	"gazette/content/markdown"
)

// ShortcodeUse is one shortcode name in an import's report: how often pages call it and what
// Gazette does with it.
type ShortcodeUse struct {
	Name    string
	Uses    int
	Handled string
}

// Handling of a shortcode, as the import report says it.
const (
	ShortcodeBuiltin = "rendered as Hugo's built-in"
	ShortcodeGeneric = "not Hugo's: generic form (inner content, text parameters such as title, caption, author, cite; a picture or video named in src)"
)

// shortcodeTally counts the shortcodes of the pages rendered so far; pages render on every
// core, so it is locked.
type shortcodeTally struct {
	mu   sync.Mutex
	uses map[string]int
}

func (t *shortcodeTally) add(used map[string]int) {
	if len(used) == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.uses == nil {
		t.uses = map[string]int{}
	}
	for name, n := range used {
		t.uses[name] += n
	}
}

// Shortcodes is every shortcode the rendered pages called, most used first, with how each was
// handled.
func (s *Site) Shortcodes() []ShortcodeUse {
	s.shortcodes.mu.Lock()
	defer s.shortcodes.mu.Unlock()
	out := make([]ShortcodeUse, 0, len(s.shortcodes.uses))
	for name, n := range s.shortcodes.uses {
		u := ShortcodeUse{Name: name, Uses: n, Handled: ShortcodeGeneric}
		if markdown.IsBuiltinShortcode(name) {
			u.Handled = ShortcodeBuiltin
		}
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Uses != out[j].Uses {
			return out[i].Uses > out[j].Uses
		}
		return out[i].Name < out[j].Name
	})
	return out
}
