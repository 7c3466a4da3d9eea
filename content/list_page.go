package content

// List pages: a branch bundle's _index file (content/_index.md, content/post/_index.md,
// content/tags/go/_index.es.md) gives the home page, a section, a taxonomy or a term its
// title, description and body, and its `cascade` to the pages below. They are read before the
// articles, so every article is built with the cascades above it.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"gazette/data"
)

// loadListPages reads every _index file of a content folder, walking folders as walkDir does
// (leaf bundles, ignored files and symbolic links are not list pages), and keeps their
// cascades for the articles read after them.
func (s *Site) loadListPages(dir contentDir) {
	filepath.WalkDir(dir.path, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		if d.IsDir() {
			if p != dir.path && (isLeafBundle(p, s.Config) || s.ignored(dir.path, p)) {
				return filepath.SkipDir
			}
			return nil
		}
		base, _, ext := splitName(d.Name(), s.Config)
		if base != "_index" || !contentExts[ext] || s.ignored(dir.path, p) {
			return nil
		}
		s.readListPage(dir, p)
		return nil
	})
}

func isLeafBundle(dir string, cfg SiteConfig) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if base, _, ext := splitName(e.Name(), cfg); e.Type().IsRegular() && base == "index" && contentExts[ext] {
			return true
		}
	}
	return false
}

func (s *Site) readListPage(dir contentDir, p string) {
	src, err := os.ReadFile(p)
	switch {
	case err != nil:
		s.fail(p, 0, fmt.Sprintf("cannot read: %v", err))
		return
	case len(src) > MaxFileSize:
		s.fail(p, 0, fmt.Sprintf("file is %d MB, over the %d MB limit for a page", len(src)>>20, MaxFileSize>>20))
		return
	case bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src):
		s.fail(p, firstInvalidLine(src), "not valid UTF-8 text (save the file as UTF-8)")
		return
	}
	rel, _ := filepath.Rel(dir.path, p)
	f := fileInfo{sitePath: s.relPath(p), contentPath: filepath.ToSlash(rel), dirLang: dir.lang}
	f.base, f.lang, f.ext = splitName(filepath.Base(p), s.Config)
	if f.lang == "" {
		f.lang = dir.lang
	}
	lp, err := buildListPage(s.Config, f, src)
	if err != nil {
		line := 0
		if le, ok := err.(*LineError); ok {
			line, err = le.Line, le.Err
		}
		s.fail(p, line, err.Error())
		return
	}
	s.ListPages = append(s.ListPages, lp)
}

// buildListPage reads a list page's kind and URL from where it sits, as Hugo does: the
// content root is the home page, a top-level folder named after a taxonomy is that taxonomy
// and its sub-folders are terms, any other folder is a section.
func buildListPage(cfg SiteConfig, f fileInfo, src []byte) (data.ListPage, error) {
	fm, body, err := SplitFrontMatter(src)
	if err != nil {
		return data.ListPage{}, err
	}
	dir := path.Dir(f.contentPath)
	if dir == "." {
		dir = ""
	}
	lp := data.ListPage{SourcePath: f.sitePath, Lang: f.lang, Dir: dir, Kind: listKind(cfg, dir),
		FrontMatter: fm.Raw, FrontMatterFmt: fm.Format, FrontMatterText: fm.Text, BodyMarkdown: string(body)}
	applyListParams(cfg, &lp, f.contentPath, fm.Params)
	return lp, nil
}

// applyListParams sets what a list page's front matter and the cascades above it (its own
// included, as in Hugo) say: title, description, weight, draft, URL, and the content hash.
func applyListParams(cfg SiteConfig, lp *data.ListPage, contentPath string, own map[string]any) {
	params := cfg.Cascades.apply(lp.Lang, lp.Dir, "/"+strings.ToLower(contentPath), lp.Kind, own)
	lp.Title, lp.LinkTitle = stringValue(params["title"]), stringValue(params["linktitle"])
	lp.Description, lp.Weight = stringValue(params["description"]), intValue(params["weight"])
	lp.Draft = truthy(params["draft"])
	lp.Permalink = listPermalink(cfg, lp.Lang, lp.Dir, stringValue(params["url"]))
	lp.Menus = menuValue(params["menu"], params["menus"], firstNonEmptyString(lp.LinkTitle, lp.Title), lp.Weight)
	src := lp.FrontMatterText + lp.BodyMarkdown
	sum := sha256.Sum256([]byte(src + "\x00" + lp.Permalink + "\x00" + lp.Lang + "\x00" + cascadeSignature(params, own)))
	lp.ContentHash = hex.EncodeToString(sum[:])
}

// cascadeListPages applies the cascades, once all are read, to the list pages themselves.
func (s *Site) cascadeListPages() {
	for i := range s.ListPages {
		lp := &s.ListPages[i]
		own, _ := lowerKeys(lp.FrontMatter).(map[string]any)
		applyListParams(s.Config, lp, s.Config.fileInfoOf(lp.SourcePath).contentPath, own)
	}
}

func listKind(cfg SiteConfig, dir string) string {
	if dir == "" {
		return data.KindHome
	}
	first, rest, nested := strings.Cut(dir, "/")
	for _, plural := range cfg.Taxonomies {
		if strings.EqualFold(first, plural) {
			switch {
			case !nested:
				return data.KindTaxonomy
			case !strings.Contains(rest, "/"):
				return data.KindTerm
			}
		}
	}
	return data.KindSection
}

// listPermalink is a list's URL: its folder, lower-cased and sanitised like an article's, under
// the language's prefix; a front-matter url replaces the folder.
func listPermalink(cfg SiteConfig, lang, dir, url string) string {
	p := "/" + MakePathSanitized(dir)
	if url != "" {
		p = "/" + strings.Trim(url, "/")
	}
	p = path.Join("/", cfg.LangPrefix(lang), p)
	if p != "/" {
		p += "/"
	}
	return p
}

// renderListPage renders a list page's body with the site's options, as an article's is.
func (p *Pipeline) renderListPage(lp *data.ListPage, resolve func(ref, lang string) (string, bool)) error {
	a := data.Article{SourcePath: lp.SourcePath, Lang: lp.Lang, FrontMatter: lp.FrontMatter, BodyMarkdown: lp.BodyMarkdown}
	if _, err := p.render(&a, resolve); err != nil {
		return fmt.Errorf("render %s: %w", lp.SourcePath, err)
	}
	lp.BodyHTML = a.BodyHTML
	return nil
}

func firstNonEmptyString(list ...string) string {
	for _, s := range list {
		if s != "" {
			return s
		}
	}
	return ""
}
