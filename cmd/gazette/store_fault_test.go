package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeOnReadOnlyDataDirSaysWhy: a data directory on a filesystem mounted read-only (a
// tmpfs the test mounts; tests run as root) cannot be opened at all by SQLite in WAL mode, so
// serve must stop with the reason instead of a bare driver error.
func TestServeOnReadOnlyDataDirSaysWhy(t *testing.T) {
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Fatalf("mount a tmpfs (these tests need root, as make test runs): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", mnt).Run() })
	dir := filepath.Join(mnt, "data")
	store, _, err := openStore(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	if out, err := exec.Command("mount", "-o", "remount,ro", mnt).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, out)
	}
	out, err := runWithEnv(func(string) string { return "" }, "serve", "--addr", "127.0.0.1:0", "--data", dir)
	if err == nil || !strings.Contains(err.Error(), "check that the data directory is writable") {
		t.Errorf("serve on a read-only data directory: %v %s", err, out)
	}
}
