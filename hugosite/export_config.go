package hugosite

import (
	"fmt"
	"math"
	"sort"

	"github.com/pelletier/go-toml/v2"

	"gazette/data"
)

// exportConfig is the site's Hugo configuration as import read it (keys lower-cased, which Hugo
// accepts), with what the desk's settings changed since written over it.
func exportConfig(set data.SiteSettings) ([]byte, error) {
	cfg, _ := plainValue(set.Hugo).(map[string]any)
	if cfg == nil {
		cfg = map[string]any{}
	}
	cfg["baseurl"] = set.BaseURL
	cfg["title"] = set.Title
	if set.DefaultLanguage != "" {
		cfg["defaultcontentlanguage"] = set.DefaultLanguage
	}
	if set.TimeZone != "" && (cfg["timezone"] != nil || set.TimeZone != "UTC") {
		cfg["timezone"] = set.TimeZone
	}
	if set.PageSize > 0 {
		cfg["paginate"] = set.PageSize
	}
	if set.SummaryLength > 0 {
		cfg["summarylength"] = set.SummaryLength
	}
	params, _ := plainValue(set.Params).(map[string]any)
	if params == nil {
		params = map[string]any{}
	}
	for key, value := range map[string]string{"subtitle": set.Subtitle, "description": set.Description} {
		if value != "" {
			params[key] = value
		}
	}
	// Gazette's own settings, which Hugo has no key for, ride along where themes never look.
	gazette := map[string]any{"comments_mode": set.CommentsMode, "feed_full_content": set.FeedFullContent,
		"feed_limit": set.FeedLimit, "robots_txt": set.RobotsTxt}
	for k, v := range gazette {
		if v == "" || v == 0 || v == false {
			delete(gazette, k)
		}
	}
	if len(gazette) > 0 {
		params["gazette"] = gazette
	}
	if len(params) > 0 {
		cfg["params"] = params
	}
	if menus, ok := plainValue(set.Menus).(map[string]any); ok && len(menus) > 0 {
		key := "menus"
		if _, ok := cfg["menu"]; ok {
			key = "menu"
		}
		cfg[key] = menus
	}
	exportLanguages(cfg, set.Languages)
	b, err := toml.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("export config: %w", err)
	}
	return b, nil
}

// exportLanguages writes the desk's languages into the configuration, keeping what import
// read of each (its content folder, its menus and params).
func exportLanguages(cfg map[string]any, langs []data.LanguageSetting) {
	if len(langs) <= 1 && cfg["languages"] == nil {
		return
	}
	all, _ := cfg["languages"].(map[string]any)
	if all == nil {
		all = map[string]any{}
	}
	for _, l := range langs {
		m, _ := all[l.Code].(map[string]any)
		if m == nil {
			m = map[string]any{}
		}
		if l.Name != "" {
			m["languagename"] = l.Name
		}
		if l.Title != "" {
			m["title"] = l.Title
		}
		if l.Weight != 0 {
			m["weight"] = l.Weight
		}
		all[l.Code] = m
	}
	cfg["languages"] = all
}

// plainValue is a deep copy that TOML can write: whole-number floats (what JSON storage made
// of integers) become integers again, and nulls, which TOML cannot say, are left out.
func plainValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			if e == nil {
				continue
			}
			m[k] = plainValue(e)
		}
		return m
	case []any:
		s := make([]any, 0, len(t))
		for _, e := range t {
			if e != nil {
				s = append(s, plainValue(e))
			}
		}
		return s
	case float64:
		if t == math.Trunc(t) && math.Abs(t) < 1<<53 {
			return int64(t)
		}
	}
	return v
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
