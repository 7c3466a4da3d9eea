package content

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// isPlainHTML reports whether a content file is HTML without front matter: Hugo copies such a
// file as it is (an OAuth callback page, a bundle's index.html beside its index.md) instead of
// making a page of it.
func isPlainHTML(p, ext string) bool {
	if ext != "html" && ext != "htm" {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false // read as a page, which reports the error
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	return !hasFrontMatter(head[:n])
}

// hasFrontMatter reports whether text opens with front matter as Hugo finds it: after a BOM
// and blank space, "---", "+++" or a JSON object.
func hasFrontMatter(text []byte) bool {
	text = bytes.TrimLeft(bytes.TrimPrefix(text, []byte("\ufeff")), " \t\r\n")
	return bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("+++")) || bytes.HasPrefix(text, []byte("{"))
}

// addContentFile keeps a file of a content folder that no page claims, at the URL Hugo
// publishes it: its path in the folder, under the language's prefix. The import serves it as
// a static file (a static folder's file at the same path wins).
func (s *Site) addContentFile(contentRoot, p, lang string) {
	rel, err := filepath.Rel(contentRoot, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return
	}
	if info, err := os.Stat(p); err != nil || info.Size() > MaxStaticFileSize {
		return
	}
	s.contentFiles = append(s.contentFiles, StaticFile{Path: s.Config.LangPrefix(lang) + "/" + filepath.ToSlash(rel), SrcPath: p})
}
