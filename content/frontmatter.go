package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"
)

// Front-matter formats, as Hugo detects them by the opening delimiter.
const (
	FormatNone = "none"
	FormatYAML = "yaml"
	FormatTOML = "toml"
	FormatJSON = "json"
)

// LineError is a problem at a known line of a file (1-based; 0 when unknown).
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return e.Err.Error()
}

func (e *LineError) Unwrap() error { return e.Err }

// FrontMatter is a decoded front-matter block. Raw keeps the keys as written (stored so nothing is
// lost); Params has every map key lower-cased, as Hugo's .Params does, for lookups.
type FrontMatter struct {
	Format string
	// Text is the block exactly as written, delimiters and line ends included, so a desk edit
	// can change one key and an export can write the rest back untouched.
	Text     string
	Raw      map[string]any
	Params   map[string]any
	BodyLine int // line of the file where the body starts
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// SplitFrontMatter separates the front matter from the body and decodes it. It accepts what Hugo
// accepts: a UTF-8 BOM, blank lines before the opening delimiter, CRLF line ends and trailing
// spaces after delimiters. A file without front matter has an empty FrontMatter and its whole
// text as the body. The block's Text keeps what came before it (a BOM, blank lines), so that
// Text followed by the body is the file as written.
func SplitFrontMatter(src []byte) (FrontMatter, []byte, error) {
	fm, body, err := splitFrontMatter(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))
	if err == nil && bytes.HasSuffix(src, body) {
		fm.Text = string(src[:len(src)-len(body)])
	}
	return fm, body, err
}

func splitFrontMatter(src []byte) (FrontMatter, []byte, error) {
	lines := splitLinesKeepEnds(src)
	first := 0
	for first < len(lines) && len(bytes.TrimSpace(lines[first])) == 0 {
		first++
	}
	empty := FrontMatter{Format: FormatNone, Raw: map[string]any{}, Params: map[string]any{}, BodyLine: 1}
	if first == len(lines) {
		return empty, src, nil
	}
	opening := string(bytes.TrimRight(lines[first], " \t\r\n"))
	var format, closing string
	switch opening {
	case "---":
		format, closing = FormatYAML, "---"
	case "+++":
		format, closing = FormatTOML, "+++"
	default:
		if strings.HasPrefix(opening, "{") {
			return splitJSON(src, lines, first)
		}
		return empty, src, nil
	}
	end := -1
	for i := first + 1; i < len(lines); i++ {
		if string(bytes.TrimRight(lines[i], " \t\r\n")) == closing {
			end = i
			break
		}
	}
	if end < 0 {
		return FrontMatter{}, nil, &LineError{Line: first + 1, Err: fmt.Errorf("front matter opened with %q is never closed", closing)}
	}
	block := bytes.Join(lines[first+1:end], nil)
	raw, err := decodeBlock(format, block)
	if err != nil {
		return FrontMatter{}, nil, &LineError{Line: first + 1 + errorLine(err), Err: fmt.Errorf("%s front matter: %w", strings.ToUpper(format), err)}
	}
	body := bytes.Join(lines[end+1:], nil)
	fm := newFrontMatter(format, raw, end+2)
	fm.Text = string(bytes.Join(lines[first:end+1], nil))
	return fm, body, nil
}

func splitJSON(src []byte, lines [][]byte, first int) (FrontMatter, []byte, error) {
	offset := 0
	for _, l := range lines[:first] {
		offset += len(l)
	}
	dec := json.NewDecoder(bytes.NewReader(src[offset:]))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return FrontMatter{}, nil, &LineError{Line: first + 1, Err: fmt.Errorf("JSON front matter: %w", err)}
	}
	rest := src[offset+int(dec.InputOffset()):]
	consumed := src[:offset+int(dec.InputOffset())]
	rest = bytes.TrimLeft(rest, " \t")
	rest = bytes.TrimPrefix(bytes.TrimPrefix(rest, []byte("\r")), []byte("\n"))
	fm := newFrontMatter(FormatJSON, normalizeJSON(raw).(map[string]any), bytes.Count(consumed, []byte("\n"))+2)
	fm.Text = string(src[offset : len(src)-len(rest)])
	return fm, rest, nil
}

func newFrontMatter(format string, raw map[string]any, bodyLine int) FrontMatter {
	if raw == nil {
		raw = map[string]any{}
	}
	return FrontMatter{Format: format, Raw: raw, Params: lowerKeys(raw).(map[string]any), BodyLine: bodyLine}
}

func decodeBlock(format string, block []byte) (map[string]any, error) {
	switch format {
	case FormatYAML:
		var doc yaml.Node
		if err := yaml.Unmarshal(block, &doc); err != nil {
			return nil, err
		}
		if len(doc.Content) == 0 {
			return map[string]any{}, nil
		}
		budget := yamlBudget{nodes: maxYAMLNodes}
		v, err := budget.value(doc.Content[0], 0)
		if err != nil {
			return nil, err
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, errors.New("front matter is not a map of keys to values")
		}
		return m, nil
	default:
		var m map[string]any
		if err := toml.Unmarshal(block, &m); err != nil {
			var de *toml.DecodeError
			if errors.As(err, &de) {
				row, _ := de.Position()
				return nil, fmt.Errorf("line %d: %s", row, de.Error())
			}
			return nil, err
		}
		return normalizeTOML(m).(map[string]any), nil
	}
}

// Limits on what one front matter may expand to: aliases can make a tiny file describe an
// endless or exponential tree ("billion laughs"), which must be an error, not a crash.
const (
	maxYAMLNodes = 100_000
	maxYAMLDepth = 64
)

type yamlBudget struct{ nodes int }

// value converts a YAML node to plain Go values. Timestamps stay strings so that zone-less
// dates are read in the site's time zone later, exactly like quoted ones (Hugo treats both alike).
func (b *yamlBudget) value(n *yaml.Node, depth int) (any, error) {
	b.nodes--
	if b.nodes < 0 || depth > maxYAMLDepth {
		return nil, fmt.Errorf("line %d: front matter nests or repeats too deeply", n.Line)
	}
	yamlValue := func(c *yaml.Node) (any, error) { return b.value(c, depth+1) }
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return yamlValue(n.Content[0])
	case yaml.AliasNode:
		return yamlValue(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			var key string
			if err := n.Content[i].Decode(&key); err != nil {
				return nil, fmt.Errorf("line %d: key: %w", n.Content[i].Line, err)
			}
			v, err := yamlValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[key] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	default:
		if n.ShortTag() == "!!timestamp" {
			return n.Value, nil
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, fmt.Errorf("line %d: %w", n.Line, err)
		}
		return v, nil
	}
}

// normalizeTOML turns go-toml's local date types into the strings they were written as.
func normalizeTOML(v any) any {
	return mapLeaves(v, func(leaf any) any {
		switch t := leaf.(type) {
		case toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
			return fmt.Sprint(t)
		case time.Time:
			return t.Format(time.RFC3339Nano)
		}
		return leaf
	})
}

// normalizeJSON turns json.Number into int64 or float64.
func normalizeJSON(v any) any {
	return mapLeaves(v, func(leaf any) any {
		n, ok := leaf.(json.Number)
		if !ok {
			return leaf
		}
		if i, err := n.Int64(); err == nil {
			return i
		}
		f, _ := n.Float64()
		return f
	})
}

// mapLeaves replaces, in place, every value below maps and lists by f of it.
func mapLeaves(v any, f func(any) any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = mapLeaves(e, f)
		}
		return t
	case []any:
		for i, e := range t {
			t[i] = mapLeaves(e, f)
		}
		return t
	}
	return f(v)
}

// lowerKeys returns a deep copy with every map key lower-cased (Hugo's keys are case-insensitive).
func lowerKeys(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[strings.ToLower(k)] = lowerKeys(e)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, e := range t {
			s[i] = lowerKeys(e)
		}
		return s
	}
	return v
}

func errorLine(err error) int {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return n
	}
	return 0
}

func splitLinesKeepEnds(b []byte) [][]byte {
	var lines [][]byte
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			lines = append(lines, b)
			break
		}
		lines = append(lines, b[:i+1])
		b = b[i+1:]
	}
	return lines
}
