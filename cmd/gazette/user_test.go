package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"gazette/data"
)

func runCLI(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &errb)
	return out.String() + errb.String(), err
}

func TestUserSubcommands(t *testing.T) {
	dir := t.TempDir()
	if out, err := runCLI(t, "correct horse battery\n", "user", "add", "--data", dir, "--email", "ada@example.com", "--name", "Ada", "--role", "admin"); err != nil {
		t.Fatalf("add: %v %s", err, out)
	}
	for name, tc := range map[string]struct {
		stdin string
		args  []string
		want  string
	}{
		"duplicate":      {"correct horse battery\n", []string{"add", "--email", "ADA@example.com", "--name", "A"}, "already exists"},
		"short password": {"short\n", []string{"add", "--email", "b@example.com", "--name", "B"}, "10 to 256"},
		"no password":    {"", []string{"add", "--email", "b@example.com", "--name", "B"}, "no password"},
		"bad role":       {"correct horse battery\n", []string{"add", "--email", "b@example.com", "--name", "B", "--role", "root"}, "role"},
		"bad email":      {"correct horse battery\n", []string{"add", "--email", "not-an-email", "--name", "B"}, "email"},
		"unknown":        {"correct horse battery\n", []string{"passwd", "--email", "nobody@example.com"}, "no editor"},
		"missing email":  {"", []string{"disable"}, "--email is required"},
	} {
		args := append([]string{"user", tc.args[0], "--data", dir}, tc.args[1:]...)
		out, err := runCLI(t, tc.stdin, args...)
		if err == nil || !strings.Contains(err.Error()+out, tc.want) {
			t.Errorf("%s: err %v, output %q; want %q", name, err, out, tc.want)
		}
	}
	if out, err := runCLI(t, "another good password\n", "user", "passwd", "--data", dir, "--email", "ada@example.com"); err != nil {
		t.Fatalf("passwd: %v %s", err, out)
	}
	if out, err := runCLI(t, "", "user", "disable", "--data", dir, "--email", "ada@example.com"); err != nil {
		t.Fatalf("disable: %v %s", err, out)
	}
	out, err := runCLI(t, "", "user", "list", "--data", dir)
	if err != nil || !strings.Contains(out, "ada@example.com") || !strings.Contains(out, "disabled") || !strings.Contains(out, "admin") {
		t.Errorf("list: %v %q", err, out)
	}
	if _, err := runCLI(t, "", "user", "add", "--data", dir, "--email", "z@example.com", "--name", "Z", "--password", "correct horse battery"); err == nil {
		t.Error("a --password flag must not exist")
	}
}

// TestUserUnlock: failed sign-ins recorded by a server (in the database) are forgotten by
// `gazette user unlock`, from every address, and only the named account's.
func TestUserUnlock(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	store, _, err := openStore(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	keys := []data.ThrottleKey{{Account: "ada@example.com", Address: "192.0.2.1"}, {Account: "ada@example.com"}, {Account: "bob@example.com"}}
	if err := store.RecordLoginFailure(ctx, keys, func(_ data.ThrottleKey, r data.ThrottleRecord) data.ThrottleRecord {
		r.Failures = 10
		return r
	}); err != nil {
		t.Fatal(err)
	}
	store.Close()
	out, err := runCLI(t, "", "user", "unlock", "--data", dir, "--email", "Ada@example.com")
	if err != nil || !strings.Contains(out, "Forgot 2 failed sign-in records") {
		t.Fatalf("unlock: %v %q", err, out)
	}
	store, _, err = openStore(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	recs, err := store.LoginThrottle(ctx, keys...)
	if err != nil || recs[0].Failures != 0 || recs[1].Failures != 0 || recs[2].Failures != 10 {
		t.Errorf("after unlock: %+v %v", recs, err)
	}
}

func TestSetupLinkPrintedOnlyWithoutEditors(t *testing.T) {
	ctx := context.Background()
	store, _, err := openStore(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var out bytes.Buffer
	if err := printSetupLink(ctx, store, &out, "", "http://127.0.0.1:8080"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "http://127.0.0.1:8080/admin/setup/") {
		t.Errorf("no setup link: %q", out.String())
	}
	out.Reset()
	if _, err := store.CreateEditor(ctx, newEditorForTest()); err != nil {
		t.Fatal(err)
	}
	printSetupLink(ctx, store, &out, "", "http://127.0.0.1:8080")
	if out.Len() != 0 {
		t.Errorf("setup link printed although an editor exists: %q", out.String())
	}
}

func newEditorForTest() data.NewEditor {
	return data.NewEditor{Email: "ed@example.com", Name: "Ed", Role: data.RoleEditor, Password: "correct horse battery"}
}
