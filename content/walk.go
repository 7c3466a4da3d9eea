package content

// Walking a site's content folders: which files are pages, bundles and their resources, and
// which are left out, each with a reason.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"gazette/data"
)

// walkContentDir reads one content folder. Symbolic links are never followed (so no loop and no
// escape from the site root); leaf bundles claim every file below them as resources.
func (s *Site) walkContentDir(dir, lang string) error {
	info, err := os.Lstat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("no content folder at %s", dir)
		}
		return fmt.Errorf("content folder: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("content folder %s is not a folder", dir)
	}
	return s.walkDir(dir, dir, lang)
}

func (s *Site) walkDir(contentRoot, dir, lang string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		s.fail(dir, 0, fmt.Sprintf("cannot read folder: %v", err))
		return nil
	}
	var indexFiles []string
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		base, _, ext := splitName(e.Name(), s.Config)
		if base == "index" && contentExts[ext] && !isPlainHTML(filepath.Join(dir, e.Name()), ext) {
			indexFiles = append(indexFiles, filepath.Join(dir, e.Name()))
		}
	}
	if len(indexFiles) > 0 && dir != contentRoot {
		s.readBundle(contentRoot, dir, lang, indexFiles)
		return nil
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if s.ignored(contentRoot, p) {
			if _, _, ext := splitName(e.Name(), s.Config); contentExts[ext] {
				s.skip(p, "matches ignoreFiles")
			}
			continue
		}
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			s.skip(p, "symbolic link not followed")
		case e.IsDir():
			if err := s.walkDir(contentRoot, p, lang); err != nil {
				return err
			}
		case e.Type().IsRegular():
			base, _, ext := splitName(e.Name(), s.Config)
			if base == "_index" && contentExts[ext] {
				continue // section pages are list pages (list_page.go)
			}
			if !contentExts[ext] || isPlainHTML(p, ext) {
				// A branch's other files (the content root's favicon, a section's image) and
				// HTML without front matter are copied by Hugo as they are.
				s.addContentFile(contentRoot, p, lang)
				continue
			}
			s.readPage(contentRoot, p, lang, nil)
		}
	}
	return nil
}

// readBundle reads a leaf bundle: its index files are pages, every other file below is theirs.
func (s *Site) readBundle(contentRoot, dir, lang string, indexFiles []string) {
	var files []BundleFile
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() || slicesContains(indexFiles, p) {
			return nil
		}
		if s.ignored(contentRoot, p) {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, BundleFile{Name: filepath.ToSlash(rel), SrcPath: p})
		return nil
	})
	sort.Strings(indexFiles)
	for _, p := range indexFiles {
		if s.ignored(contentRoot, p) {
			s.skip(p, "matches ignoreFiles")
			continue
		}
		s.readPage(contentRoot, p, lang, files)
	}
}

// splitName splits "name.lang.ext" into its parts; lang is "" when the suffix is not one of the
// site's languages (then it stays part of the name, as in Hugo).
func splitName(filename string, cfg SiteConfig) (base, lang, ext string) {
	ext = strings.ToLower(strings.TrimPrefix(path.Ext(filename), "."))
	base = strings.TrimSuffix(filename, path.Ext(filename))
	if l := strings.TrimPrefix(path.Ext(base), "."); l != "" {
		if _, ok := cfg.Languages[strings.ToLower(l)]; ok {
			return strings.TrimSuffix(base, path.Ext(base)), strings.ToLower(l), ext
		}
	}
	return base, "", ext
}

func slicesContains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// readPage adds one page file to the site's sources; scan reads it (pages.go).
func (s *Site) readPage(contentRoot, p, dirLang string, bundle []BundleFile) {
	s.Sources = append(s.Sources, Source{file: p, sitePath: s.relPath(p), contentRoot: contentRoot, dirLang: dirLang, bundle: bundle})
}

// loadPage reads and checks one page file, then builds its article (body not rendered). A bad
// or headless file gives a problem instead. It changes nothing shared, so pages load in parallel.
func (s *Site) loadPage(src *Source) (Page, *Problem) {
	p := src.file
	fail := func(line int, msg string) (Page, *Problem) {
		return Page{}, &Problem{Path: src.sitePath, Line: line, Message: msg}
	}
	info, err := os.Stat(p)
	if err != nil {
		return fail(0, fmt.Sprintf("cannot read: %v", err))
	}
	if info.Size() > MaxFileSize {
		return fail(0, fmt.Sprintf("file is %d MB, over the %d MB limit for an article", info.Size()>>20, MaxFileSize>>20))
	}
	text, err := os.ReadFile(p)
	if err != nil {
		return fail(0, fmt.Sprintf("cannot read: %v", err))
	}
	src.size = int64(len(text))
	if bytes.IndexByte(text, 0) >= 0 {
		return fail(0, "binary file, not a text article")
	}
	if !utf8.Valid(text) {
		return fail(firstInvalidLine(text), "not valid UTF-8 text (save the file as UTF-8)")
	}
	rel, _ := filepath.Rel(src.contentRoot, p)
	f := fileInfo{sitePath: src.sitePath, contentPath: filepath.ToSlash(rel), dirLang: src.dirLang}
	f.base, f.lang, f.ext = splitName(filepath.Base(p), s.Config)
	if f.lang == "" {
		f.lang = src.dirLang
	}
	f.bundle = src.bundle != nil || f.base == "index"
	page, err := buildPage(s.Config, f, text)
	page.Article.TreeKey = pageTreeKey(s.Config.Cascades, f)
	if err != nil {
		var le *LineError
		line := 0
		if errors.As(err, &le) {
			line = le.Line
			err = le.Err
		}
		return fail(line, err.Error())
	}
	if page.Article.Headless {
		return Page{}, &Problem{Path: src.sitePath, Message: "headless bundle (not a page)", Kind: Skipped}
	}
	page.Bundle = src.bundle
	for _, b := range src.bundle {
		page.Article.Resources = append(page.Article.Resources, data.Resource{Name: b.Name, MediaType: mediaType(b.Name)})
	}
	return page, nil
}

func firstInvalidLine(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return line
}

// warnDuplicates reports pages that claim one URL in one language. Hugo lists both and serves
// one; Gazette does the same (the first by source path is served) and tells the owner.
func (s *Site) warnDuplicates() {
	seen := map[string]string{}
	for _, src := range s.Sources {
		key := src.Lang + " " + src.Permalink
		if first, dup := seen[key]; dup {
			s.Problems = append(s.Problems, Problem{Path: src.SourcePath, Kind: Note,
				Message: fmt.Sprintf("same URL %s as %s, which is the one served", src.Permalink, first)})
			continue
		}
		seen[key] = src.SourcePath
	}
}
