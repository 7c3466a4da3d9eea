package markdown

import (
	"regexp"
	"strings"
)

// pieceKind tells what a lexed piece of an article body is.
type pieceKind int

const (
	pieceText    pieceKind = iota // markdown, passed through untouched
	pieceLiteral                  // an escaped shortcode, shown as text
	pieceTag                      // a shortcode tag
	pieceMore                     // the <!--more--> summary divider
)

// piece is one lexed unit of an article body.
type piece struct {
	kind pieceKind
	text string
	tag  scTag
}

// scTag is one parsed shortcode tag such as {{< figure src="a.png" >}}.
type scTag struct {
	name        string
	pos         []string
	named       map[string]string
	closing     bool
	selfClosing bool
	markdown    bool // {{% %}}: Hugo renders the inner content as markdown
	start, end  int  // byte offsets of the tag in the source
}

// maxCodeSpanRun bounds the backtick runs treated as code span openers, so
// the search for closers stays linear on hostile input.
const maxCodeSpanRun = 32

var moreDivider = regexp.MustCompile(`^<!--\s*more\s*-->`)

// lexer splits a body into prose, code and shortcode pieces. Code (fenced
// blocks and inline spans) is copied literally: Hugo would run shortcodes
// there too, but keeping them literal is what people documenting shortcodes
// want, and only the escaped form {{</* */>}} is unescaped in code.
type lexer struct {
	src      string
	pieces   []piece
	moreSeen bool
	spans    spanFinder
	text     strings.Builder // pending text, joined without quadratic copying
}

func lex(src string) []piece {
	lx := &lexer{src: src, spans: spanFinder{src: src}}
	pos := 0
	for _, r := range fencedRegions(src) {
		lx.prose(pos, r[0])
		lx.addText(unescapeLiterals(src[r[0]:r[1]]))
		pos = r[1]
	}
	lx.prose(pos, len(src))
	lx.flush()
	return lx.pieces
}

func (lx *lexer) addText(s string) { lx.text.WriteString(s) }

// add appends a non-text piece after any pending text.
func (lx *lexer) add(p piece) {
	lx.flush()
	lx.pieces = append(lx.pieces, p)
}

func (lx *lexer) flush() {
	if lx.text.Len() > 0 {
		lx.pieces = append(lx.pieces, piece{kind: pieceText, text: lx.text.String()})
		lx.text.Reset()
	}
}

// prose lexes src[from:to], which holds no fenced code.
func (lx *lexer) prose(from, to int) {
	src := lx.src
	textStart, i := from, from
	for i < to {
		k := strings.IndexAny(src[i:to], "{`<")
		if k < 0 {
			break
		}
		i += k
		switch src[i] {
		case '{':
			if lit, end, ok := parseEscaped(src, i, to); ok {
				lx.addText(src[textStart:i])
				lx.add(piece{kind: pieceLiteral, text: lit})
				i, textStart = end, end
				continue
			}
			if tag, ok := parseTag(src, i, to); ok {
				lx.addText(src[textStart:i])
				lx.add(piece{kind: pieceTag, tag: tag})
				i, textStart = tag.end, tag.end
				continue
			}
			i++
		case '`':
			n := runLength(src, i, to, '`')
			if i > 0 && src[i-1] == '\\' || n > maxCodeSpanRun {
				i += n
				continue
			}
			q := lx.spans.closer(i+n, n, to)
			if q < 0 {
				i += n
				continue
			}
			lx.addText(src[textStart:i])
			lx.addText(unescapeLiterals(src[i : q+n]))
			i, textStart = q+n, q+n
		case '<':
			if m := moreDivider.FindString(src[i:min(to, i+64)]); m != "" && !lx.moreSeen {
				lx.moreSeen = true
				lx.addText(src[textStart:i])
				lx.add(piece{kind: pieceMore})
				i, textStart = i+len(m), i+len(m)
				continue
			}
			i++
		}
	}
	lx.addText(src[textStart:to])
}

func runLength(s string, i, to int, c byte) int {
	n := 0
	for i+n < to && s[i+n] == c {
		n++
	}
	return n
}

// spanFinder finds the backtick run closing an inline code span. It caches
// per run length how far it has already searched, so a paragraph full of
// unmatched backticks is scanned a bounded number of times.
type spanFinder struct {
	src     string
	found   [maxCodeSpanRun + 1]int // position of the last closer found
	scanned [maxCodeSpanRun + 1]int // everything before this holds no closer
	paraEnd int
}

// closer returns the start of the next run of exactly n backticks at or
// after from, within the same paragraph, or -1.
func (f *spanFinder) closer(from, n, to int) int {
	if f.paraEnd <= from {
		f.paraEnd = paragraphEnd(f.src, from, to)
	}
	end := min(f.paraEnd, to)
	if q := f.found[n]; q >= from && q < end && f.scanned[n] > from {
		return q
	}
	i := max(from, f.scanned[n])
	for i < end {
		k := strings.IndexByte(f.src[i:end], '`')
		if k < 0 {
			break
		}
		i += k
		m := runLength(f.src, i, end, '`')
		if m == n {
			f.found[n], f.scanned[n] = i, i+1
			return i
		}
		i += m
	}
	f.scanned[n] = end
	return -1
}

// paragraphEnd returns the offset of the next blank line after from.
func paragraphEnd(s string, from, to int) int {
	i := from
	for i < to {
		k := strings.IndexByte(s[i:to], '\n')
		if k < 0 {
			return to
		}
		j := i + k + 1
		l := j
		for l < to && (s[l] == ' ' || s[l] == '\t') {
			l++
		}
		if l >= to || s[l] == '\n' {
			return j
		}
		i = j
	}
	return to
}

// fencedRegions returns [start, end) byte ranges of fenced code blocks,
// fences included. Indented fences count too, as found in list items.
func fencedRegions(src string) [][2]int {
	var regions [][2]int
	var fence byte
	fenceLen, start := 0, 0
	for pos := 0; pos < len(src); {
		nl := strings.IndexByte(src[pos:], '\n')
		lineEnd := len(src)
		if nl >= 0 {
			lineEnd = pos + nl + 1
		}
		line := strings.TrimLeft(src[pos:lineEnd], " \t")
		switch {
		case fence == 0 && (strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~")):
			c := line[0]
			n := runLength(line, 0, len(line), c)
			if c == '`' && strings.IndexByte(line[n:], '`') >= 0 {
				break // not a fence: backtick info strings cannot hold backticks
			}
			fence, fenceLen, start = c, n, pos
		case fence != 0 && len(line) > 0 && line[0] == fence:
			n := runLength(line, 0, len(line), fence)
			if n >= fenceLen && strings.TrimSpace(line[n:]) == "" {
				regions = append(regions, [2]int{start, lineEnd})
				fence = 0
			}
		}
		pos = lineEnd
	}
	if fence != 0 {
		regions = append(regions, [2]int{start, len(src)})
	}
	return regions
}

// unescapeLiterals turns {{</* x */>}} into {{< x >}} inside code, where
// the result is escaped by the code renderer.
var literalReplacer = strings.NewReplacer("{{</*", "{{<", "*/>}}", ">}}", "{{%/*", "{{%", "*/%}}", "%}}")

func unescapeLiterals(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	return literalReplacer.Replace(s)
}
