// Package markdown renders Hugo article bodies (markdown with shortcodes)
// to sanitised HTML the way Hugo 0.111 with Goldmark does, so imported
// sites look the same and the admin editor previews what readers will see.
package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// defaultSummaryLength is Hugo's summaryLength.
const defaultSummaryLength = 70

// Options configure a Renderer for one site.
type Options struct {
	HardWraps     bool // Hugo markup.goldmark.renderer.hardWraps
	SummaryLength int  // words for the automatic summary; 0 means Hugo's default 70
	// Highlight is the site's [markup.highlight] as a highlight option string
	// ("linenos=true,linenumbersintable=false,linenostart=1"): the defaults of fenced code
	// and the highlight shortcode.
	Highlight string
}

// Page is what shortcodes may need to know about the article being rendered.
type Page struct {
	Params     map[string]any                         // front matter, keys lower-cased (for the `param` shortcode)
	ResolveRef func(ref string) (url string, ok bool) // for ref/relref; nil = every ref unresolved
	CJK        bool                                   // isCJKLanguage: summary counts characters, not words
	// Files lists the URL paths of the site's files directly in a folder ("/img/trip/"), for
	// a theme's `gallery dir=`; nil = none known.
	Files func(dir string) []string
}

// Heading is one entry of an article's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a rendered article body and what was learned while rendering it.
type Result struct {
	HTML              string         // full body, sanitised
	SummaryHTML       string         // manual (<!--more-->) or automatic summary, sanitised
	Truncated         bool           // summary is shorter than the body
	TOC               []Heading      // h2 and h3 headings with their ids, in order
	PlainText         string         // body as plain text (for search indexing), whitespace collapsed
	WordCount         int            // for reading time (CJK characters count as words)
	UnknownShortcodes []string       // names of shortcodes not rendered, sorted unique
	Shortcodes        map[string]int // every shortcode called, by name, with its uses
	BrokenRefs        []string       // ref/relref targets ResolveRef could not find
}

// Renderer renders markdown for one site. It is safe for concurrent use.
type Renderer struct {
	opts      Options
	highlight highlightOptions // opts.Highlight, read
	md        goldmark.Markdown
	policy    *bluemonday.Policy
}

// New returns a Renderer configured like Hugo's Goldmark defaults, except
// that raw HTML is kept (scraped news bodies carry it) and then sanitised.
func New(opts Options) *Renderer {
	if opts.SummaryLength <= 0 {
		opts.SummaryLength = defaultSummaryLength
	}
	highlight := parseHighlightOptions(defaultHighlightOptions, opts.Highlight)
	rendererOpts := []renderer.Option{
		html.WithUnsafe(),
		renderer.WithNodeRenderers(util.Prioritized(codeBlockRenderer{defaults: highlight}, 200)),
	}
	if opts.HardWraps {
		rendererOpts = append(rendererOpts, html.WithHardWraps())
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{opts: opts, highlight: highlight, md: md, policy: newPolicy()}
}

// Render turns an article body into sanitised HTML plus its summary, table
// of contents and search text. It never panics; a failure inside Goldmark
// is returned as an error.
func (r *Renderer) Render(src []byte, page Page) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = Result{}, fmt.Errorf("render markdown: %v", p)
		}
	}()
	body := strings.TrimPrefix(string(src), "\ufeff")
	body = strings.ReplaceAll(body, "\r\n", "\n")
	st := &renderState{r: r, page: page, prefix: choosePrefix(body), ids: newHeadingIDs()}
	st.ids.prefix = st.prefix
	md := st.markdownOf(buildTree(body, lex(body)), true)
	out, headings := r.convert(md, st.ids, true)
	out = st.resolve(out)
	for i := range headings {
		headings[i].Text = st.plainResolve(headings[i].Text)
	}

	res.TOC = headings
	res.UnknownShortcodes = sortedKeys(st.unknown)
	res.Shortcodes = st.used
	res.BrokenRefs = st.broken
	if before, after, ok := splitMore(out, st.moreToken()); ok {
		res.SummaryHTML = r.sanitize(before)
		res.HTML = r.sanitize(before + after)
		res.Truncated = strings.TrimSpace(after) != ""
	} else {
		res.HTML = r.sanitize(out)
		res.SummaryHTML, res.Truncated = autoSummary(res.HTML, r.opts.SummaryLength, page.CJK)
	}
	res.PlainText = collapse(plainText(res.HTML))
	res.WordCount = wordCount(res.PlainText)
	return res, nil
}

// splitMore cuts rendered HTML at the summary divider, dropping the
// paragraph Goldmark wrapped around it.
func splitMore(out, token string) (string, string, bool) {
	if p := "<p>" + token + "</p>\n"; strings.Contains(out, p) {
		before, after, _ := strings.Cut(out, p)
		return before, after, true
	}
	return strings.Cut(out, token)
}

// RenderSummary renders a front-matter `summary:` value: markdown without
// shortcodes, typographer on, a single paragraph NOT wrapped in <p> (Hugo's
// behaviour), sanitised.
func (r *Renderer) RenderSummary(s string) (out string) {
	defer func() {
		if p := recover(); p != nil {
			out = ""
		}
	}()
	return r.sanitize(r.inline(s, newHeadingIDs()))
}

// inline renders markdown and drops the <p> around a lone paragraph, like
// Hugo's markdownify.
func (r *Renderer) inline(s string, ids *headingIDs) string {
	if s == "" {
		return ""
	}
	out, _ := r.convert(s, ids, false)
	out = strings.TrimSpace(out)
	inner, ok := strings.CutPrefix(out, "<p>")
	if ok {
		if inner, ok = strings.CutSuffix(inner, "</p>"); ok && !strings.Contains(inner, "<p>") {
			return inner
		}
	}
	return out
}

// convert runs Goldmark, collecting h2/h3 headings when asked.
func (r *Renderer) convert(md string, ids *headingIDs, toc bool) (string, []Heading) {
	source := []byte(md)
	doc := r.md.Parser().Parse(text.NewReader(source), parser.WithContext(parser.NewContext(parser.WithIDs(ids))))
	var headings []Heading
	if toc {
		headings = collectHeadings(doc, source)
	}
	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, source, doc); err != nil {
		return "", headings
	}
	return buf.String(), headings
}

// sanitize applies the policy; everything Render returns passes through it.
func (r *Renderer) sanitize(s string) string {
	return strings.TrimSpace(r.policy.Sanitize(s))
}
