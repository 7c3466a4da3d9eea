package markdown

import (
	"html"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// maxHighlightBytes leaves huge code blocks unhighlighted: lexing them
// costs more than the colours are worth.
const maxHighlightBytes = 1 << 20

// Chroma styles for HighlightCSS: GitHub's, as most themes pair with it.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// codeBlockRenderer renders fenced code through highlightCodeWith so fenced blocks and the
// highlight shortcode look the same; defaults are the site's [markup.highlight] options.
type codeBlockRenderer struct{ defaults highlightOptions }

// RegisterFuncs implements renderer.NodeRenderer.
func (c codeBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		block := n.(*ast.FencedCodeBlock)
		var code strings.Builder
		lines := block.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			code.Write(seg.Value(source))
		}
		info := ""
		if block.Info != nil {
			info = string(block.Info.Segment.Value(source))
		}
		lang, opt := fenceOptions(info, c.defaults)
		_, err := w.WriteString(highlightCodeWith(code.String(), lang, opt))
		return ast.WalkSkipChildren, err
	})
}

// highlightCodeWith renders code the way Hugo does with noClasses=false (a div.highlight
// around chroma's classed spans; Gazette always writes classes, which its stylesheet colours,
// so noClasses and style change nothing here), with the highlight options: line numbers
// (inline or in a table, from a start number) and highlighted lines, as chroma writes them
// for Hugo. Unknown languages get a plain <pre><code>.
func highlightCodeWith(code, lang string, opt highlightOptions) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	var lexer chroma.Lexer
	if lang != "" && len(code) <= maxHighlightBytes {
		relaxLexerTimeouts()
		lexer = lexers.Get(lang)
	}
	if lexer == nil {
		return plainCode(code, lang)
	}
	it, err := tokenise(lexer, code)
	if err != nil {
		return plainCode(code, lang)
	}
	var b strings.Builder
	l := html.EscapeString(lang)
	// hl_lines count from the block's first line; chroma counts from linenostart. The ranges
	// may be the site's defaults, shared by every block: shift a copy.
	opt.lines = slices.Clone(opt.lines)
	for i := range opt.lines {
		opt.lines[i][0] += max(opt.start, 1) - 1
		opt.lines[i][1] += max(opt.start, 1) - 1
	}
	formatting := []chromahtml.Option{chromahtml.WithClasses(true), chromahtml.WithLineNumbers(opt.lineNumbers),
		chromahtml.LineNumbersInTable(opt.table), chromahtml.BaseLineNumber(max(opt.start, 1)), chromahtml.HighlightLines(opt.lines)}
	if opt.lineNumbers {
		// Hugo's own <pre> wrapper: chroma then writes each line (and the numbers, inline or
		// in a table of their own) as Hugo's pages have them.
		b.WriteString(`<div class="highlight">`)
		f := chromahtml.New(append(formatting, chromahtml.WithPreWrapper(hugoPreWrapper{lang: l}))...)
		if err := f.Format(&b, styles.Get(lightStyle), it); err != nil {
			return plainCode(code, lang)
		}
		b.WriteString("</div>\n")
		return b.String()
	}
	b.WriteString(`<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-` + l + `" data-lang="` + l + `">`)
	f := chromahtml.New(append(formatting, chromahtml.PreventSurroundingPre(true))...)
	if err := f.Format(&b, styles.Get(lightStyle), it); err != nil {
		return plainCode(code, lang)
	}
	b.WriteString("</code></pre></div>\n")
	return b.String()
}

// hugoPreWrapper writes the <pre><code> around highlighted code as Hugo 0.111 does.
type hugoPreWrapper struct{ lang string }

func (w hugoPreWrapper) Start(code bool, _ string) string {
	if code {
		return `<pre tabindex="0" class="chroma"><code class="language-` + w.lang + `" data-lang="` + w.lang + `">`
	}
	return `<pre tabindex="0" class="chroma"><code>`
}

func (hugoPreWrapper) End(bool) string { return "</code></pre>" }

// tokenise lexes code, again when the result holds Error tokens, at most three times: a rule
// whose match timed out leaves Error tokens where a quiet run finds none. relaxLexerTimeouts
// makes that all but impossible; this stays as the second line.
func tokenise(lexer chroma.Lexer, code string) (chroma.Iterator, error) {
	var tokens []chroma.Token
	for range 3 {
		it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
		if err != nil {
			return nil, err
		}
		if tokens = it.Tokens(); !slices.ContainsFunc(tokens, func(t chroma.Token) bool { return t.Type == chroma.Error }) {
			break
		}
	}
	return chroma.Literator(tokens...), nil
}

func plainCode(code, lang string) string {
	class := ""
	if lang != "" {
		class = ` class="language-` + html.EscapeString(lang) + `"`
	}
	return "<pre><code" + class + ">" + html.EscapeString(code) + "</code></pre>\n"
}

// HighlightCSS returns the chroma stylesheet for the classes Render emits:
// a light style, and a dark one wrapped in @media (prefers-color-scheme: dark).
func HighlightCSS() string {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var b strings.Builder
	_ = f.WriteCSS(&b, styles.Get(lightStyle))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get(darkStyle))
	b.WriteString("}\n")
	return b.String()
}
