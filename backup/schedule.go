package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gazette/data"
)

// scheduledPrefix names the folders a schedule makes, so rotation never touches anything else.
const scheduledPrefix = "gazette-"

// timeLayout sorts as text in time order.
const timeLayout = "20060102T150405Z"

// Schedule takes a backup into its own folder under root every interval and keeps the newest
// keep of them.
type Schedule struct {
	Store    *data.Store
	Media    *data.MediaDir
	Root     string
	Every    time.Duration
	Keep     int
	Version  string
	Now      func() time.Time
	Progress func(msg string)
}

// Run takes backups until ctx ends; the first one an interval after the start. A failed backup
// is reported and retried at the next tick; it never stops the site.
func (s Schedule) Run(ctx context.Context, report func(m Manifest, dir string, err error)) {
	tick := time.NewTicker(s.Every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		m, dir, err := s.Once(ctx)
		if ctx.Err() != nil {
			return
		}
		report(m, dir, err)
	}
}

// Once takes one scheduled backup and rotates the old ones out.
func (s Schedule) Once(ctx context.Context) (Manifest, string, error) {
	if s.Now == nil {
		s.Now = time.Now
	}
	if err := os.MkdirAll(s.Root, 0o750); err != nil {
		return Manifest{}, "", fmt.Errorf("backup folder: %w", err)
	}
	existing, err := scheduled(s.Root)
	if err != nil {
		return Manifest{}, "", err
	}
	dir := filepath.Join(s.Root, scheduledPrefix+s.Now().UTC().Format(timeLayout))
	opt := Options{Version: s.Version, Now: s.Now, Progress: s.Progress}
	if len(existing) > 0 {
		opt.LinkFrom = filepath.Join(s.Root, existing[len(existing)-1])
	}
	m, err := Create(ctx, s.Store, s.Media, dir, opt)
	if err != nil {
		return m, dir, err
	}
	return m, dir, Rotate(s.Root, s.Keep)
}

// Rotate deletes the oldest scheduled backups under root beyond the newest keep.
func Rotate(root string, keep int) error {
	names, err := scheduled(root)
	if err != nil {
		return err
	}
	for len(names) > max(keep, 1) {
		if err := os.RemoveAll(filepath.Join(root, names[0])); err != nil {
			return fmt.Errorf("rotate backups: %w", err)
		}
		names = names[1:]
	}
	return nil
}

// scheduled lists the finished scheduled backups under root, oldest first.
func scheduled(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var names []string
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), scheduledPrefix)
		if !ok || !e.IsDir() {
			continue
		}
		if _, err := time.Parse(timeLayout, rest); err == nil {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}
