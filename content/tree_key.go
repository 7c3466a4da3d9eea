package content

import (
	"path"
	"strings"
)

// pageTreeKey is where Hugo 0.111 keeps a page in its page tree, whose order decides, among
// other things, which spelling names a term written in several cases (tag `Go` here, `go`
// there: the term is the first page's). The tree is keyed by lower-cased paths, a section's
// own pages ("/cn/__hb_x.md", those of folders without an _index file too) before its nested
// sections' ("/cn/kids/__hb_y.md"). branches tells which folders have an _index file.
func pageTreeKey(branches Cascades, f fileInfo) string {
	dir, rest := f.dir(), path.Base(f.contentPath)
	if f.bundle {
		rest = path.Base(path.Dir(f.contentPath)) + "/" + rest
	}
	for d := dir; d != ""; d = parentDir(d) {
		if !strings.Contains(d, "/") || branches.isBranch(f.lang, d) {
			break
		}
		rest = path.Base(d) + "/" + rest
		dir = parentDir(d)
	}
	section := ""
	if dir != "" {
		section = "/" + dir
	}
	return strings.ToLower(section + "/__hb_" + rest)
}

func parentDir(d string) string {
	if p := path.Dir(d); p != "." {
		return p
	}
	return ""
}
