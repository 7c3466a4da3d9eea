package content

import (
	"path"
	"strings"

	"gazette/content/markdown"
	"gazette/data"
)

// Pipeline is the one way an article is made: a file's front matter and body in, a stored
// article with its rendered HTML out, under one site's settings (typed once, in SiteConfig).
// Import, the desk's save and preview, the demo and the tests all go through it, so an article
// reads the same however it arrived and however often it is saved.
type Pipeline struct {
	cfg      SiteConfig
	renderer *markdown.Renderer
}

// NewPipeline makes the pipeline of a site, with the render options its configuration sets.
func NewPipeline(cfg SiteConfig) *Pipeline {
	return &Pipeline{cfg: cfg, renderer: markdown.New(markdown.Options{HardWraps: cfg.HardWraps, SummaryLength: cfg.SummaryLength, Highlight: cfg.Highlight})}
}

// Config is the site configuration the pipeline applies.
func (p *Pipeline) Config() SiteConfig { return p.cfg }

// Article reads one article file, front matter and body, as if it sat at sitePath in the site
// ("content/post/a.md"): Hugo's rules for language, section, dates, URLs and taxonomies. The
// body is not rendered yet; Render does that once every URL is known. Bad front matter is a
// *LineError.
func (p *Pipeline) Article(sitePath string, text []byte) (data.Article, error) {
	f := p.cfg.fileInfoOf(sitePath)
	page, err := buildPage(p.cfg, f, text)
	page.Article.TreeKey = pageTreeKey(p.cfg.Cascades, f)
	return page.Article, err
}

// Render renders an article's body and summary, with its front matter as the `param`
// shortcode's .Params (keys lower-cased, as Hugo's are) and ref/relref resolved by refs. The
// result names what could not be rendered (unknown shortcodes, broken refs) for the caller to
// report.
func (p *Pipeline) Render(a *data.Article, refs RefIndex) (markdown.Result, error) {
	return p.render(a, refs.resolve)
}

// render is Render with any way to resolve a ref in a language.
func (p *Pipeline) render(a *data.Article, resolve func(ref, lang string) (string, bool)) (markdown.Result, error) {
	res, err := p.renderer.Render([]byte(a.BodyMarkdown), markdown.Page{
		Params:     lowerKeys(a.FrontMatter).(map[string]any),
		ResolveRef: func(ref string) (string, bool) { return resolve(ref, a.Lang) },
		CJK:        p.cfg.HasCJKLanguage && isCJK(a.Lang),
		Files:      p.cfg.SiteFiles,
	})
	if err != nil {
		return res, err
	}
	applyRendered(a, res, p.renderer)
	return res, nil
}

// fileInfoOf is what a source path says about a page, as the folder walk reads it: the
// content folder it sits in (and that folder's language), its name, language and extension.
// A path outside every content folder (an article written in the desk) is its own content path.
func (c SiteConfig) fileInfoOf(sitePath string) fileInfo {
	f := fileInfo{sitePath: sitePath, contentPath: sitePath, dirLang: c.DefaultContentLanguage}
	dirs := c.contentDirsByLang()
	for _, d := range dirs {
		if rel, ok := strings.CutPrefix(sitePath, d.path+"/"); ok {
			f.contentPath, f.dirLang = rel, d.lang
			break
		}
	}
	f.base, f.lang, f.ext = splitName(path.Base(sitePath), c)
	if f.lang == "" {
		f.lang = f.dirLang
	}
	f.bundle = f.base == "index"
	return f
}

// contentDirsByLang are the site's content folders relative to its root, with their language:
// one per language that names a contentDir, else the site's content folder.
func (c SiteConfig) contentDirsByLang() []contentDir {
	var dirs []contentDir
	for _, code := range c.LanguageCodes() {
		if d := c.Languages[code].ContentDir; d != "" {
			dirs = append(dirs, contentDir{path.Clean(strings.ReplaceAll(d, "\\", "/")), code})
		}
	}
	if len(dirs) == 0 {
		dirs = append(dirs, contentDir{path.Clean(c.ContentDir), c.DefaultContentLanguage})
	}
	return dirs
}
