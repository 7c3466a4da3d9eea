package handlers

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"gazette/data"
)

// forwardedFor adds the reader's address a trusted proxy would name.
type forwardedFor struct {
	ip   string
	next http.RoundTripper
}

func (f forwardedFor) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Forwarded-For", f.ip)
	return f.next.RoundTrip(r)
}

// fromAddress is a browser at ip reaching the test site through a trusted proxy; proxied is the
// site as served behind it (made once per test with proxiedSite).
func fromAddress(t *testing.T, ts, proxied *testServer, ip string) *deskClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &deskClient{t: t, ts: proxied, http: &http.Client{Jar: jar, Transport: forwardedFor{ip: ip, next: http.DefaultTransport},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// proxiedSite serves the test site's store behind a trusted proxy on 127.0.0.1, with a fresh
// handler (as after a restart: nothing in memory carries over).
func proxiedSite(t *testing.T, ts *testServer) *testServer {
	t.Helper()
	p := &testServer{store: ts.store, Server: httptest.NewServer(behindProxy(t, ts, "127.0.0.0/8"))}
	t.Cleanup(p.Close)
	return p
}

// tryLogin posts the login form and returns the status.
func tryLogin(c *deskClient, email, password string) int {
	c.t.Helper()
	csrf := c.token("/admin/login")
	resp, _ := c.post("/admin/login", url.Values{"csrf": {csrf}, "email": {email}, "password": {password}})
	return resp.StatusCode
}

// TestLoginOwnerGetsInDuringAnAttack: ten wrong passwords from one address (obeying every
// back-off) lock that address out of the account, but the owner signs in from another at
// once; a restart (a new handler on the same store) keeps the lock; `user unlock` lifts it.
func TestLoginOwnerGetsInDuringAnAttack(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	site := proxiedSite(t, ts)
	attacker := fromAddress(t, ts, site, "203.0.113.66")
	for i := range data.LoginLockAfter {
		if code := tryLogin(attacker, "ed@example.com", "wrong password!"); code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, code)
		}
		ts.clock.Add(time.Duration(1<<min(i, 10)) * time.Second) // obey the back-off
	}
	if code := tryLogin(attacker, "ed@example.com", testPassword); code != http.StatusTooManyRequests {
		t.Errorf("the attacking address with the right password: %d, want 429", code)
	}
	owner := fromAddress(t, ts, site, "198.51.100.20")
	if code := tryLogin(owner, "ed@example.com", testPassword); code != http.StatusSeeOther {
		t.Fatalf("the owner from another address: %d, want signed in", code)
	}
	restarted := fromAddress(t, ts, proxiedSite(t, ts), "203.0.113.66")
	if code := tryLogin(restarted, "ed@example.com", testPassword); code != http.StatusTooManyRequests {
		t.Errorf("after a restart the attacking address: %d, want still 429", code)
	}
	if n, err := ts.store.UnlockAccount(context.Background(), "ED@example.com "); err != nil || n == 0 {
		t.Fatalf("unlock: %d records, %v", n, err)
	}
	if code := tryLogin(restarted, "ed@example.com", testPassword); code != http.StatusSeeOther {
		t.Errorf("after unlock: %d, want signed in", code)
	}
}

// TestLoginSpreadAttackSlowsTheAccount: a guesser spread over many addresses makes the account
// wait between attempts from addresses that have failed before, while an address that never
// failed still goes straight in.
func TestLoginSpreadAttackSlowsTheAccount(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	site := proxiedSite(t, ts)
	for i := range data.LoginFreeFailuresPerAccount + 2 {
		c := fromAddress(t, ts, site, "203.0.113."+strconv.Itoa(i+1))
		if code := tryLogin(c, "ed@example.com", "wrong password!"); code != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i+1, code)
		}
	}
	again := fromAddress(t, ts, site, "203.0.113.1")
	if code := tryLogin(again, "ed@example.com", "another guess"); code != http.StatusTooManyRequests {
		t.Errorf("a failed address tries again at once: %d, want 429", code)
	}
	owner := fromAddress(t, ts, site, "198.51.100.20")
	if code := tryLogin(owner, "ed@example.com", testPassword); code != http.StatusSeeOther {
		t.Errorf("the owner from a clean address: %d, want signed in", code)
	}
}
