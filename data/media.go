package data

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// MediaDir stores uploaded and imported files under content-hash names, so the same image
// imported twice is stored once and no name a user chose ever becomes a path on disk.
type MediaDir struct {
	root string
}

// NewMediaDir uses (and creates) root for media files.
func NewMediaDir(root string) (*MediaDir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("media folder: %w", err)
	}
	return &MediaDir{root: root}, nil
}

// Save copies r into the media folder and returns its stored name ("ab/abcdef….png") and size.
// The file appears atomically: readers never see half of it.
func (m *MediaDir) Save(r io.Reader, ext string) (string, int64, error) {
	tmp, err := os.CreateTemp(m.root, ".upload-*")
	if err != nil {
		return "", 0, fmt.Errorf("save media: %w", err)
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, fmt.Errorf("save media: %w", err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	ext = strings.ToLower(strings.TrimPrefix(ext, "."))
	if !validExt(ext) {
		ext = "bin"
	}
	name := sum[:2] + "/" + sum + "." + ext
	dst := filepath.Join(m.root, filepath.FromSlash(name))
	if _, err := os.Stat(dst); err == nil {
		return name, n, nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", 0, fmt.Errorf("save media: %w", err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return "", 0, fmt.Errorf("save media: %w", err)
	}
	return name, n, nil
}

// Path returns the file behind a stored name, refusing anything that is not one.
func (m *MediaDir) Path(stored string) (string, error) {
	dir, file, ok := strings.Cut(stored, "/")
	if !ok || len(dir) != 2 || !strings.HasPrefix(file, dir) || strings.ContainsAny(file, `/\`) || strings.Contains(file, "..") {
		return "", ErrNotFound
	}
	return filepath.Join(m.root, dir, file), nil
}

func validExt(ext string) bool {
	if ext == "" || len(ext) > 8 {
		return false
	}
	for _, r := range ext {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Remove deletes a stored file; one already gone is not an error.
func (m *MediaDir) Remove(stored string) error {
	p, err := m.Path(stored)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove media %s: %w", stored, err)
	}
	return nil
}
