package content

import (
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// tomlTableHeader is a line that opens a [table] or [[array of tables]].
var tomlTableHeader = regexp.MustCompile(`^\s*\[\[?\s*[A-Za-z0-9_.\-"' ]+\]\]?\s*(#.*)?$`)

// tomlKeyLine finds a top-level key at the start of a line, bare or quoted.
var tomlKeyLine = regexp.MustCompile(`^\s*["']?([A-Za-z0-9_\-]+)["']?\s*=`)

// editTOMLLines edits top-level keys of a TOML block line by line, so every other line (order,
// comments, tables) stays as written. ok is false when an edit needs more than one line (a
// table value, a multi-line array) or the result would not read back as the edits mean; the
// caller then writes the whole block again.
func editTOMLLines(text string, edits []Edit) (string, bool) {
	lines := strings.SplitAfter(text, "\n")
	if len(lines) < 2 || strings.TrimRight(lines[0], " \t\r\n") != "+++" {
		return "", false
	}
	closing := -1
	for i := len(lines) - 1; i > 0; i-- {
		if strings.TrimRight(lines[i], " \t\r\n") == "+++" {
			closing = i
			break
		}
	}
	if closing < 0 {
		return "", false
	}
	body := append([]string{}, lines[1:closing]...)
	for _, e := range edits {
		var ok bool
		if body, ok = editTOMLKey(body, e); !ok {
			return "", false
		}
	}
	out := lines[0] + strings.Join(body, "") + strings.Join(lines[closing:], "")
	if !readsBackAs(out, text, edits) {
		return "", false
	}
	return out, true
}

func editTOMLKey(body []string, e Edit) ([]string, bool) {
	top := len(body)
	for i, l := range body {
		if tomlTableHeader.MatchString(l) {
			top = i
			break
		}
	}
	var line string
	if !e.Delete {
		b, err := toml.Marshal(map[string]any{e.Keys[0]: e.Value})
		if err != nil || strings.Count(string(b), "\n") != 1 {
			return nil, false
		}
		line = string(b)
	}
	done := false
	out := make([]string, 0, len(body)+1)
	for i, l := range body {
		m := tomlKeyLine.FindStringSubmatch(l)
		if i >= top || m == nil || !matchesAny(m[1], e.Keys) {
			out = append(out, l)
			continue
		}
		var probe map[string]any
		if toml.Unmarshal([]byte(l), &probe) != nil {
			return nil, false // the value goes on over more lines
		}
		if e.Delete || done {
			continue
		}
		// Keep the key as the author spelled it.
		keyEnd := strings.Index(l, "=")
		out = append(out, l[:keyEnd]+"="+strings.SplitN(line, "=", 2)[1])
		done = true
	}
	if !e.Delete && !done {
		at := top - (len(body) - len(out))
		out = append(out[:at], append([]string{line}, out[at:]...)...)
	}
	return out, true
}
