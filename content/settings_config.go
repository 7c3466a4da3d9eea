package content

import (
	"time"

	"gazette/data"
)

// ConfigFromSettings is the typed site configuration behind stored settings: the imported
// Hugo configuration, decoded the way the import decoded it, with what the desk's settings
// changed since (base URL, summary length). A site that was never imported gets Hugo's
// defaults with its own languages and time zone.
func ConfigFromSettings(set data.SiteSettings) (SiteConfig, error) {
	var cfg SiteConfig
	if set.Hugo != nil {
		c, err := siteConfigFrom(lowerKeys(set.Hugo).(map[string]any))
		if err != nil {
			return c, err
		}
		cfg = c
	} else {
		cfg = DefaultSiteConfig()
		if set.DefaultLanguage != "" {
			cfg.DefaultContentLanguage = set.DefaultLanguage
		}
		cfg.Languages = map[string]Language{cfg.DefaultContentLanguage: {Code: cfg.DefaultContentLanguage}}
		for _, l := range set.Languages {
			cfg.Languages[l.Code] = Language{Code: l.Code, Name: l.Name, Title: l.Title, Weight: l.Weight}
		}
		if loc, err := time.LoadLocation(set.TimeZone); err == nil && set.TimeZone != "" {
			cfg.TimeZone = loc
		}
		cfg.Params, cfg.Menus = set.Params, set.Menus
	}
	if set.BaseURL != "" {
		cfg.BaseURL = set.BaseURL
	}
	if set.SummaryLength > 0 {
		cfg.SummaryLength = set.SummaryLength
	}
	return cfg, nil
}
