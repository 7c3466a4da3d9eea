package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gazette/data"
)

func TestSetupLinkCreatesFirstAdminOnce(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	token, err := ts.store.CreateSetupToken(context.Background(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	c := newDeskClient(t, ts)
	resp, d := c.page("/admin/setup/" + token)
	if resp.StatusCode != http.StatusOK || d.Find("[data-testid=setup-form]").Length() != 1 {
		t.Fatalf("setup page: %d", resp.StatusCode)
	}
	if resp.Header.Get("Cache-Control") != "no-store" || d.Find("meta[name=robots][content=noindex]").Length() != 1 {
		t.Errorf("desk page must be no-store and noindex: %q", resp.Header.Get("Cache-Control"))
	}
	csrf := d.Find("input[name=csrf]").AttrOr("value", "")
	form := url.Values{"csrf": {csrf}, "name": {"Ada"}, "email": {"ada@example.com"}, "password": {"short"}, "password2": {"short"}}
	resp, d = c.post("/admin/setup/"+token, form)
	if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("[data-testid=error-password]").Length() != 1 {
		t.Fatalf("short password: %d", resp.StatusCode)
	}
	if got := d.Find("input[name=email]").AttrOr("value", ""); got != "ada@example.com" {
		t.Errorf("email not kept: %q", got)
	}
	form.Set("password", testPassword)
	form.Set("password2", testPassword)
	resp, _ = c.post("/admin/setup/"+token, form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("setup: %d", resp.StatusCode)
	}
	_, d = c.page("/admin/")
	if who := d.Find("[data-testid=whoami]").Text(); !strings.Contains(who, "Ada (admin)") {
		t.Errorf("after setup: whoami %q", who)
	}
	// Single use: the link is gone for anyone else.
	other := newDeskClient(t, ts)
	if resp, _ := other.page("/admin/setup/" + token); resp.StatusCode != http.StatusNotFound {
		t.Errorf("used link: %d", resp.StatusCode)
	}
}

func TestSetupLinkExpires(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	token, _ := ts.store.CreateSetupToken(context.Background(), time.Hour)
	ts.clock.Add(61 * time.Minute)
	c := newDeskClient(t, ts)
	if resp, d := c.page("/admin/setup/" + token); resp.StatusCode != http.StatusNotFound || d.Find("[data-testid=setup-gone]").Length() != 1 {
		t.Errorf("expired link: %d", resp.StatusCode)
	}
}

func TestLoggedOutVisitorGetsLoginPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	c := newDeskClient(t, ts)
	for _, p := range []string{"/admin/", "/admin/articles/new", "/admin/media", "/admin/settings", "/admin/articles/1"} {
		resp, _ := c.page(p)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/login?next=") {
			t.Errorf("%s: %d → %q", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

func TestLoginCookieFlagsAndLogout(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	set, _ := ts.store.SiteSettings(context.Background())
	set.BaseURL = "http://localhost:8080/" // plain HTTP: the cookie cannot be Secure
	ts.store.SaveSiteSettings(context.Background(), set)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	csrf := c.token("/admin/login")
	resp, _ := c.post("/admin/login", url.Values{"csrf": {csrf}, "email": {"ed@example.com"}, "password": {testPassword}, "next": {"/admin/media"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/media" {
		t.Fatalf("login: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var sc *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie {
			sc = ck
		}
	}
	if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Secure || len(sc.Value) < 40 {
		t.Fatalf("session cookie %+v", sc)
	}
	// The id rotates at login: logging in again gives a new id and the old one stops working.
	first := sc.Value
	c.login("ed@example.com", testPassword)
	if c.cookie(sessionCookie).Value == first {
		t.Error("session id did not rotate at login")
	}
	if _, err := ts.store.SessionByID(context.Background(), first, deskSessionLimits); err == nil {
		t.Error("old session still valid after a new login")
	}
	// Logout ends the session on the server: replaying the cookie gets the login page.
	live := c.cookie(sessionCookie).Value
	c.post("/admin/logout", url.Values{"csrf": {c.token("/admin/")}})
	replay := newDeskClient(t, ts)
	u, _ := url.Parse(ts.URL)
	replay.http.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: live, Path: "/"}})
	if resp, _ := replay.page("/admin/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("session replayed after logout: %d", resp.StatusCode)
	}
}

func TestSecureCookieWhenBaseURLIsHTTPS(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite) // basicSite's baseURL is https://news.example/
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/admin/login", strings.NewReader(url.Values{"csrf": {c.token("/admin/login")},
		"email": {"ed@example.com"}, "password": {testPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, _ := c.do(req)
	found := false
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie {
			found = true
			if !ck.Secure {
				t.Error("session cookie not Secure although the base URL is https")
			}
		}
	}
	if !found {
		t.Fatalf("no session cookie; status %d", resp.StatusCode)
	}
}

func TestLoginSameAnswerForUnknownEmailAndWrongPassword(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	disabled := addEditor(t, ts, "gone@example.com", data.RoleEditor)
	ts.store.SetEditorDisabled(context.Background(), disabled.Email, true)
	var answers []string
	var took []time.Duration
	for _, email := range []string{"nobody@example.com", "ed@example.com", "gone@example.com"} {
		c := newDeskClient(t, ts)
		csrf := c.token("/admin/login")
		pw := "wrong password!"
		if email == "gone@example.com" {
			pw = testPassword
		}
		start := time.Now()
		resp, d := c.post("/admin/login", url.Values{"csrf": {csrf}, "email": {email}, "password": {pw}})
		took = append(took, time.Since(start))
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d", email, resp.StatusCode)
		}
		answers = append(answers, d.Find("[data-testid=login-message]").Text())
	}
	if answers[0] != answers[1] || answers[1] != answers[2] || answers[0] == "" {
		t.Errorf("answers differ: %q", answers)
	}
	t.Logf("unknown email %v, wrong password %v, disabled %v", took[0], took[1], took[2])
}

func TestLoginThrottledPerAccount(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	csrf := c.token("/admin/login")
	try := func(pw string) (int, string) {
		resp, d := c.post("/admin/login", url.Values{"csrf": {csrf}, "email": {"ed@example.com"}, "password": {pw}})
		return resp.StatusCode, d.Find("[data-testid=login-message]").Text()
	}
	for i := 0; i < data.LoginFreeFailures; i++ {
		if code, _ := try("wrong password!"); code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, code)
		}
	}
	// The next failure sets a delay; until it passes even the right password waits.
	try("wrong password!")
	code, msg := try(testPassword)
	if code != http.StatusTooManyRequests || !strings.Contains(msg, "Try again in") {
		t.Fatalf("after %d failures: %d %q", data.LoginFreeFailures+1, code, msg)
	}
	ts.clock.Add(2 * time.Second)
	if code, _ := try(testPassword); code != http.StatusSeeOther {
		t.Fatalf("after the delay the right password must work: %d", code)
	}
	// Enough failures lock the account from this address for minutes, with a clear message.
	c2 := newDeskClient(t, ts)
	csrf = c2.token("/admin/login")
	c = c2
	for i := 0; i < data.LoginLockAfter; i++ {
		ts.clock.Add(10 * time.Minute) // wait out each delay: only the count matters
		try("wrong password!")
	}
	code, msg = try(testPassword)
	if code != http.StatusTooManyRequests || !strings.Contains(msg, "paused for 15 minutes") {
		t.Fatalf("locked account: %d %q", code, msg)
	}
}

func TestLoginThrottledPerAddress(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	c := newDeskClient(t, ts)
	csrf := c.token("/admin/login")
	var code int
	for i := 0; i <= data.LoginFreeFailuresPerAddress; i++ {
		// A different account each time: only the address ties the attempts together.
		resp, _ := c.post("/admin/login", url.Values{"csrf": {csrf}, "email": {"guess" + string(rune('a'+i)) + "@example.com"}, "password": {"x"}})
		code = resp.StatusCode
	}
	resp, _ := c.post("/admin/login", url.Values{"csrf": {csrf}, "email": {"another@example.com"}, "password": {"x"}})
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("address not throttled after %d failures: %d (last %d)", data.LoginFreeFailuresPerAddress+1, resp.StatusCode, code)
	}
}

func TestLoginRedirectOnlyToLocalPaths(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	for next, want := range map[string]string{
		"/admin/media": "/admin/media", "https://evil.example/": "/admin/", "//evil.example/admin": "/admin/",
		"/\\evil.example": "/admin/", "/post/one/": "/admin/", "javascript:alert(1)": "/admin/",
	} {
		c := newDeskClient(t, ts)
		resp, _ := c.post("/admin/login", url.Values{"csrf": {c.token("/admin/login")}, "email": {"ed@example.com"}, "password": {testPassword}, "next": {next}})
		if got := resp.Header.Get("Location"); got != want {
			t.Errorf("next=%q: redirected to %q, want %q", next, got, want)
		}
	}
}

func TestCSRFRefusals(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	csrf := c.token("/admin/articles/new")

	t.Run("no token", func(t *testing.T) {
		resp, d := c.post("/admin/articles/new", articleForm("", "Forged", "x"))
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(d.Find("[data-testid=message]").Text(), "security token") {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
	t.Run("wrong token", func(t *testing.T) {
		if resp, _ := c.post("/admin/articles/new", articleForm(csrf+"x", "Forged", "x")); resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
	t.Run("other origin", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/admin/articles/new", strings.NewReader(articleForm(csrf, "Forged", "x").Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		if resp, _ := c.do(req); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-origin POST: %d", resp.StatusCode)
		}
		req, _ = http.NewRequest(http.MethodPost, ts.URL+"/admin/articles/new", strings.NewReader(articleForm(csrf, "Forged", "x").Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if resp, _ := c.do(req); resp.StatusCode != http.StatusForbidden {
			t.Errorf("Sec-Fetch-Site cross-site POST: %d", resp.StatusCode)
		}
	})
	t.Run("login form without token", func(t *testing.T) {
		fresh := newDeskClient(t, ts)
		resp, _ := fresh.post("/admin/login", url.Values{"email": {"ed@example.com"}, "password": {testPassword}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("login without token: %d", resp.StatusCode)
		}
	})
	rows, _, _ := ts.store.DeskArticles(context.Background(), data.DeskQuery{Text: "Forged"})
	if len(rows) != 0 {
		t.Errorf("a refused form saved %d articles", len(rows))
	}
}

func TestPermissions(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "admin@example.com", data.RoleAdmin)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	ed := newDeskClient(t, ts)
	ed.login("ed@example.com", testPassword)
	for _, p := range []string{"/admin/settings", "/admin/editors"} {
		if resp, _ := ed.page(p); resp.StatusCode != http.StatusForbidden {
			t.Errorf("editor GET %s: %d", p, resp.StatusCode)
		}
	}
	csrf := ed.token("/admin/")
	if resp, _ := ed.post("/admin/settings", url.Values{"csrf": {csrf}, "title": {"Hijacked"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor POST settings: %d", resp.StatusCode)
	}
	if resp, _ := ed.post("/admin/editors", url.Values{"csrf": {csrf}, "action": {"disable"}, "email": {"admin@example.com"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor POST editors: %d", resp.StatusCode)
	}
	if resp, _ := ed.post("/admin/articles/1/delete", url.Values{"csrf": {csrf}, "confirm": {"yes"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor delete: %d", resp.StatusCode)
	}
	for _, p := range []string{"/admin/", "/admin/articles/new", "/admin/media", "/admin/articles/1", "/admin/articles/1/revisions"} {
		if resp, _ := ed.page(p); resp.StatusCode != http.StatusOK {
			t.Errorf("editor GET %s: %d", p, resp.StatusCode)
		}
	}
	adm := newDeskClient(t, ts)
	adm.login("admin@example.com", testPassword)
	for _, p := range []string{"/admin/settings", "/admin/editors"} {
		if resp, _ := adm.page(p); resp.StatusCode != http.StatusOK {
			t.Errorf("admin GET %s: %d", p, resp.StatusCode)
		}
	}
}

func TestDisabledEditorsLiveSessionStops(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "admin@example.com", data.RoleAdmin)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	ed := newDeskClient(t, ts)
	ed.login("ed@example.com", testPassword)
	if resp, _ := ed.page("/admin/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("editor list: %d", resp.StatusCode)
	}
	adm := newDeskClient(t, ts)
	adm.login("admin@example.com", testPassword)
	resp, _ := adm.post("/admin/editors", url.Values{"csrf": {adm.token("/admin/editors")}, "action": {"disable"}, "email": {"ed@example.com"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if resp, _ := ed.page("/admin/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("disabled editor's session still works: %d", resp.StatusCode)
	}
}

func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	ts.clock.Add(deskSessionLimits.Idle - time.Minute)
	if resp, _ := c.page("/admin/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("within idle limit: %d", resp.StatusCode)
	}
	ts.clock.Add(deskSessionLimits.Idle + time.Minute)
	if resp, _ := c.page("/admin/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("idle session still works: %d", resp.StatusCode)
	}
	c.login("ed@example.com", testPassword)
	for i := 0; i < 8; i++ { // keep it busy, past the absolute limit
		ts.clock.Add(24 * time.Hour)
		c.page("/admin/")
	}
	if resp, _ := c.page("/admin/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("session older than the absolute limit still works: %d", resp.StatusCode)
	}
}
