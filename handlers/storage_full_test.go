package handlers

import (
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gazette/data"
)

// diskFull closes the test site's store, fills the database file to its last byte and reopens
// it capped at its size (SQLite's max_page_count), so that every write that needs room fails
// as on a full disk while reads go on; it returns the site served from the full store.
func diskFull(t *testing.T, ts *testServer, editorID int64) *testServer {
	t.Helper()
	if err := ts.store.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+ts.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // the cap below is a connection's setting
	var pages int
	for _, q := range []string{"PRAGMA journal_mode = WAL", "VACUUM"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	// Fill what room the pages of the tables a comment and a sign-in write to still have, with
	// rows smaller than theirs, until SQLite answers "full".
	for _, insert := range []string{
		"INSERT INTO login_throttle (account, address) VALUES ('', ?)",
		"INSERT INTO sessions (id_hash, editor_id, csrf_token, created_at, last_seen) VALUES (?, " + strconv.Itoa(int(editorID)) + ", '', 0, 0)",
		"INSERT INTO comment_form_uses (token_hash, used_at) VALUES (?, 0)",
	} {
		for i := 0; ; i++ {
			if _, err := db.Exec(insert, strconv.Itoa(i)); err != nil {
				if !data.IsStorageFull(err) {
					t.Fatalf("fill: %v", err)
				}
				break
			}
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	store, err := data.Open(context.Background(), ts.dbPath, func() time.Time { return ts.clock.Now() }, data.MaxPages(pages))
	if err != nil {
		t.Fatalf("reopen full: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	full := &testServer{store: store, dbPath: ts.dbPath, clock: ts.clock}
	full.Server = httptest.NewServer(behindProxy(t, full, "127.0.0.0/8"))
	t.Cleanup(full.Close)
	return full
}

// TestDiskFull: with no room to write, readers still read, and a comment and a sign-in (wrong
// password or right) answer 503 with words that say so, never 500.
func TestDiskFull(t *testing.T) {
	t.Parallel()
	ts := commentSite(t, "moderated")
	ed := addEditor(t, ts, "ed@example.com", data.RoleEditor)
	reader := newDeskClient(t, ts)
	action, form := reader.commentForm("/post/one/")
	form.Set("name", "Ada")
	form.Set("body", strings.Repeat("Written as the disk filled up. ", 100))
	full := diskFull(t, ts, ed.ID)
	reader.ts = full
	if resp, _ := reader.page("/post/one/"); resp.StatusCode != http.StatusOK {
		t.Errorf("reading on a full disk: %d", resp.StatusCode)
	}
	resp, d := reader.post(action, form)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(d.Text(), "read-only right now") || resp.Header.Get("Retry-After") == "" {
		t.Errorf("comment on a full disk: %d %q", resp.StatusCode, d.Find("main").Text())
	}
	for _, pw := range []string{"wrong password!", testPassword} {
		c := newDeskClient(t, full)
		csrf := c.token("/admin/login")
		resp, d := c.post("/admin/login", url.Values{"csrf": {csrf}, "email": {"ed@example.com"}, "password": {pw}})
		if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(d.Text(), "read-only right now") {
			t.Errorf("sign-in (%q) on a full disk: %d %q", pw, resp.StatusCode, d.Find("main").Text())
		}
	}
}
