package backup

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gazette/data"
)

// site is a data directory with a few articles, an upload with a variant and a bundle file.
type site struct {
	dir   string
	store *data.Store
	media *data.MediaDir
}

func newSite(t *testing.T, articles int) *site {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	store, err := data.Open(ctx, filepath.Join(dir, DatabaseName), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	media, err := data.NewMediaDir(filepath.Join(dir, MediaFolder))
	if err != nil {
		t.Fatal(err)
	}
	orig, _, err := media.Save(strings.NewReader("original image bytes"), "png")
	if err != nil {
		t.Fatal(err)
	}
	small, _, err := media.Save(strings.NewReader("variant image bytes"), "jpg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddMedia(ctx, data.MediaFile{StoredName: orig, Name: "photo.png", MediaType: "image/png", Width: 800, Height: 600,
		Variants: []data.MediaVariant{{StoredName: small, Width: 320, Height: 240}}}, 0); err != nil {
		t.Fatal(err)
	}
	bundle, size, err := media.Save(strings.NewReader("bundle chart"), "svg")
	if err != nil {
		t.Fatal(err)
	}
	var list []data.Article
	date := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range articles {
		src := "news/a" + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + ".md"
		list = append(list, data.Article{SourcePath: src, Lang: "en", TranslationKey: src, Permalink: "/" + src + "/",
			Title: "Article " + src, Date: date, PublishDate: date, Lastmod: date, ContentHash: src,
			Resources: []data.Resource{{Name: "chart.svg", MediaType: "image/svg+xml", StoredName: bundle, Size: size}}})
	}
	if _, err := store.SaveArticles(ctx, list); err != nil {
		t.Fatal(err)
	}
	return &site{dir: dir, store: store, media: media}
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := newSite(t, 30)
	var progress bytes.Buffer
	dest := filepath.Join(t.TempDir(), "b1")
	m, err := Create(ctx, s.store, s.media, dest, Options{Version: "test", Progress: func(msg string) { progress.WriteString(msg + "\n") }})
	if err != nil {
		t.Fatal(err)
	}
	if m.Counts["articles"] != 30 || m.Counts["media"] != 1 || len(m.Files) != 4 || len(m.Missing) != 0 {
		t.Errorf("manifest: counts %v, %d files, missing %v", m.Counts, len(m.Files), m.Missing)
	}
	if !strings.Contains(progress.String(), "copying 3 media files") {
		t.Errorf("progress: %q", progress.String())
	}
	if last := m.Schema[len(m.Schema)-1]; last != data.KnownMigrations()[len(data.KnownMigrations())-1] {
		t.Errorf("schema ends with %s", last)
	}
	target := filepath.Join(t.TempDir(), "restored")
	r, err := Restore(ctx, dest, target, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Migrated) != 0 {
		t.Errorf("migrated %v on a current backup", r.Migrated)
	}
	restored, err := data.Open(ctx, filepath.Join(target, DatabaseName), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if n, _ := restored.CountArticles(ctx); n != 30 {
		t.Errorf("restored %d articles, want 30", n)
	}
	for _, f := range m.Files[1:] {
		if _, err := os.Stat(filepath.Join(target, filepath.FromSlash(f.Path))); err != nil {
			t.Errorf("media file not restored: %v", err)
		}
	}

	t.Run("refuses a non-empty data directory without force", func(t *testing.T) {
		if _, err := Restore(ctx, dest, target, false); !errors.Is(err, ErrNotEmpty) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("refuses an existing destination", func(t *testing.T) {
		if _, err := Create(ctx, s.store, s.media, dest, Options{}); err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Errorf("got %v", err)
		}
	})
}

func TestRestoreRefusesDamagedAndNewerBackups(t *testing.T) {
	ctx := context.Background()
	s := newSite(t, 3)
	t.Run("a changed file", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "b")
		m, err := Create(ctx, s.store, s.media, dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dest, filepath.FromSlash(m.Files[1].Path)), []byte("bit rot"), 0o644); err != nil {
			t.Fatal(err)
		}
		target := t.TempDir()
		_, err = Restore(ctx, dest, target, false)
		if err == nil || !strings.Contains(err.Error(), "does not match the manifest") {
			t.Errorf("got %v", err)
		}
		if entries, _ := os.ReadDir(target); len(entries) != 0 {
			t.Errorf("a refused restore wrote %d entries", len(entries))
		}
	})
	t.Run("a newer schema", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "b")
		m, err := Create(ctx, s.store, s.media, dest, Options{Version: "v9.9.9"})
		if err != nil {
			t.Fatal(err)
		}
		m.Schema = append(m.Schema, "9999_from_the_future.sql")
		if err := writeManifest(dest, m); err != nil {
			t.Fatal(err)
		}
		_, err = Restore(ctx, dest, t.TempDir(), false)
		if err == nil || !strings.Contains(err.Error(), "made by a newer Gazette") || !strings.Contains(err.Error(), "9999_from_the_future.sql") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("not a backup", func(t *testing.T) {
		if _, err := Restore(ctx, t.TempDir(), t.TempDir(), false); err == nil || !strings.Contains(err.Error(), "not a Gazette backup") {
			t.Errorf("got %v", err)
		}
	})
}

// TestRestoreRunsMigrationsForward restores a backup taken before the newest migration existed.
func TestRestoreRunsMigrationsForward(t *testing.T) {
	ctx := context.Background()
	s := newSite(t, 2)
	dest := filepath.Join(t.TempDir(), "b")
	if _, err := Create(ctx, s.store, s.media, dest, Options{}); err != nil {
		t.Fatal(err)
	}
	// Turn the backup into one from before the write probe: drop its table and its record.
	db, err := sql.Open("sqlite", filepath.Join(dest, DatabaseName))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TABLE write_probe", "DELETE FROM schema_migrations WHERE name LIKE '%0040_write_probe.sql'"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	info, err := data.InspectSnapshot(ctx, filepath.Join(dest, DatabaseName))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := ReadManifest(dest)
	m.Schema = info.Schema
	if m.Files[0], err = describe(dest, DatabaseName); err != nil {
		t.Fatal(err)
	}
	if err := writeManifest(dest, m); err != nil {
		t.Fatal(err)
	}
	r, err := Restore(ctx, dest, t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Migrated) != 1 || r.Migrated[0] != "0040_write_probe.sql" {
		t.Errorf("migrated %v", r.Migrated)
	}
}

func TestScheduleKeepsTheNewestAndLinksMedia(t *testing.T) {
	ctx := context.Background()
	s := newSite(t, 2)
	root := t.TempDir()
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	sch := Schedule{Store: s.store, Media: s.media, Root: root, Every: 6 * time.Hour, Keep: 2, Now: func() time.Time { return at }}
	var dirs []string
	for range 3 {
		_, dir, err := sch.Once(ctx)
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
		at = at.Add(6 * time.Hour)
	}
	names, _ := scheduled(root)
	if len(names) != 2 || names[0] != filepath.Base(dirs[1]) || names[1] != filepath.Base(dirs[2]) {
		t.Errorf("kept %v", names)
	}
	m, err := Verify(dirs[2])
	if err != nil {
		t.Fatal(err)
	}
	a, _ := os.Stat(filepath.Join(dirs[1], filepath.FromSlash(m.Files[1].Path)))
	b, _ := os.Stat(filepath.Join(dirs[2], filepath.FromSlash(m.Files[1].Path)))
	if a == nil || b == nil || !os.SameFile(a, b) {
		t.Error("a media file was copied again instead of linked to the previous backup")
	}
}
