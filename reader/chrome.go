package reader

import (
	"context"
	"errors"
	"image"
	_ "image/gif"  // logo formats whose size the header reads
	_ "image/jpeg" // (PNG, JPEG, GIF, WebP; an SVG logo has no pixel size and is drawn by height)
	_ "image/png"
	"os"
	"strings"

	_ "golang.org/x/image/webp"

	"gazette/data"
)

// Chrome is what the masthead and the head need about the site's own files, read once
// per reader state: the logo's pixel size and whether the site has its own favicon.
type Chrome struct {
	LogoWidth, LogoHeight int
	OwnFavicon            bool
}

// loadChrome reads the logo's size (so the page reserves its box and the stylesheet keeps its
// aspect ratio) and looks for the site's own /favicon.ico. A file it cannot read leaves the
// size unknown; the page still works.
func (m *Model) loadChrome(ctx context.Context, logoURL string) (Chrome, error) {
	var c Chrome
	if _, err := m.store.SiteFileAt(ctx, "/favicon.ico"); err == nil {
		c.OwnFavicon = true
	} else if !errors.Is(err, data.ErrNotFound) {
		return c, err
	}
	if !strings.HasPrefix(logoURL, "/") || strings.HasPrefix(logoURL, "//") {
		return c, nil
	}
	stored := ""
	if name, ok := strings.CutPrefix(logoURL, "/media/"); ok {
		stored = name
	} else if f, err := m.store.SiteFileAt(ctx, logoURL); err == nil {
		stored = f.StoredName
	}
	if stored == "" {
		return c, nil
	}
	c.LogoWidth, c.LogoHeight = imageSize(m.media, stored)
	return c, nil
}

// imageSize is a stored image's pixel size, 0×0 when it is not a raster image Go can read.
func imageSize(media *data.MediaDir, stored string) (int, int) {
	p, err := media.Path(stored)
	if err != nil {
		return 0, 0
	}
	f, err := os.Open(p)
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return 0, 0
	}
	return cfg.Width, cfg.Height
}
