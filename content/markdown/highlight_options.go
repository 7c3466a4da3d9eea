package markdown

import (
	"strconv"
	"strings"
)

// highlightOptions are the options of Hugo's highlight shortcode that change what a reader
// sees: {{< highlight go "linenos=table,hl_lines=2 4-5,linenostart=10" >}}. The site's
// [markup.highlight] gives their defaults (Options.Highlight), and fenced code takes them
// too, in braces after the language (```go {linenos=false}).
type highlightOptions struct {
	lineNumbers bool
	table       bool // where lineNumbers: in a table of their own (Hugo's default), not inline
	start       int
	lines       [][2]int // highlighted line ranges, numbered from 1 (before linenostart)
}

// defaultHighlightOptions are Hugo 0.111's: no line numbers, but a table when asked for them.
var defaultHighlightOptions = highlightOptions{table: true}

// maxHighlightRanges bounds hl_lines: a hostile option string must not cost more than the code.
const maxHighlightRanges = 100

// parseHighlightOptions reads Hugo's comma-separated option string over the defaults opt;
// unknown or malformed options are ignored, as Hugo ignores what it cannot use.
func parseHighlightOptions(opt highlightOptions, s string) highlightOptions {
	for _, part := range splitOptions(s) {
		key, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.Trim(strings.TrimSpace(val), `"'`)
		switch key {
		case "linenos":
			switch strings.ToLower(val) {
			case "table":
				opt.lineNumbers, opt.table = true, true
			case "inline":
				opt.lineNumbers, opt.table = true, false
			case "true":
				// A table or not as the site's lineNumbersInTable says.
				opt.lineNumbers = true
			case "false":
				opt.lineNumbers = false
			}
		case "linenumbersintable":
			switch strings.ToLower(val) {
			case "true":
				opt.table = true
			case "false":
				opt.table = false
			}
		case "linenostart":
			if n, err := strconv.Atoi(val); err == nil && n > 0 && n < 1_000_000 {
				opt.start = n
			}
		case "hl_lines":
			opt.lines = parseLineRanges(strings.NewReplacer("[", " ", "]", " ", ",", " ", `"`, " ", "'", " ").Replace(val))
		}
	}
	return opt
}

// splitOptions splits an option string at commas, and at spaces between options as a fenced
// block's attributes are written ({linenos=table hl_lines=[2,"4-5"]}), never inside brackets
// or quotes, nor in a space-separated hl_lines value ("hl_lines=2 4-5").
func splitOptions(s string) []string {
	var parts []string
	depth, quote, start := 0, rune(0), 0
	for i, c := range s {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth = max(depth-1, 0)
		case depth == 0 && (c == ',' || c == ' ' && startsOption(s[i+1:])):
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// startsOption reports whether s begins with "name=": a space before it ends the last option.
func startsOption(s string) bool {
	s = strings.TrimLeft(s, " ")
	for i, c := range s {
		switch {
		case c == '=':
			return i > 0
		case c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z'):
			return false
		}
	}
	return false
}

// fenceOptions reads a fenced block's info string ("go {linenos=table}") into its language and
// its highlight options over the defaults.
func fenceOptions(info string, defaults highlightOptions) (string, highlightOptions) {
	lang, rest, _ := strings.Cut(strings.TrimSpace(info), " ")
	if i := strings.IndexByte(lang, '{'); i >= 0 {
		lang, rest = lang[:i], lang[i:]+" "+rest
	}
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "{") && strings.HasSuffix(rest, "}") {
		return lang, parseHighlightOptions(defaults, rest[1:len(rest)-1])
	}
	return lang, defaults
}

// parseLineRanges reads "2 4-5" into line ranges.
func parseLineRanges(s string) [][2]int {
	var out [][2]int
	for _, f := range strings.Fields(s) {
		if len(out) == maxHighlightRanges {
			break
		}
		from, to, isRange := strings.Cut(f, "-")
		a, err := strconv.Atoi(from)
		if err != nil || a < 1 {
			continue
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(to); err != nil || b < a {
				continue
			}
		}
		out = append(out, [2]int{a, b})
	}
	return out
}
