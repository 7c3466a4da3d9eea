// Package static holds the site's CSS, scripts and images, embedded in the binary and served
// under content-hashed names so browsers and caches may keep them forever.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

//go:embed files
var embedded embed.FS

// Assets maps each file to its hashed URL.
type Assets struct {
	files  fs.FS
	byName map[string]string // "style.css" → "/static/style.1a2b3c4d.css"
	byURL  map[string]string // hashed name → file name
}

// New hashes every embedded file.
func New() (*Assets, error) {
	files, err := fs.Sub(embedded, "files")
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	a := &Assets{files: files, byName: map[string]string{}, byURL: map[string]string{}}
	err = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(p)
		hashed := strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		a.byName[p] = "/static/" + hashed
		a.byURL[hashed] = p
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return a, nil
}

// URL returns the hashed URL of a file; it panics on a name that is not embedded, which only a
// programming error can cause and every page test catches.
func (a *Assets) URL(name string) string {
	u, ok := a.byName[name]
	if !ok {
		panic("static: no file " + name)
	}
	return u
}

// Open finds the file behind a hashed name (the part after /static/). ok is false for any name
// that is not a current hashed name.
func (a *Assets) Open(hashed string) (content []byte, name string, ok bool) {
	name, ok = a.byURL[hashed]
	if !ok {
		return nil, "", false
	}
	b, err := fs.ReadFile(a.files, name)
	if err != nil {
		return nil, "", false
	}
	return b, name, true
}
