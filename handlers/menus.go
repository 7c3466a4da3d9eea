package handlers

import (
	"sort"
	"strings"

	"gazette/data"
	"gazette/views"
)

// menuEntry is one menu entry before sorting.
type menuEntry struct {
	name   string
	url    string
	weight int
}

// buildMenus merges the site's [menu] configuration (shared by every language) with the
// articles that put themselves in a menu (in their own language), each menu sorted as Hugo sorts
// menus: by weight (unset last), then name.
func buildMenus(set data.SiteSettings, refs []data.ArticleRef) map[string]map[string][]views.MenuItem {
	langs := map[string]bool{set.DefaultLanguage: true}
	for _, l := range set.Languages {
		langs[l.Code] = true
	}
	entries := map[string]map[string][]menuEntry{}
	add := func(lang, menu string, e menuEntry) {
		if entries[lang] == nil {
			entries[lang] = map[string][]menuEntry{}
		}
		entries[lang][menu] = append(entries[lang][menu], e)
	}
	for menu, v := range set.Menus {
		for _, e := range configMenuEntries(v) {
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
			add(r.Lang, strings.ToLower(menu), menuEntry{name: name, url: articleURL(&data.Article{Permalink: r.Permalink}), weight: me.Weight})
		}
	}
	out := map[string]map[string][]views.MenuItem{}
	for lang, menus := range entries {
		out[lang] = map[string][]views.MenuItem{}
		for menu, list := range menus {
			sortMenu(list)
			items := make([]views.MenuItem, len(list))
			for i, e := range list {
				items[i] = views.MenuItem{Name: e.name, URL: e.url}
			}
			out[lang][menu] = items
		}
	}
	return out
}

// sortMenu sorts entries as Hugo sorts a menu: by weight, unweighted last, then by name.
func sortMenu(list []menuEntry) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if (a.weight == 0) != (b.weight == 0) {
			return b.weight == 0
		}
		if a.weight != b.weight {
			return a.weight < b.weight
		}
		return a.name < b.name
	})
}

// configMenuEntries reads one menu of Hugo's [menu] table: a list of entries (TOML [[menu.x]])
// or a map of identifier → entry. Child entries (parent set) are left out: Mainroad shows flat
// menus only.
func configMenuEntries(v any) []menuEntry {
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
	var out []menuEntry
	for _, m := range raw {
		if paramString(m, "parent") != "" {
			continue
		}
		name := paramString(m, "name")
		url := paramString(m, "url")
		if url == "" {
			url = paramString(m, "pageRef")
		}
		if name == "" || url == "" || strings.ContainsAny(url, "\"<> ") || strings.HasPrefix(strings.ToLower(url), "javascript:") {
			continue
		}
		if !strings.HasPrefix(url, "/") && !strings.Contains(url, "://") && !strings.HasPrefix(url, "mailto:") {
			url = "/" + url
		}
		w, _ := paramInt(m, "weight")
		out = append(out, menuEntry{name: name, url: url, weight: w})
	}
	return out
}
