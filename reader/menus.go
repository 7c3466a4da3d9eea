package reader

import (
	"sort"
	"strings"

	"gazette/data"
	"gazette/views"
)

// MenuEntry is one menu entry before sorting.
type MenuEntry struct {
	Name   string
	URL    string
	Weight int
}

// Menus merges the site's [menu] configuration (shared by every language) with the
// articles that put themselves in a menu (in their own language), each menu sorted as Hugo sorts
// menus: by weight (unset last), then name.
func Menus(set data.SiteSettings, refs []data.ArticleRef) map[string]map[string][]views.MenuItem {
	langs := map[string]bool{set.DefaultLanguage: true}
	for _, l := range set.Languages {
		langs[l.Code] = true
	}
	entries := map[string]map[string][]MenuEntry{}
	add := func(lang, menu string, e MenuEntry) {
		if entries[lang] == nil {
			entries[lang] = map[string][]MenuEntry{}
		}
		entries[lang][menu] = append(entries[lang][menu], e)
	}
	for menu, v := range set.Menus {
		for _, e := range ConfigMenuEntries(v) {
			for lang := range langs {
				add(lang, strings.ToLower(menu), e)
			}
		}
	}
	for _, r := range refs {
		for menu, me := range r.Menus {
			name := me.Name
			if name == "" {
				name = r.Title
			}
			if name == "" || menu == "" {
				continue
			}
			add(r.Lang, strings.ToLower(menu), MenuEntry{Name: name, URL: ArticleURL(&data.Article{Permalink: r.Permalink}), Weight: me.Weight})
		}
	}
	out := map[string]map[string][]views.MenuItem{}
	for lang, menus := range entries {
		out[lang] = map[string][]views.MenuItem{}
		for menu, list := range menus {
			SortMenu(list)
			items := make([]views.MenuItem, len(list))
			for i, e := range list {
				items[i] = views.MenuItem{Name: e.Name, URL: e.URL}
			}
			out[lang][menu] = items
		}
	}
	return out
}

// SortMenu sorts entries as Hugo sorts a menu: by weight, unweighted last, then by name.
func SortMenu(list []MenuEntry) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if (a.Weight == 0) != (b.Weight == 0) {
			return b.Weight == 0
		}
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Name < b.Name
	})
}

// ConfigMenuEntries reads one menu of Hugo's [menu] table: a list of entries (TOML [[menu.x]])
// or a map of identifier → entry. Child entries (parent set) are left out: Mainroad shows flat
// menus only.
func ConfigMenuEntries(v any) []MenuEntry {
	var raw []map[string]any
	switch t := v.(type) {
	case []any:
		for _, x := range t {
			if m, ok := x.(map[string]any); ok {
				raw = append(raw, m)
			}
		}
	case []map[string]any:
		raw = t
	case map[string]any:
		for _, x := range t {
			if m, ok := x.(map[string]any); ok {
				raw = append(raw, m)
			}
		}
	}
	var out []MenuEntry
	for _, m := range raw {
		if ParamString(m, "parent") != "" {
			continue
		}
		name := ParamString(m, "name")
		url := ParamString(m, "url")
		if url == "" {
			url = ParamString(m, "pageRef")
		}
		if name == "" || url == "" || strings.ContainsAny(url, "\"<> ") || strings.HasPrefix(strings.ToLower(url), "javascript:") {
			continue
		}
		if !strings.HasPrefix(url, "/") && !strings.Contains(url, "://") && !strings.HasPrefix(url, "mailto:") {
			url = "/" + url
		}
		w, _ := ParamInt(m, "weight")
		out = append(out, MenuEntry{Name: name, URL: url, Weight: w})
	}
	return out
}
