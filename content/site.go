package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"gazette/data"
)

// MaxFileSize caps one content file; news articles are far smaller, and a 20 MB file is a mistake.
const MaxFileSize = 8 << 20

// contentExts are the file extensions Hugo reads as pages.
var contentExts = map[string]bool{"md": true, "markdown": true, "mdown": true, "html": true, "htm": true}

// Page is one regular page read from a Hugo site: the article to store and the bundle files that
// go with it.
type Page struct {
	Article data.Article
	Bundle  []BundleFile
}

// BundleFile is a file of a leaf bundle, to copy into the data directory.
type BundleFile struct {
	Name    string // path inside the bundle, with forward slashes
	SrcPath string
}

// ProblemKind says how bad a Problem is.
type ProblemKind int

// Failed files were not imported; skipped ones were left out on purpose (ignored, headless);
// notes are about files that were imported (a duplicate URL, an unknown shortcode).
const (
	Failed ProblemKind = iota
	Skipped
	Note
)

// Problem is something to tell the owner about one file.
type Problem struct {
	Path    string // from the site root, with forward slashes
	Line    int
	Message string
	Kind    ProblemKind
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.Path, p.Message)
}

// Site is a Hugo site read from disk.
type Site struct {
	Root        string
	Config      SiteConfig
	Pages       []Page
	StaticFiles []StaticFile
	Problems    []Problem
}

// LoadSite reads every regular page of the Hugo site at root. Bad files become Problems; the
// others are still read. Only an unreadable root or configuration is an error.
func LoadSite(root string) (*Site, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("site root: %w", err)
	}
	cfg, err := LoadSiteConfig(root)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	s := &Site{Root: root, Config: cfg}
	for _, dir := range s.contentDirs() {
		if err := s.walkContentDir(dir.path, dir.lang); err != nil {
			return nil, err
		}
	}
	s.loadStaticFiles()
	s.warnDuplicates()
	return s, nil
}

// LoadFiles reads single content files or folders that are not a whole site, with default
// settings: each folder is treated as a content folder.
func LoadFiles(paths []string) (*Site, error) {
	s := &Site{Config: DefaultSiteConfig()}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("path %s: %w", p, err)
		}
		info, err := os.Stat(abs)
		if err != nil {
			s.Problems = append(s.Problems, Problem{Path: p, Message: fmt.Sprintf("cannot read: %v", errors.Unwrap(err))})
			continue
		}
		if info.IsDir() {
			s.Root = filepath.Dir(abs)
			if err := s.walkContentDir(abs, s.Config.DefaultContentLanguage); err != nil {
				return nil, err
			}
			continue
		}
		s.Root = filepath.Dir(abs)
		s.readPage(filepath.Dir(abs), abs, s.Config.DefaultContentLanguage, nil)
	}
	s.warnDuplicates()
	return s, nil
}

type contentDir struct{ path, lang string }

// contentDirs lists where pages live: one folder per language when languages set contentDir,
// else the site's content folder.
func (s *Site) contentDirs() []contentDir {
	var dirs []contentDir
	for _, code := range s.Config.LanguageCodes() {
		if l := s.Config.Languages[code]; l.ContentDir != "" {
			dirs = append(dirs, contentDir{filepath.Join(s.Root, l.ContentDir), code})
		}
	}
	if len(dirs) == 0 {
		dirs = append(dirs, contentDir{filepath.Join(s.Root, s.Config.ContentDir), s.Config.DefaultContentLanguage})
	}
	return dirs
}

func (s *Site) relPath(p string) string {
	if r, err := filepath.Rel(s.Root, p); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

func (s *Site) skip(p, msg string) {
	s.Problems = append(s.Problems, Problem{Path: s.relPath(p), Message: msg, Kind: Skipped})
}

func (s *Site) fail(p string, line int, msg string) {
	s.Problems = append(s.Problems, Problem{Path: s.relPath(p), Line: line, Message: msg})
}

func (s *Site) ignored(dir, p string) bool {
	rel, _ := filepath.Rel(dir, p)
	rel = filepath.ToSlash(rel)
	for _, re := range s.Config.IgnoreFiles {
		if re.MatchString(rel) || re.MatchString(filepath.ToSlash(p)) {
			return true
		}
	}
	return false
}

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
		if base == "index" && contentExts[ext] {
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
			if !contentExts[ext] || base == "_index" {
				continue // section pages and branch resources are not articles
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

// readPage reads and checks one file, then builds its article.
func (s *Site) readPage(contentRoot, p, dirLang string, bundle []BundleFile) {
	info, err := os.Stat(p)
	if err != nil {
		s.fail(p, 0, fmt.Sprintf("cannot read: %v", err))
		return
	}
	if info.Size() > MaxFileSize {
		s.fail(p, 0, fmt.Sprintf("file is %d MB, over the %d MB limit for an article", info.Size()>>20, MaxFileSize>>20))
		return
	}
	src, err := os.ReadFile(p)
	if err != nil {
		s.fail(p, 0, fmt.Sprintf("cannot read: %v", err))
		return
	}
	if bytes.IndexByte(src, 0) >= 0 {
		s.fail(p, 0, "binary file, not a text article")
		return
	}
	if !utf8.Valid(src) {
		s.fail(p, firstInvalidLine(src), "not valid UTF-8 text (save the file as UTF-8)")
		return
	}
	rel, _ := filepath.Rel(contentRoot, p)
	f := fileInfo{sitePath: s.relPath(p), contentPath: filepath.ToSlash(rel), dirLang: dirLang}
	f.base, f.lang, f.ext = splitName(filepath.Base(p), s.Config)
	if f.lang == "" {
		f.lang = dirLang
	}
	f.bundle = bundle != nil || f.base == "index"
	page, err := buildPage(s.Config, f, src)
	if err != nil {
		var le *LineError
		line := 0
		if errors.As(err, &le) {
			line = le.Line
			err = le.Err
		}
		s.fail(p, line, err.Error())
		return
	}
	if page.Article.Headless {
		s.skip(p, "headless bundle (not a page)")
		return
	}
	page.Bundle = bundle
	for _, b := range bundle {
		page.Article.Resources = append(page.Article.Resources, data.Resource{Name: b.Name, MediaType: mediaType(b.Name)})
	}
	s.Pages = append(s.Pages, page)
}

// MediaType is the content type of a file, by its extension.
func MediaType(name string) string { return mediaType(name) }

func mediaType(name string) string {
	t := mime.TypeByExtension(strings.ToLower(path.Ext(name)))
	if t == "" {
		return "application/octet-stream"
	}
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return t
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
	sort.SliceStable(s.Pages, func(i, j int) bool { return s.Pages[i].Article.SourcePath < s.Pages[j].Article.SourcePath })
	seen := map[string]string{}
	for _, p := range s.Pages {
		key := p.Article.Lang + " " + p.Article.Permalink
		if first, dup := seen[key]; dup {
			s.Problems = append(s.Problems, Problem{Path: p.Article.SourcePath, Kind: Note,
				Message: fmt.Sprintf("same URL %s as %s, which is the one served", p.Article.Permalink, first)})
			continue
		}
		seen[key] = p.Article.SourcePath
	}
}
