package backup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"time"

	"gazette/data"
)

// Options tune a backup.
type Options struct {
	Version string // the running Gazette's version, recorded in the manifest
	// Progress, when set, hears what is happening, one short line at a time.
	Progress func(msg string)
	// LinkFrom is an earlier backup folder: media files it already holds (names are content
	// hashes, so the same name is the same bytes) are hard-linked instead of copied, so a
	// rotation of fourteen backups does not keep fourteen copies of every photo.
	LinkFrom string
	Now      func() time.Time
}

func (o Options) say(format string, args ...any) {
	if o.Progress != nil {
		o.Progress(fmt.Sprintf(format, args...))
	}
}

// Create writes a backup of store and the media files it refers to into dest, a folder that
// must not exist yet. It runs beside a serving site: the database copy is one consistent
// snapshot, and media files are never changed once written. The folder appears whole or not at
// all (it is built under a temporary name and renamed), verified before it is named.
func Create(ctx context.Context, store *data.Store, media *data.MediaDir, dest string, opt Options) (Manifest, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	var m Manifest
	if _, err := os.Stat(dest); err == nil {
		return m, fmt.Errorf("backup: %s already exists; name a new folder", dest)
	}
	tmp := dest + ".partial"
	if err := os.RemoveAll(tmp); err != nil {
		return m, fmt.Errorf("backup: %w", err)
	}
	if err := os.MkdirAll(tmp, 0o750); err != nil {
		return m, fmt.Errorf("backup: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	m = Manifest{Format: formatVersion, GazetteVersion: opt.Version, CreatedAt: opt.Now().UTC().Truncate(time.Second)}
	opt.say("copying the database")
	dbFile := filepath.Join(tmp, DatabaseName)
	if err := store.SnapshotInto(ctx, dbFile); err != nil {
		return m, fmt.Errorf("backup: %w", err)
	}
	info, err := data.InspectSnapshot(ctx, dbFile)
	if err != nil {
		return m, fmt.Errorf("backup: the copy failed its check: %w", err)
	}
	m.Schema, m.Counts = info.Schema, info.Counts
	f, err := describe(tmp, DatabaseName)
	if err != nil {
		return m, err
	}
	m.Files = append(m.Files, f)
	opt.say("copying %d media files", len(info.Files))
	for i, name := range info.Files {
		if err := ctx.Err(); err != nil {
			return m, err
		}
		rel := path.Join(MediaFolder, name)
		src, err := media.Path(name)
		if err == nil {
			err = placeFile(src, filepath.Join(tmp, filepath.FromSlash(rel)), linkSource(opt.LinkFrom, rel))
		}
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, data.ErrNotFound) {
			m.Missing = append(m.Missing, name)
			continue
		}
		if err != nil {
			return m, fmt.Errorf("backup %s: %w", name, err)
		}
		f, err := describe(tmp, rel)
		if err != nil {
			return m, err
		}
		m.Files = append(m.Files, f)
		if (i+1)%1000 == 0 {
			opt.say("copied %d of %d media files", i+1, len(info.Files))
		}
	}
	if err := writeManifest(tmp, m); err != nil {
		return m, err
	}
	if _, err := Verify(tmp); err != nil {
		return m, fmt.Errorf("backup did not verify: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return m, fmt.Errorf("backup: %w", err)
	}
	ok = true
	return m, nil
}

func linkSource(dir, rel string) string {
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, filepath.FromSlash(rel))
}

// placeFile puts src at dst: a hard link to the same content in an earlier backup when there is
// one, else a copy synced to disk.
func placeFile(src, dst, linkFrom string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return err
	}
	if linkFrom != "" {
		if err := os.Link(linkFrom, dst); err == nil {
			return nil
		}
	}
	return copyFile(src, dst)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}

func describe(root, rel string) (File, error) {
	size, sum, err := hashFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return File{}, fmt.Errorf("backup: %w", err)
	}
	return File{Path: rel, Size: size, SHA256: sum}, nil
}

func writeManifest(dir string, m Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, ManifestName))
	if err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write manifest: %w", err)
	}
	return f.Close()
}
