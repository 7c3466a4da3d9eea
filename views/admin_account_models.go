package views

import "gazette/data"

// LoginCodeForm asks for the second factor after a password matched.
type LoginCodeForm struct {
	AdminPage
	Message string
}

// AccountPage is an editor's own page: who they are and their two-factor sign-in.
type AccountPage struct {
	AdminPage
	Email     string
	TwoFactor bool // set up
	Required  bool // an admin requires two-factor sign-in of everyone
	// Setting up: the new secret (also in a hidden field), its otpauth:// QR code as a data:
	// URL of a PNG, and why the last code was refused.
	Secret  string
	QRImage string
	Message string
	// RecoveryLeft is how many unused recovery codes the editor has; NewCodes, when set, are
	// fresh ones, shown this once.
	RecoveryLeft int
	NewCodes     []string
}

// SecurityForm is the admins' security settings page.
type SecurityForm struct {
	AdminPage
	HSTSMaxAge, AuditKeepDays string
	HSTSSubdomains, Preload   bool
	RequireTwoFactor          bool
	HTTPS                     bool // the base URL is https: HSTS is sent
	Errors                    map[string]string
}

// AuditPage is the audit log, filtered.
type AuditPage struct {
	AdminPage
	Entries           []data.AuditEntry
	Actions           []string
	Action, Actor, IP string // the filter
	Page              int
	More              bool
}
