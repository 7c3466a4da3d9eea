package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// SecuritySettings are the newsroom's sign-in and transport rules, kept in the settings table
// as one JSON document.
type SecuritySettings struct {
	// Strict-Transport-Security, sent when the base URL is https. 0 sends none.
	HSTSMaxAge            int  `json:"hsts_max_age"`
	HSTSIncludeSubdomains bool `json:"hsts_include_subdomains"`
	HSTSPreload           bool `json:"hsts_preload"`
	// RequireTwoFactor makes every editor set up an authenticator app before using the desk.
	RequireTwoFactor bool `json:"require_two_factor"`
	// AuditKeepDays is how long the audit log keeps its entries; 0 keeps them for ever.
	AuditKeepDays int `json:"audit_keep_days"`
}

// DefaultSecuritySettings are a new site's rules: a year of HSTS (on https only), two-factor
// optional, a year of audit log.
func DefaultSecuritySettings() SecuritySettings {
	return SecuritySettings{HSTSMaxAge: 31536000, AuditKeepDays: 365}
}

const securitySettingsName = "security"

// SecuritySettings returns the stored rules, or the defaults.
func (s *Store) SecuritySettings(ctx context.Context) (SecuritySettings, error) {
	set := DefaultSecuritySettings()
	var raw string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE name = ?", securitySettingsName).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return set, nil
	}
	if err != nil {
		return set, fmt.Errorf("security settings: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), &set); err != nil {
		return DefaultSecuritySettings(), fmt.Errorf("security settings: %w", err)
	}
	return set, nil
}

// SaveSecuritySettings replaces the rules.
func (s *Store) SaveSecuritySettings(ctx context.Context, set SecuritySettings) error {
	b, err := json.Marshal(set)
	if err != nil {
		return fmt.Errorf("save security settings: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, securitySettingsName, string(b)); err != nil {
		return fmt.Errorf("save security settings: %w", err)
	}
	s.written(ctx) // HSTS is in every kept response's headers
	return nil
}
