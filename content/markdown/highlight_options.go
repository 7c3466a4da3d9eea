package markdown

import (
	"strconv"
	"strings"
)

// highlightOptions are the options of Hugo's highlight shortcode that change what a reader
// sees: {{< highlight go "linenos=table,hl_lines=2 4-5,linenostart=10" >}}.
type highlightOptions struct {
	lineNumbers bool
	table       bool
	start       int
	lines       [][2]int // highlighted line ranges, numbered from 1 (before linenostart)
}

// maxHighlightRanges bounds hl_lines: a hostile option string must not cost more than the code.
const maxHighlightRanges = 100

// parseHighlightOptions reads Hugo's comma-separated option string; unknown or malformed
// options are ignored, as Hugo ignores what it cannot use.
func parseHighlightOptions(s string) highlightOptions {
	var opt highlightOptions
	for _, part := range strings.Split(s, ",") {
		key, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		switch key {
		case "linenos":
			switch strings.ToLower(val) {
			case "table":
				opt.lineNumbers, opt.table = true, true
			case "true", "inline":
				opt.lineNumbers, opt.table = true, false
			case "false":
				opt.lineNumbers, opt.table = false, false
			}
		case "linenostart":
			if n, err := strconv.Atoi(val); err == nil && n > 0 && n < 1_000_000 {
				opt.start = n
			}
		case "hl_lines":
			opt.lines = parseLineRanges(strings.Trim(val, `"'[]`))
		}
	}
	return opt
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
