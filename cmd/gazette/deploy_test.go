package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSystemdUnit checks the kit's unit with systemd's own verifier, and that the hardening
// the README promises is in it (a dropped line would pass verify silently).
func TestSystemdUnit(t *testing.T) {
	verify := requireTool(t, "systemd-analyze")
	unit, err := os.ReadFile(filepath.Join("..", "..", "deploy", "systemd", "gazette.service"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"User=gazette", "ProtectSystem=strict", "ReadWritePaths=/var/lib/gazette",
		"NoNewPrivileges=true", "CapabilityBoundingSet=", "Restart=on-failure", "StateDirectory=gazette"} {
		if !strings.Contains(string(unit), "\n"+line+"\n") {
			t.Errorf("gazette.service lacks %q", line)
		}
	}
	// verify checks that ExecStart exists: point it at a binary this machine has.
	copy := filepath.Join(t.TempDir(), "gazette.service")
	os.WriteFile(copy, []byte(strings.ReplaceAll(string(unit), "/usr/local/bin/gazette", "/bin/true")), 0o644)
	if out, err := exec.Command(verify, "verify", copy).CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}
