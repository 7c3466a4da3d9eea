package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"gazette/data"
)

// TestAuditLog: sign-ins, failed ones, publishing, retracting, trashing, restoring and settings
// are recorded with who, when and from where; admins read and filter the log, editors cannot;
// entries older than the kept days go at the hourly purge.
func TestAuditLog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t, basicSite)
	addEditor(t, ts, "boss@example.com", data.RoleAdmin)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	if code := tryLogin(newDeskClient(t, ts), "boss@example.com", "not the password"); code != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", code)
	}
	boss := newDeskClient(t, ts)
	boss.login("boss@example.com", testPassword)
	id := articleID(t, ts, "/post/one/")
	csrf := boss.token("/admin/")
	for _, step := range []struct{ path, action string }{
		{"/admin/articles/bulk", "unpublish"}, {"/admin/articles/bulk", "publish"},
		{"/admin/articles/" + strconv.FormatInt(id, 10) + "/trash", ""}, {"/admin/articles/" + strconv.FormatInt(id, 10) + "/restore", ""},
	} {
		if resp, _ := boss.post(step.path, url.Values{"csrf": {csrf}, "action": {step.action}, "id": {strconv.FormatInt(id, 10)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s %s: %d", step.path, step.action, resp.StatusCode)
		}
	}
	_, d := boss.page("/admin/audit")
	var actions []string
	d.Find("[data-testid=audit-action]").Each(func(_ int, s *goquery.Selection) { actions = append(actions, s.Text()) })
	want := []string{"restore", "trash", "publish", "retract", "sign-in", "sign-in failed"}
	if len(actions) != len(want) {
		t.Fatalf("audit log %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Errorf("entry %d: %q, want %q (all %v)", i, actions[i], want[i], actions)
		}
	}
	_, d = boss.page("/admin/audit?action=sign-in+failed")
	if n := d.Find("[data-testid=audit-entry]").Length(); n != 1 || d.Find("[data-testid=audit-entry]").Text() == "" {
		t.Errorf("filtered by failed sign-ins: %d entries", n)
	}
	list, _ := ts.store.AuditEntries(ctx, data.AuditFilter{Action: "sign-in failed"})
	if len(list) != 1 || list[0].Actor != "boss@example.com" || list[0].IP != "127.0.0.1" || list[0].EditorID != 0 {
		t.Errorf("failed sign-in entry %+v", list)
	}
	ed := newDeskClient(t, ts)
	ed.login("ed@example.com", testPassword)
	if resp, _ := ed.page("/admin/audit"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an editor reads the audit log: %d", resp.StatusCode)
	}
	ts.clock.Add(366 * 24 * time.Hour)
	if err := ts.store.PurgeAuditLog(ctx); err != nil {
		t.Fatal(err)
	}
	if list, _ := ts.store.AuditEntries(ctx, data.AuditFilter{}); len(list) != 0 {
		t.Errorf("%d entries left after a year and a day", len(list))
	}
}
