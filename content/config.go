package content

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"gazette/data"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"
)

// Language is one of a site's languages.
type Language struct {
	Code       string
	Name       string
	Title      string
	Weight     int
	ContentDir string // relative to the site root; "" = the site's contentDir
}

// SiteConfig is the part of a Hugo configuration that decides which files are pages and where
// they live. Params and Menus are kept whole for the site settings.
type SiteConfig struct {
	BaseURL                        string
	Title                          string
	ContentDir                     string
	DefaultContentLanguage         string
	DefaultContentLanguageInSubdir bool
	Languages                      map[string]Language
	Permalinks                     map[string]string // section → pattern
	TimeZone                       *time.Location
	Taxonomies                     map[string]string // singular → plural
	IgnoreFiles                    []*regexp.Regexp
	SummaryLength                  int
	HasCJKLanguage                 bool
	HardWraps                      bool
	Highlight                      string // [markup.highlight] as a highlight option string (markdown.Options)
	Paginate                       int
	Params                         map[string]any
	Menus                          map[string]any
	Raw                            map[string]any // every key, lower-cased
	// Cascades are not configuration but the list pages' `cascade` blocks, which every page
	// is built under (content/cascade.go); empty until the list pages are read.
	Cascades Cascades
	// SiteFiles, when set, lists the URL paths of the site's own files directly in a folder
	// ("/img/trip/"): what a theme's `gallery dir=` shortcode shows. Not configuration either:
	// the import sets it from the static folders, the desk from the stored site files.
	SiteFiles func(dir string) []string
}

// DefaultSiteConfig is what Hugo assumes when a site has no configuration.
func DefaultSiteConfig() SiteConfig {
	return SiteConfig{
		BaseURL:                "/",
		ContentDir:             "content",
		DefaultContentLanguage: "en",
		Languages:              map[string]Language{"en": {Code: "en", Weight: 1}},
		Permalinks:             map[string]string{},
		TimeZone:               time.UTC,
		Taxonomies:             map[string]string{"tag": "tags", "category": "categories"},
		SummaryLength:          70,
		Paginate:               10,
		Params:                 map[string]any{},
		Menus:                  map[string]any{},
		Raw:                    map[string]any{},
	}
}

// LoadSiteConfig reads a Hugo site's configuration: hugo.toml/yaml/json or config.toml/yaml/json
// at the root, or a config/_default folder (its files named after a top-level key, such as
// languages.toml or params.toml, fill that key). A site with no configuration gets the defaults.
func LoadSiteConfig(root string) (SiteConfig, error) {
	raw := map[string]any{}
	found := false
	for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"} {
		p := filepath.Join(root, name)
		if _, err := os.Stat(p); err == nil {
			m, err := decodeConfigFile(p)
			if err != nil {
				return SiteConfig{}, err
			}
			raw, found = m, true
			break
		}
	}
	dir := filepath.Join(root, "config", "_default")
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			p := filepath.Join(dir, e.Name())
			m, err := decodeConfigFile(p)
			if err != nil {
				return SiteConfig{}, err
			}
			if m == nil {
				continue
			}
			found = true
			key := strings.ToLower(strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())))
			if key == "config" || key == "hugo" {
				mergeInto(raw, m)
				continue
			}
			// menus.en.toml → languages.en.menus; params.toml → params.
			if base, lang, ok := strings.Cut(key, "."); ok {
				mergeInto(raw, map[string]any{"languages": map[string]any{lang: map[string]any{base: m}}})
				continue
			}
			mergeInto(raw, map[string]any{key: m})
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return SiteConfig{}, fmt.Errorf("read config folder: %w", err)
	}
	_ = found
	return siteConfigFrom(lowerKeys(raw).(map[string]any))
}

func decodeConfigFile(p string) (map[string]any, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	var m map[string]any
	switch strings.ToLower(filepath.Ext(p)) {
	case ".toml":
		err = toml.Unmarshal(b, &m)
		if err == nil {
			m = normalizeTOML(m).(map[string]any)
		}
	case ".yaml", ".yml":
		err = yaml.Unmarshal(b, &m)
	case ".json":
		err = json.Unmarshal(b, &m)
	default:
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", filepath.Base(p), err)
	}
	return m, nil
}

func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		if sub, ok := v.(map[string]any); ok {
			if d, ok := dst[k].(map[string]any); ok {
				mergeInto(d, sub)
				continue
			}
		}
		dst[k] = v
	}
}

func siteConfigFrom(raw map[string]any) (SiteConfig, error) {
	c := DefaultSiteConfig()
	c.Raw = raw
	if v := stringValue(raw["baseurl"]); v != "" {
		c.BaseURL = v
	}
	c.Title = stringValue(raw["title"])
	if v := stringValue(raw["contentdir"]); v != "" {
		c.ContentDir = v
	}
	if v := stringValue(raw["defaultcontentlanguage"]); v != "" {
		c.DefaultContentLanguage = strings.ToLower(v)
	}
	c.DefaultContentLanguageInSubdir = truthy(raw["defaultcontentlanguageinsubdir"])
	c.HasCJKLanguage = truthy(raw["hascjklanguage"])
	if tz := stringValue(raw["timezone"]); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return c, fmt.Errorf("config timeZone %q: %w", tz, err)
		}
		c.TimeZone = loc
	}
	if n := intValue(raw["summarylength"]); n > 0 {
		c.SummaryLength = n
	}
	if n := intValue(raw["paginate"]); n > 0 {
		c.Paginate = n
	}
	if p, ok := raw["pagination"].(map[string]any); ok && intValue(p["pagersize"]) > 0 {
		c.Paginate = intValue(p["pagersize"])
	}
	if m, ok := raw["permalinks"].(map[string]any); ok {
		for k, v := range m {
			if s, ok := v.(string); ok {
				c.Permalinks[k] = s
			}
		}
	}
	if m, ok := raw["taxonomies"].(map[string]any); ok {
		c.Taxonomies = map[string]string{}
		for k, v := range m {
			if s := stringValue(v); s != "" {
				c.Taxonomies[k] = strings.ToLower(s)
			}
		}
	}
	for _, pattern := range stringList(raw["ignorefiles"]) {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return c, fmt.Errorf("config ignoreFiles %q: %w", pattern, err)
		}
		c.IgnoreFiles = append(c.IgnoreFiles, re)
	}
	if m, ok := raw["params"].(map[string]any); ok {
		c.Params = m
	}
	if m, ok := raw["menus"].(map[string]any); ok {
		c.Menus = m
	} else if m, ok := raw["menu"].(map[string]any); ok {
		c.Menus = m
	}
	if mk, ok := raw["markup"].(map[string]any); ok {
		if gm, ok := mk["goldmark"].(map[string]any); ok {
			if r, ok := gm["renderer"].(map[string]any); ok {
				c.HardWraps = truthy(r["hardwraps"])
			}
		}
		if hl, ok := mk["highlight"].(map[string]any); ok {
			c.Highlight = highlightDefaults(hl)
		}
	}
	if langs, ok := raw["languages"].(map[string]any); ok && len(langs) > 0 {
		c.Languages = map[string]Language{}
		for code, v := range langs {
			m, _ := v.(map[string]any)
			l := Language{Code: strings.ToLower(code), Weight: intValue(m["weight"]),
				Name: stringValue(m["languagename"]), Title: stringValue(m["title"]), ContentDir: stringValue(m["contentdir"])}
			if l.Name == "" {
				l.Name = stringValue(m["label"])
			}
			c.Languages[l.Code] = l
		}
	}
	if _, ok := c.Languages[c.DefaultContentLanguage]; !ok {
		c.Languages[c.DefaultContentLanguage] = Language{Code: c.DefaultContentLanguage}
	}
	return c, nil
}

// LanguageCodes returns the site's languages, default first, then by weight and code.
func (c SiteConfig) LanguageCodes() []string {
	codes := make([]string, 0, len(c.Languages))
	for code := range c.Languages {
		codes = append(codes, code)
	}
	sort.Slice(codes, func(i, j int) bool {
		a, b := c.Languages[codes[i]], c.Languages[codes[j]]
		if (a.Code == c.DefaultContentLanguage) != (b.Code == c.DefaultContentLanguage) {
			return a.Code == c.DefaultContentLanguage
		}
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Code < b.Code
	})
	return codes
}

// LangPrefix is the URL prefix of a language: "" for the default one (unless the site puts it in
// a subfolder too), "/<code>" otherwise.
func (c SiteConfig) LangPrefix(lang string) string {
	if lang == c.DefaultContentLanguage && !c.DefaultContentLanguageInSubdir {
		return ""
	}
	return "/" + lang
}

// Settings are the Gazette site settings a Hugo configuration implies.
func (c SiteConfig) Settings() data.SiteSettings {
	set := data.DefaultSiteSettings()
	if c.Title != "" {
		set.Title = c.Title
	}
	set.BaseURL = c.BaseURL
	set.DefaultLanguage = c.DefaultContentLanguage
	set.TimeZone = c.TimeZone.String()
	set.PageSize = c.Paginate
	set.SummaryLength = c.SummaryLength
	set.Params, set.Menus, set.Hugo = c.Params, c.Menus, c.Raw
	if d, ok := c.Params["description"].(string); ok {
		set.Description = d
	}
	applyGazetteParams(&set, c.Params)
	set.Languages = nil
	for _, code := range c.LanguageCodes() {
		l := c.Languages[code]
		set.Languages = append(set.Languages, data.LanguageSetting{Code: code, Name: l.Name, Title: l.Title, Weight: l.Weight})
	}
	return set
}

// highlightDefaults writes the [markup.highlight] keys that change what a reader sees as a
// highlight option string, which fenced code and the highlight shortcode start from.
func highlightDefaults(hl map[string]any) string {
	var opts []string
	for _, key := range []string{"linenos", "linenumbersintable", "linenostart", "hl_lines"} {
		if v, ok := hl[key]; ok {
			s := strings.ReplaceAll(fmt.Sprint(v), ",", " ")
			if s != "" {
				opts = append(opts, key+"="+s)
			}
		}
	}
	return strings.Join(opts, ",")
}
