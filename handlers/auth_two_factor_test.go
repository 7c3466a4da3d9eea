package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"gazette/data"
)

// enrollTwoFactor sets up two-factor sign-in from the editor's own page as a person would:
// scan the key, type the app's code; it returns the secret and the recovery codes shown.
func enrollTwoFactor(t *testing.T, ts *testServer, c *deskClient) (string, []string) {
	t.Helper()
	_, d := c.page("/admin/account")
	secret := d.Find("[data-testid=two-factor-secret]").Text()
	if src := d.Find("[data-testid=two-factor-qr]").AttrOr("src", ""); !strings.HasPrefix(src, "data:image/png;base64,") || secret == "" {
		t.Fatalf("no QR code or key: %q %q", src[:min(40, len(src))], secret)
	}
	form := readForm(d.Find("form[data-testid=two-factor-form]"))
	form.Set("code", "000000")
	form.Set("action", "enable") // the button pressed
	if resp, _ := c.post("/admin/account/two-factor", form); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a wrong code turned it on: %d", resp.StatusCode)
	}
	form.Set("code", codeAt(t, secret, ts.clock.Now()))
	resp, d := c.post("/admin/account/two-factor", form)
	var codes []string
	d.Find("[data-testid=recovery-codes] code").Each(func(_ int, s *goquery.Selection) { codes = append(codes, s.Text()) })
	if resp.StatusCode != http.StatusOK || d.Find("[data-testid=two-factor-on]").Length() != 1 || len(codes) != data.RecoveryCodeCount {
		t.Fatalf("enable: %d, %d recovery codes", resp.StatusCode, len(codes))
	}
	return secret, codes
}

func codeAt(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := data.TOTPCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// loginWithCode signs in with a password and then a second-factor code; it returns the status
// of the last step.
func loginWithCode(c *deskClient, email, password, code string) int {
	c.t.Helper()
	resp, _ := c.post("/admin/login", url.Values{"csrf": {c.token("/admin/login")}, "email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login/code" {
		return resp.StatusCode
	}
	_, d := c.page("/admin/login/code")
	resp, _ = c.post("/admin/login/code", url.Values{"csrf": {d.Find("input[name=csrf]").AttrOr("value", "")}, "code": {code}})
	return resp.StatusCode
}

// TestTwoFactorRequiredOwnerGetsIn: with two-factor sign-in required of everyone, an editor is
// sent to set it up; then ten wrong passwords from one address do not stop the owner signing
// in from another with the password and the app's code; a recovery code works once; a code
// works once.
func TestTwoFactorRequiredOwnerGetsIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	set := data.DefaultSecuritySettings()
	set.RequireTwoFactor = true
	if err := ts.store.SaveSecuritySettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	site := proxiedSite(t, ts)
	ed := fromAddress(t, ts, site, "198.51.100.20")
	ed.login("ed@example.com", testPassword)
	if resp, _ := ed.page("/admin/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/account" {
		t.Fatalf("desk without two-factor: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	secret, codes := enrollTwoFactor(t, ts, ed)
	if resp, _ := ed.page("/admin/"); resp.StatusCode != http.StatusOK {
		t.Errorf("desk after setting up: %d", resp.StatusCode)
	}

	attacker := fromAddress(t, ts, site, "203.0.113.66")
	for i := range 10 {
		if code := tryLogin(attacker, "ed@example.com", "wrong password!"); code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, code)
		}
		ts.clock.Add(time.Duration(1<<min(i, 10)) * time.Second)
	}
	owner := fromAddress(t, ts, site, "198.51.100.21")
	if code := loginWithCode(owner, "ed@example.com", testPassword, codeAt(t, secret, ts.clock.Now())); code != http.StatusSeeOther {
		t.Fatalf("the owner from another address with the code: %d", code)
	}
	if resp, _ := owner.page("/admin/"); resp.StatusCode != http.StatusOK {
		t.Errorf("owner's desk: %d", resp.StatusCode)
	}
	if code := loginWithCode(fromAddress(t, ts, site, "198.51.100.22"), "ed@example.com", testPassword, codeAt(t, secret, ts.clock.Now())); code != http.StatusUnauthorized {
		t.Errorf("the same code again: %d, want 401", code)
	}
	if code := loginWithCode(fromAddress(t, ts, site, "198.51.100.23"), "ed@example.com", testPassword, strings.ToUpper(codes[0])); code != http.StatusSeeOther {
		t.Errorf("a recovery code: %d", code)
	}
	if code := loginWithCode(fromAddress(t, ts, site, "198.51.100.24"), "ed@example.com", testPassword, codes[0]); code != http.StatusUnauthorized {
		t.Errorf("a used recovery code: %d, want 401", code)
	}
	if code := loginWithCode(fromAddress(t, ts, site, "198.51.100.25"), "ed@example.com", "wrong password!", codeAt(t, secret, ts.clock.Now())); code != http.StatusUnauthorized {
		t.Errorf("a code with the wrong password: %d, want 401", code)
	}
	if resp, _ := fromAddress(t, ts, site, "198.51.100.26").page("/admin/login/code"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the code page without a password first: %d", resp.StatusCode)
	}
}
