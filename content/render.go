package content

import (
	"path"
	"strings"

	"gazette/content/markdown"
	"gazette/data"
)

// Render renders every page's body and summary. It runs after all pages are read, because
// ref/relref shortcodes link to other pages by their path. Unknown shortcodes and broken refs
// become notes (not failures): the article still imports and reads well.
func (s *Site) Render(r *markdown.Renderer) {
	refs := s.refIndex()
	for i := range s.Pages {
		a := &s.Pages[i].Article
		res, err := r.Render([]byte(a.BodyMarkdown), markdown.Page{
			Params:     lowerKeys(a.FrontMatter).(map[string]any),
			ResolveRef: func(ref string) (string, bool) { return refs.resolve(ref, a) },
			CJK:        s.Config.HasCJKLanguage && isCJK(a.Lang),
		})
		if err != nil {
			s.Problems = append(s.Problems, Problem{Path: a.SourcePath, Message: "render: " + err.Error()})
			continue
		}
		ApplyRendered(a, res, r)
		for _, name := range res.UnknownShortcodes {
			s.Problems = append(s.Problems, Problem{Path: a.SourcePath, Kind: Note, Message: "unknown shortcode {{< " + name + " >}}: its inner text and any image or video it names are kept, the rest is left out"})
		}
		for _, ref := range res.BrokenRefs {
			s.Problems = append(s.Problems, Problem{Path: a.SourcePath, Kind: Note, Message: "ref to " + ref + " not found; kept as text"})
		}
	}
}

// ApplyRendered copies a render result into the article. A front-matter summary wins over the
// automatic one and, as in Hugo, is never "truncated".
func ApplyRendered(a *data.Article, res markdown.Result, r *markdown.Renderer) {
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

// refIndex finds pages the ways Hugo's ref shortcode names them: by content path (with or
// without extension), by file or bundle name, or by URL.
type refIndex map[string]*data.Article

func (s *Site) refIndex() refIndex {
	idx := refIndex{}
	for i := range s.Pages {
		a := &s.Pages[i].Article
		rel := strings.TrimPrefix(a.SourcePath, s.Config.ContentDir+"/")
		if dir := s.Config.Languages[a.Lang].ContentDir; dir != "" {
			rel = strings.TrimPrefix(a.SourcePath, strings.Trim(dir, "/")+"/")
		}
		for _, k := range []string{a.SourcePath, rel, "/" + rel, strings.TrimSuffix(rel, path.Ext(rel)), a.Permalink, strings.TrimSuffix(a.Permalink, "/")} {
			idx.add(a.Lang, k, a)
		}
		if strings.HasPrefix(path.Base(rel), "index.") {
			dir := path.Dir(rel)
			idx.add(a.Lang, dir, a)
			idx.add(a.Lang, "/"+dir, a)
			idx.add(a.Lang, path.Base(dir), a)
		} else {
			idx.add(a.Lang, path.Base(rel), a)
		}
	}
	return idx
}

func (idx refIndex) add(lang, key string, a *data.Article) {
	k := lang + " " + strings.ToLower(key)
	if _, taken := idx[k]; !taken {
		idx[k] = a
	}
}

func (idx refIndex) resolve(ref string, from *data.Article) (string, bool) {
	target, anchor, _ := strings.Cut(strings.TrimSpace(ref), "#")
	if target == "" && anchor != "" {
		return "#" + anchor, true
	}
	a, ok := idx[from.Lang+" "+strings.ToLower(target)]
	if !ok {
		a, ok = idx[from.Lang+" "+strings.ToLower(strings.TrimSuffix(target, "/"))]
	}
	if ok {
		u := EscapePath(a.Permalink)
		if anchor != "" {
			u += "#" + anchor
		}
		return u, true
	}
	return "", false
}
