// Package backup takes and restores Gazette backups: a consistent copy of the database taken
// while the site serves, the media files it refers to, and a manifest that lets a restore prove
// nothing was lost or changed on the way (schema, row counts, a SHA-256 for every file).
package backup

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ManifestName is the manifest's file name inside a backup folder.
const ManifestName = "manifest.json"

// DatabaseName is the database file's name inside a backup folder and a data directory.
const DatabaseName = "gazette.db"

// MediaFolder is the media folder's name inside a backup folder and a data directory.
const MediaFolder = "media"

// formatVersion changes only when a manifest's meaning changes; a restore refuses others.
const formatVersion = 1

// Manifest describes one backup.
type Manifest struct {
	Format         int              `json:"format"`
	GazetteVersion string           `json:"gazette_version"`
	CreatedAt      time.Time        `json:"created_at"`
	Schema         []string         `json:"schema"` // applied migrations, oldest first
	Counts         map[string]int64 `json:"counts"`
	Files          []File           `json:"files"` // the database first, then media files
	// Missing are media files the database refers to that the data directory did not have when
	// the backup was taken: a problem of the source, reported rather than hidden.
	Missing []string `json:"missing,omitempty"`
}

// File is one file of a backup, by its slash path inside the backup folder.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Bytes is the backup's total size.
func (m Manifest) Bytes() int64 {
	var n int64
	for _, f := range m.Files {
		n += f.Size
	}
	return n
}

// Summary is one line for a person: what the backup holds.
func (m Manifest) Summary() string {
	return fmt.Sprintf("%d articles, %d comments, %d media records, %d editors; %d files, %s; schema %s; taken %s",
		m.Counts["articles"], m.Counts["comments"], m.Counts["media"], m.Counts["editors"],
		len(m.Files), humanBytes(m.Bytes()), lastOr(m.Schema, "empty"), m.CreatedAt.UTC().Format(time.RFC3339))
}

func lastOr(s []string, none string) string {
	if len(s) == 0 {
		return none
	}
	return strings.TrimSuffix(s[len(s)-1], ".sql")
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// ReadManifest reads and checks a backup folder's manifest, without hashing the files.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, os.ErrNotExist) {
		return m, fmt.Errorf("%s is not a Gazette backup: it has no %s", dir, ManifestName)
	}
	if err != nil {
		return m, fmt.Errorf("read manifest: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("read manifest %s: %w", filepath.Join(dir, ManifestName), err)
	}
	if m.Format != formatVersion {
		return m, fmt.Errorf("backup %s has manifest format %d; this Gazette reads format %d (made by a newer Gazette?)", dir, m.Format, formatVersion)
	}
	if len(m.Files) == 0 || m.Files[0].Path != DatabaseName {
		return m, fmt.Errorf("backup %s: the manifest lists no database", dir)
	}
	for _, f := range m.Files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return m, fmt.Errorf("backup %s: the manifest names a file outside the backup: %q", dir, f.Path)
		}
	}
	return m, nil
}

// Verify reads the manifest and checks every file's size and SHA-256.
func Verify(dir string) (Manifest, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return m, err
	}
	for _, f := range m.Files {
		size, sum, err := hashFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			return m, fmt.Errorf("backup %s: %w", dir, err)
		}
		if size != f.Size || sum != f.SHA256 {
			return m, fmt.Errorf("backup %s: %s does not match the manifest (damaged or changed since the backup)", dir, f.Path)
		}
	}
	return m, nil
}

// UnknownMigrations are the backup's migrations this binary does not have: a backup made by a
// newer Gazette, whose schema this one cannot promise to read.
func (m Manifest) UnknownMigrations(known []string) []string {
	var out []string
	for _, name := range m.Schema {
		if !slices.Contains(known, name) {
			out = append(out, name)
		}
	}
	return out
}

func hashFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", fmt.Errorf("read %s: %w", path, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}
