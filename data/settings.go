package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// SiteSettings are the newsroom's site-wide choices. They live in the store as one JSON
// document, so adding a setting needs no migration; zero values mean "use the default".
type SiteSettings struct {
	Title           string            `json:"title"`
	Subtitle        string            `json:"subtitle,omitempty"`
	Description     string            `json:"description,omitempty"`
	BaseURL         string            `json:"base_url"`
	TimeZone        string            `json:"time_zone,omitempty"`
	DefaultLanguage string            `json:"default_language"`
	Languages       []LanguageSetting `json:"languages,omitempty"`
	PageSize        int               `json:"page_size,omitempty"`
	SummaryLength   int               `json:"summary_length,omitempty"`
	// Params are the imported Hugo site's [params], kept whole for the theme settings.
	Params map[string]any `json:"params,omitempty"`
	// Menus are the imported Hugo site's [menu] entries.
	Menus map[string]any `json:"menus,omitempty"`
	// Hugo is the imported site's whole configuration (keys lower-cased), so the desk renders
	// with the options the import used and an export writes it back.
	Hugo map[string]any `json:"hugo,omitempty"`
	// Discovery: feeds carry whole articles (FeedFullContent) or summaries; FeedLimit caps
	// their items (0 = 20); RobotsTxt, when set, replaces the generated robots.txt rules.
	FeedFullContent bool   `json:"feed_full_content,omitempty"`
	FeedLimit       int    `json:"feed_limit,omitempty"`
	RobotsTxt       string `json:"robots_txt,omitempty"`
	// CommentsMode is how reader comments work site-wide: "open", "moderated" (held until an
	// editor approves), "closed" (shown, no new ones) or "off"; "" means "moderated".
	CommentsMode string `json:"comments_mode,omitempty"`
}

// LanguageSetting is one language the site publishes in.
type LanguageSetting struct {
	Code   string `json:"code"`
	Name   string `json:"name,omitempty"`
	Title  string `json:"title,omitempty"`
	Weight int    `json:"weight,omitempty"`
}

// DefaultSiteSettings are a new site's settings.
func DefaultSiteSettings() SiteSettings {
	return SiteSettings{Title: "Gazette", BaseURL: "http://localhost:8080/", DefaultLanguage: "en", PageSize: 10, SummaryLength: 70,
		Languages: []LanguageSetting{{Code: "en", Name: "English"}}}
}

const siteSettingsName = "site"

// SiteSettings returns the stored settings, or the defaults for a new site.
func (s *Store) SiteSettings(ctx context.Context) (SiteSettings, error) {
	var raw string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE name = ?", siteSettingsName).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultSiteSettings(), nil
	}
	if err != nil {
		return SiteSettings{}, fmt.Errorf("site settings: %w", err)
	}
	set := DefaultSiteSettings()
	if err := json.Unmarshal([]byte(raw), &set); err != nil {
		return SiteSettings{}, fmt.Errorf("site settings: %w", err)
	}
	return set, nil
}

// SaveSiteSettings replaces the site settings.
func (s *Store) SaveSiteSettings(ctx context.Context, set SiteSettings) error {
	b, err := json.Marshal(set)
	if err != nil {
		return fmt.Errorf("save site settings: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, siteSettingsName, string(b)); err != nil {
		return fmt.Errorf("save site settings: %w", err)
	}
	s.written(ctx)
	return nil
}

// HasSiteSettings reports whether settings were ever saved (a new data directory has none).
func (s *Store) HasSiteSettings(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM settings WHERE name = ?", siteSettingsName).Scan(&n); err != nil {
		return false, fmt.Errorf("site settings: %w", err)
	}
	return n > 0, nil
}
