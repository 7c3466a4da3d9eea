package markdown

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// headingIDs generates GitHub-style heading ids the way Hugo's "github"
// autoHeadingIDType does: lower-case letters, digits and '_' kept, spaces
// and '-' become '-', everything else dropped; duplicates get -1, -2...
// prefix is the render's placeholder prefix: shortcode placeholders in a heading's text are
// left out of its id, so the id never carries the shortcode's HTML.
type headingIDs struct {
	used   map[string]bool
	prefix string
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

// Generate implements parser.IDs.
func (ids *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	value = bytes.TrimSpace(stripTokens(value, ids.prefix))
	for len(value) > 0 {
		r, size := utf8.DecodeRune(value)
		switch {
		case r == '-' || unicode.IsSpace(r):
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
		value = value[size:]
	}
	id := b.String()
	if id == "" {
		id = "heading"
	}
	if ids.used[id] {
		for i := 1; ; i++ {
			if c := id + "-" + strconv.Itoa(i); !ids.used[c] {
				id = c
				break
			}
		}
	}
	ids.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs, reserving ids written as {#id}.
func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }

// collectHeadings returns the h2 and h3 headings of a document in order.
func collectHeadings(doc ast.Node, source []byte) []Heading {
	var out []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if h.Level == 2 || h.Level == 3 {
			id := ""
			if v, ok := h.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					id = string(b)
				}
			}
			out = append(out, Heading{Level: h.Level, ID: id, Text: collapse(html.UnescapeString(nodeText(h, source)))})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// nodeText is the visible text of an inline tree (typographer output is
// stored as entities, unescaped by the caller).
func nodeText(n ast.Node, source []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(source))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(source))
		case *ast.RawHTML:
		default:
			b.WriteString(nodeText(c, source))
		}
	}
	return b.String()
}

// stripTokens removes placeholders (prefix, digits or "more", then 'q') from text.
func stripTokens(value []byte, prefix string) []byte {
	if prefix == "" || !bytes.Contains(value, []byte(prefix)) {
		return value
	}
	var out []byte
	for {
		k := bytes.Index(value, []byte(prefix))
		if k < 0 {
			return append(out, value...)
		}
		out = append(out, value[:k]...)
		rest := value[k+len(prefix):]
		rest = bytes.TrimPrefix(rest, []byte("more"))
		rest = bytes.TrimLeft(rest, "0123456789")
		value = bytes.TrimPrefix(rest, []byte("q"))
	}
}
