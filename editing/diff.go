package editing

import (
	"strings"

	"gazette/views"
)

// maxDiffLines bounds the quadratic part of a diff; longer middles are shown as removed and
// added whole rather than costing seconds.
const maxDiffLines = 2000

// LineDiff is a line diff from old to new: the common start and end are trimmed, then the
// middle is compared by longest common subsequence.
func LineDiff(old, new string) []views.DiffLine {
	a, b := strings.Split(old, "\n"), strings.Split(new, "\n")
	var head, tail []views.DiffLine
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		head = append(head, views.DiffLine{Op: "=", Text: a[0]})
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		tail = append([]views.DiffLine{{Op: "=", Text: a[len(a)-1]}}, tail...)
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	out := append(head, middleDiff(a, b)...)
	return append(out, tail...)
}

func middleDiff(a, b []string) []views.DiffLine {
	var out []views.DiffLine
	if len(a) > maxDiffLines || len(b) > maxDiffLines {
		for _, l := range a {
			out = append(out, views.DiffLine{Op: "-", Text: l})
		}
		for _, l := range b {
			out = append(out, views.DiffLine{Op: "+", Text: l})
		}
		return out
	}
	// lcs[i][j] is the common subsequence length of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = append(out, views.DiffLine{Op: "=", Text: a[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, views.DiffLine{Op: "-", Text: a[i]})
			i++
		default:
			out = append(out, views.DiffLine{Op: "+", Text: b[j]})
			j++
		}
	}
	for ; i < len(a); i++ {
		out = append(out, views.DiffLine{Op: "-", Text: a[i]})
	}
	for ; j < len(b); j++ {
		out = append(out, views.DiffLine{Op: "+", Text: b[j]})
	}
	return out
}
