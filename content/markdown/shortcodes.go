package markdown

import (
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// maxShortcodeDepth bounds nesting; deeper tags are treated as unpaired so
// that hostile input cannot recurse without limit.
const maxShortcodeDepth = 64

// scNode is a node of the shortcode tree: text, a literal, the summary
// divider, or a shortcode with its inner nodes when it is paired.
type scNode struct {
	kind     pieceKind
	text     string
	tag      scTag
	paired   bool
	inner    string // raw inner source of a paired shortcode
	children []*scNode
}

// noInner lists built-ins that never take inner content; Hugo treats them
// as self-contained, so a stray closing tag for them is dropped.
var noInner = map[string]bool{
	"figure": true, "youtube": true, "vimeo": true, "gist": true, "x": true, "tweet": true,
	"twitter": true, "instagram": true, "ref": true, "relref": true, "param": true,
}

// buildTree pairs opening and closing tags with a stack. Unmatched openers
// become self-contained and their would-be children are hoisted into the
// parent, each node moving at most once, so pairing stays linear.
func buildTree(src string, pieces []piece) []*scNode {
	root := &scNode{}
	stack := []*scNode{root}
	open := map[string]int{}
	for _, p := range pieces {
		top := stack[len(stack)-1]
		if p.kind != pieceTag {
			top.children = append(top.children, &scNode{kind: p.kind, text: p.text})
			continue
		}
		t := p.tag
		if t.closing {
			if open[t.name] == 0 {
				continue // stray closing tag: nothing to close
			}
			k := len(stack) - 1
			for stack[k].tag.name != t.name {
				k--
			}
			match := stack[k]
			for _, n := range stack[k+1:] {
				match.children = append(match.children, n.children...)
				n.children = nil
			}
			for _, n := range stack[k:] {
				open[n.tag.name]--
			}
			match.paired = true
			match.inner = src[match.tag.end:t.start]
			stack = stack[:k]
			continue
		}
		n := &scNode{kind: pieceTag, tag: t}
		top.children = append(top.children, n)
		if !t.selfClosing && !noInner[t.name] && len(stack) <= maxShortcodeDepth {
			stack = append(stack, n)
			open[t.name]++
		}
	}
	for i := len(stack) - 1; i > 0; i-- {
		parent := stack[i-1]
		parent.children = append(parent.children, stack[i].children...)
		stack[i].children = nil
	}
	return root.children
}

// renderState carries one Render call: the placeholder table and what the
// shortcodes reported.
type renderState struct {
	r       *Renderer
	page    Page
	prefix  string
	outputs []output
	unknown map[string]bool
	used    map[string]int // every shortcode called, by name: the import's shortcode report
	broken  []string
	ids     *headingIDs
}

type output struct {
	html  string
	block bool // alone in a paragraph, the <p> around it is dropped
}

// choosePrefix picks a placeholder prefix that does not occur in src, so a
// token can never collide with the author's text.
func choosePrefix(src string) string {
	for n := 0; ; n++ {
		p := "gzsc" + strconv.Itoa(n) + "q"
		if !strings.Contains(src, p) {
			return p
		}
	}
}

// setextUnderline matches text that starts with a line end and then a setext heading underline.
var setextUnderline = regexp.MustCompile(`^\r?\n {0,3}(-+|=+)[ \t]*(\r?\n|$)`)

func (st *renderState) token(html string, block bool) string {
	st.outputs = append(st.outputs, output{html, block})
	return st.prefix + strconv.Itoa(len(st.outputs)-1) + "q"
}

func (st *renderState) moreToken() string { return st.prefix + "moreq" }

// markdownOf turns nodes back into markdown with placeholders for shortcode
// output. Only the top level may hold the summary divider.
func (st *renderState) markdownOf(nodes []*scNode, top bool) string {
	var b strings.Builder
	afterBlock := false
	for _, n := range nodes {
		switch n.kind {
		case pieceText:
			if afterBlock && setextUnderline.MatchString(n.text) {
				// "{{< youtube >}}" over a "---" line would make the embed a heading;
				// a blank line keeps it a block and the line a thematic break.
				b.WriteString("\n")
			}
			b.WriteString(n.text)
		case pieceLiteral:
			b.WriteString(st.token(html.EscapeString(n.text), false))
		case pieceMore:
			if top {
				b.WriteString(st.moreToken())
			}
		case pieceTag:
			h, block := st.shortcode(n)
			b.WriteString(st.token(h, block))
			afterBlock = block
			continue
		}
		afterBlock = false
	}
	return b.String()
}

// unwrapBlockRuns drops the <p> around a paragraph made of block outputs only, one a line
// ("{{< figure >}}" lines under a gallery): a figure may not sit inside a paragraph.
func (st *renderState) unwrapBlockRuns(s string) string {
	var b strings.Builder
	for {
		k := strings.Index(s, "<p>"+st.prefix)
		if k < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := strings.Index(s[k:], "</p>")
		if end < 0 {
			b.WriteString(s)
			return b.String()
		}
		para := s[k+3 : k+end]
		fields := strings.Fields(para)
		allBlock := len(fields) > 1
		for _, f := range fields {
			idx, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(f, st.prefix), "q"))
			if !strings.HasPrefix(f, st.prefix) || !strings.HasSuffix(f, "q") || err != nil || idx < 0 || idx >= len(st.outputs) || !st.outputs[idx].block {
				allBlock = false
				break
			}
		}
		if allBlock {
			b.WriteString(s[:k])
			b.WriteString(strings.Join(fields, "\n"))
		} else {
			b.WriteString(s[:k+end])
		}
		b.WriteString(map[bool]string{true: "", false: "</p>"}[allBlock])
		s = s[k+end+4:]
	}
}

// resolve substitutes placeholders in rendered HTML. A block output alone
// in a paragraph replaces the paragraph, as Hugo does.
func (st *renderState) resolve(s string) string {
	if !strings.Contains(s, st.prefix) {
		return s
	}
	s = st.unwrapBlockRuns(s)
	var b strings.Builder
	for {
		k := strings.Index(s, st.prefix)
		if k < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := k + len(st.prefix)
		d := j
		for d < len(s) && s[d] >= '0' && s[d] <= '9' {
			d++
		}
		idx, err := strconv.Atoi(s[j:d])
		if err != nil || d >= len(s) || s[d] != 'q' || idx >= len(st.outputs) {
			b.WriteString(s[:j])
			s = s[j:]
			continue
		}
		out := st.outputs[idx]
		before, after := s[:k], s[d+1:]
		if out.block && strings.HasSuffix(before, "<p>") && strings.HasPrefix(after, "</p>") {
			before, after = before[:len(before)-3], strings.TrimPrefix(after[4:], "\n")
		}
		b.WriteString(before)
		b.WriteString(out.html)
		s = after
	}
}

// plainResolve substitutes placeholders in text with the plain text of
// their output, for the table of contents.
func (st *renderState) plainResolve(s string) string {
	if !strings.Contains(s, st.prefix) {
		return s
	}
	return collapse(plainText(st.resolve(s)))
}

func (st *renderState) markUnknown(name string) {
	if st.unknown == nil {
		st.unknown = map[string]bool{}
	}
	st.unknown[name] = true
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
