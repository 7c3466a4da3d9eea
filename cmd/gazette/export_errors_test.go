package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportSite imports a two-article site into a fresh data directory.
func exportSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	os.MkdirAll(filepath.Join(site, "content", "post"), 0o755)
	os.WriteFile(filepath.Join(site, "config.toml"), []byte("baseURL = \"https://x.example/\"\ntitle = \"X\"\n"), 0o644)
	os.WriteFile(filepath.Join(site, "content", "post", "a.md"), []byte("---\ntitle: A\ndate: 2024-01-01\n---\nOne\n"), 0o644)
	os.WriteFile(filepath.Join(site, "content", "post", "b.md"), []byte("+++\ntitle = \"B\"\n+++\nTwo\n"), 0o644)
	dataDir := t.TempDir()
	mustGazette(t, "import", "--data", dataDir, site)
	return dataDir
}

// TestExportRefusesBadTargets: a folder with files in it, a folder that cannot be made, a disk
// that fills halfway, an article whose front matter no longer parses: each is a clear error and
// a non-zero exit, and the store is as it was.
func TestExportRefusesBadTargets(t *testing.T) {
	dataDir := exportSite(t)
	listed, _ := mustGazette(t, "list", "all", "--data", dataDir)

	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644)
	notDir := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(notDir, nil, 0o644)
	// /dev/full answers every write with ENOSPC: the kernel's own "disk full", met halfway
	// through (config.toml is written first, the article after it).
	diskFull := t.TempDir()
	os.MkdirAll(filepath.Join(diskFull, "content", "post"), 0o755)
	if err := os.Symlink("/dev/full", filepath.Join(diskFull, "content", "post", "b.md")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"folder not empty", []string{full}, "is not empty"},
		{"folder cannot be made", []string{filepath.Join(notDir, "site")}, "not a directory"},
		{"disk full", []string{"--force", diskFull}, "no space left on device"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := gazette(t, append([]string{"export", "--data", dataDir}, c.args...)...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("export: %v, want an error saying %q", err, c.want)
			}
			if after, _ := mustGazette(t, "list", "all", "--data", dataDir); after != listed {
				t.Errorf("the store changed")
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(full, "notes.txt")); string(b) != "mine" {
		t.Errorf("a refused export touched the folder's files")
	}

	t.Run("front matter invalid in its format", func(t *testing.T) {
		db, err := sql.Open("sqlite", filepath.Join(dataDir, "gazette.db"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Exec("UPDATE articles SET front_matter_text = ? WHERE source_path = 'content/post/b.md'", "+++\ntitle = \"B\n+++\n")
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		listed, _ := mustGazette(t, "list", "all", "--data", dataDir)
		out := filepath.Join(t.TempDir(), "site")
		_, _, err = gazette(t, "export", "--data", dataDir, out)
		if err == nil || !strings.Contains(err.Error(), "content/post/b.md") || !strings.Contains(err.Error(), "TOML") {
			t.Fatalf("export: %v, want an error naming content/post/b.md and TOML", err)
		}
		if entries, _ := os.ReadDir(out); len(entries) > 0 {
			t.Errorf("files written before the bad article was found: %v", entries)
		}
		if after, _ := mustGazette(t, "list", "all", "--data", dataDir); after != listed {
			t.Errorf("the store changed")
		}
	})
}
