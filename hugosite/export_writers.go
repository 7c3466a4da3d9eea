package hugosite

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// DirWriter writes an export into a folder on disk.
type DirWriter struct{ Root string }

// PrepareExportDir makes sure dir can take an export: created when missing, refused when it
// holds anything unless force is set (then files are written over, nothing is deleted).
func PrepareExportDir(dir string, force bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export folder %s: %w", dir, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("export folder %s: %w", dir, err)
	}
	if len(entries) > 0 && !force {
		return fmt.Errorf("export folder %s is not empty (it has %s…): choose an empty folder, or add --force to write over it", dir, entries[0].Name())
	}
	probe := filepath.Join(dir, ".gazette-export-probe")
	if err := os.WriteFile(probe, nil, 0o644); err != nil {
		return fmt.Errorf("export folder %s cannot be written: %w", dir, errors.Unwrap(err))
	}
	return os.Remove(probe)
}

// WriteFile writes one file, making its folders.
func (d DirWriter) WriteFile(name string, _ int64, r io.Reader) error {
	if !safeName(name) {
		return fmt.Errorf("unsafe file name %q", name)
	}
	p := filepath.Join(d.Root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// TarGzWriter streams an export as a gzip-compressed tar archive.
type TarGzWriter struct {
	gz  *gzip.Writer
	tw  *tar.Writer
	now time.Time
}

// NewTarGzWriter starts an archive on w; Close finishes it.
func NewTarGzWriter(w io.Writer, now time.Time) *TarGzWriter {
	gz := gzip.NewWriter(w)
	return &TarGzWriter{gz: gz, tw: tar.NewWriter(gz), now: now}
}

// WriteFile adds one file to the archive.
func (t *TarGzWriter) WriteFile(name string, size int64, r io.Reader) error {
	if !safeName(name) {
		return fmt.Errorf("unsafe file name %q", name)
	}
	if err := t.tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: size, ModTime: t.now, Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err := io.CopyN(t.tw, r, size)
	return err
}

// Close ends the archive.
func (t *TarGzWriter) Close() error {
	if err := t.tw.Close(); err != nil {
		return err
	}
	return t.gz.Close()
}

// safeName refuses names that would leave the export's root.
func safeName(name string) bool {
	clean := path.Clean(name)
	return name != "" && clean == name && !path.IsAbs(name) && clean != ".." && !strings.HasPrefix(clean, "../")
}
