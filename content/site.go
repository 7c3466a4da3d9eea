package content

import (
	"errors"
	"fmt"
	"mime"
	"os"
	"path"
	"path/filepath"
	"strings"

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
	Root   string
	Config SiteConfig
	// Sources are the page files that read well, by source path, each with what links to it
	// (pages.go). An import reads them again one batch at a time (RenderBatches).
	Sources []Source
	// Pages holds every page, unrendered, for LoadSite; ScanSite and ScanFiles
	// leave it empty, so a large site is never in memory at once.
	Pages       []Page
	ListPages   []data.ListPage // home, section, taxonomy and term pages (_index files)
	StaticFiles []StaticFile
	Problems    []Problem

	contentFiles []StaticFile   // content-folder files Hugo copies as they are (content_files.go)
	shortcodes   shortcodeTally // the shortcodes rendered pages called (shortcode_report.go)
}

// LoadSite reads every regular page of the Hugo site at root into Pages. Bad files become
// Problems; the others are still read. Only an unreadable root or configuration is an error.
func LoadSite(root string) (*Site, error) { return loadSite(root, true) }

// ScanSite is LoadSite without keeping the pages: Sources only, for an import that streams.
func ScanSite(root string) (*Site, error) { return loadSite(root, false) }

func loadSite(root string, keepPages bool) (*Site, error) {
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
		s.loadListPages(dir)
	}
	s.Config.Cascades = NewCascades(s.ListPages)
	s.cascadeListPages()
	for _, dir := range s.contentDirs() {
		if err := s.walkContentDir(dir.path, dir.lang); err != nil {
			return nil, err
		}
	}
	s.loadStaticFiles()
	s.Config.SiteFiles = staticFilesIn(s.StaticFiles)
	s.scan(keepPages)
	s.warnDuplicates()
	return s, nil
}

// ScanFiles reads single content files or folders that are not a whole site, with default
// settings (each folder is treated as a content folder), without keeping the pages (see
// ScanSite).
func ScanFiles(paths []string) (*Site, error) {
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
	s.scan(false)
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
