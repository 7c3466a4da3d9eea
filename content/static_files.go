package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// MaxStaticFileSize caps one file of a site's static folder.
const MaxStaticFileSize = 64 << 20

// StaticFile is a file of a Hugo site's static folder and the URL path Hugo serves it at.
type StaticFile struct {
	Path    string // "/img/logo.png"
	SrcPath string
}

// loadStaticFiles lists the site's static folders (staticDir, "static" by default), as Hugo
// copies them to the root of the published site. Symbolic links are not followed.
func (s *Site) loadStaticFiles() {
	dirs := stringList(s.Config.Raw["staticdir"])
	if len(dirs) == 0 {
		dirs = []string{"static"}
	}
	seen := map[string]bool{}
	for _, d := range dirs {
		root := filepath.Join(s.Root, d)
		if info, err := os.Lstat(root); err != nil || !info.IsDir() {
			continue
		}
		filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if !errors.Is(err, fs.ErrPermission) {
					return nil
				}
				s.fail(p, 0, fmt.Sprintf("cannot read: %v", err))
				return nil
			}
			if e.Type()&fs.ModeSymlink != 0 {
				s.skip(p, "symbolic link not followed")
				return nil
			}
			if !e.Type().IsRegular() {
				return nil
			}
			info, err := e.Info()
			if err != nil {
				return nil
			}
			if info.Size() > MaxStaticFileSize {
				s.fail(p, 0, fmt.Sprintf("static file is %d MB, over the %d MB limit", info.Size()>>20, MaxStaticFileSize>>20))
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			url := "/" + filepath.ToSlash(rel)
			if seen[url] {
				return nil // an earlier static folder wins, as in Hugo
			}
			seen[url] = true
			s.StaticFiles = append(s.StaticFiles, StaticFile{Path: url, SrcPath: p})
			return nil
		})
	}
	for _, f := range s.contentFiles {
		if !seen[f.Path] {
			seen[f.Path] = true
			s.StaticFiles = append(s.StaticFiles, f)
		}
	}
}

// staticFilesIn is SiteConfig.SiteFiles over the static folders' files.
func staticFilesIn(files []StaticFile) func(dir string) []string {
	return func(dir string) []string {
		var out []string
		for _, f := range files {
			if strings.HasPrefix(f.Path, dir) && !strings.Contains(f.Path[len(dir):], "/") {
				out = append(out, f.Path)
			}
		}
		sort.Strings(out)
		return out
	}
}
