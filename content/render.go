package content

import (
	"path"
	"strings"

	"gazette/content/markdown"
	"gazette/data"
)

// Render renders every page in Pages (LoadSite's). It runs after all pages are read, because
// ref/relref shortcodes link to other pages by their path. Unknown shortcodes and broken refs
// become notes (not failures): the article still imports and reads well.
func (s *Site) Render() {
	pl := NewPipeline(s.Config)
	refs := s.lazyRefIndex()
	for i := range s.Pages {
		problems, _ := renderPage(pl, refs, &s.Pages[i].Article, &s.shortcodes)
		s.Problems = append(s.Problems, problems...)
	}
	s.renderListPages(pl, refs)
}

// RenderListPages renders the list pages (_index files) only: an import that streams its
// articles (RenderBatches) renders these on their own.
func (s *Site) RenderListPages() { s.renderListPages(NewPipeline(s.Config), s.lazyRefIndex()) }

func (s *Site) renderListPages(pl *Pipeline, refs *lazyRefIndex) {
	for i := range s.ListPages {
		if err := pl.renderListPage(&s.ListPages[i], refs.resolve); err != nil {
			s.Problems = append(s.Problems, Problem{Path: s.ListPages[i].SourcePath, Message: err.Error()})
		}
	}
}

// renderPage renders one article; ok is false when it could not be rendered at all.
func renderPage(pl *Pipeline, refs *lazyRefIndex, a *data.Article, tally *shortcodeTally) (problems []Problem, ok bool) {
	res, err := pl.render(a, refs.resolve)
	if err != nil {
		return []Problem{{Path: a.SourcePath, Message: "render: " + err.Error()}}, false
	}
	tally.add(res.Shortcodes)
	for _, name := range res.UnknownShortcodes {
		problems = append(problems, Problem{Path: a.SourcePath, Kind: Note, Message: "unknown shortcode {{< " + name + " >}}: shown in the generic form (inner content, text parameters, a picture or video named in src), the rest is left out"})
	}
	for _, ref := range res.BrokenRefs {
		problems = append(problems, Problem{Path: a.SourcePath, Kind: Note, Message: "ref to " + ref + " not found; kept as text"})
	}
	return problems, true
}

// applyRendered copies a render result into the article. A front-matter summary wins over the
// automatic one and, as in Hugo, is never "truncated".
func applyRendered(a *data.Article, res markdown.Result, r *markdown.Renderer) {
	a.BodyHTML = res.HTML
	a.SummaryHTML, a.Truncated = res.SummaryHTML, res.Truncated
	if strings.TrimSpace(a.Summary) != "" && !strings.Contains(a.BodyMarkdown, "<!--more-->") {
		a.SummaryHTML, a.Truncated = r.RenderSummary(a.Summary), false
	}
	a.TOCHeadings = a.TOCHeadings[:0]
	for _, h := range res.TOC {
		a.TOCHeadings = append(a.TOCHeadings, data.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
	}
	a.PlainText, a.WordCount = res.PlainText, res.WordCount
}

func isCJK(lang string) bool {
	switch strings.SplitN(lang, "-", 2)[0] {
	case "zh", "ja", "ko":
		return true
	}
	return false
}

// RefIndex finds pages the ways Hugo's ref shortcode names them: by content path (with or
// without extension), by file or bundle name, or by URL. Keys are per language; the first page
// to claim a name keeps it.
type RefIndex map[string]string

// NewRefIndex indexes articles (in source-path order, as an import reads them) for ref/relref.
func NewRefIndex(cfg SiteConfig, paths []data.ArticlePath) RefIndex {
	idx := RefIndex{}
	for _, a := range paths {
		rel := cfg.fileInfoOf(a.SourcePath).contentPath
		for _, k := range []string{a.SourcePath, rel, "/" + rel, strings.TrimSuffix(rel, path.Ext(rel)), a.Permalink, strings.TrimSuffix(a.Permalink, "/")} {
			idx.add(a.Lang, k, a.Permalink)
		}
		if strings.HasPrefix(path.Base(rel), "index.") {
			dir := path.Dir(rel)
			idx.add(a.Lang, dir, a.Permalink)
			idx.add(a.Lang, "/"+dir, a.Permalink)
			idx.add(a.Lang, path.Base(dir), a.Permalink)
		} else {
			idx.add(a.Lang, path.Base(rel), a.Permalink)
		}
	}
	return idx
}

func (idx RefIndex) add(lang, key, permalink string) {
	k := lang + " " + strings.ToLower(key)
	if _, taken := idx[k]; !taken {
		idx[k] = permalink
	}
}

func (idx RefIndex) resolve(ref, lang string) (string, bool) {
	target, anchor, _ := strings.Cut(strings.TrimSpace(ref), "#")
	if target == "" && anchor != "" {
		return "#" + anchor, true
	}
	p, ok := idx[lang+" "+strings.ToLower(target)]
	if !ok {
		p, ok = idx[lang+" "+strings.ToLower(strings.TrimSuffix(target, "/"))]
	}
	if ok {
		u := EscapePath(p)
		if anchor != "" {
			u += "#" + anchor
		}
		return u, true
	}
	return "", false
}
