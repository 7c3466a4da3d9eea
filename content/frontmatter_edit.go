package content

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"
)

// Edit is one change to a front matter: set Keys[0] (or whichever of Keys the block already
// has, matched without case, as Hugo matches them) to Value, or delete every one of Keys.
type Edit struct {
	Keys   []string
	Value  any // string, bool, int, []string or map[string]any
	Delete bool
}

// EditFrontMatter applies edits to a front matter block as written (text, delimiters
// included) and returns the new block. Keys no edit names are kept as they were. YAML keeps
// key order, comments and quoting of what it does not touch; TOML and JSON keep every key and
// value; TOML edits top-level keys in place (else, and JSON always, the block is written out
// again in the encoder's order). An empty text starts a YAML block
// from data (an article known only as data) or from nothing. No edits, no change.
func EditFrontMatter(text, format string, data map[string]any, edits []Edit) (string, error) {
	if len(edits) == 0 && (text != "" || len(data) == 0) {
		return text, nil
	}
	lead, text := splitLead(text)
	out, err := editFrontMatter(text, format, data, edits)
	return lead + out, err
}

// splitLead separates what Hugo skips before a front matter block (a BOM, blank lines) from
// the block, so an edit keeps it as written.
func splitLead(text string) (lead, block string) {
	i := len(text) - len(strings.TrimPrefix(text, "\ufeff"))
	for {
		end := strings.IndexByte(text[i:], '\n')
		if end < 0 || strings.TrimSpace(text[i:i+end]) != "" {
			return text[:i], text[i:]
		}
		i += end + 1
	}
}

func editFrontMatter(text, format string, data map[string]any, edits []Edit) (string, error) {
	if text == "" {
		format = FormatYAML
		if len(data) > 0 {
			b, err := yaml.Marshal(data)
			if err != nil {
				return "", fmt.Errorf("front matter: %w", err)
			}
			text = "---\n" + string(b) + "---\n"
		} else {
			text = "---\n---\n"
		}
	}
	switch format {
	case FormatYAML:
		return editYAML(text, edits)
	case FormatTOML, FormatJSON:
		if format == FormatTOML {
			if out, ok := editTOMLLines(text, edits); ok {
				return out, nil
			}
		}
		fm, _, err := SplitFrontMatter([]byte(text))
		if err != nil {
			return "", err
		}
		m := fm.Raw
		for _, e := range edits {
			applyToMap(m, e)
		}
		if format == FormatJSON {
			b, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				return "", fmt.Errorf("JSON front matter: %w", err)
			}
			return string(b) + "\n", nil
		}
		b, err := toml.Marshal(m)
		if err != nil {
			return "", fmt.Errorf("TOML front matter: %w", err)
		}
		return "+++\n" + string(b) + "+++\n", nil
	}
	return "", fmt.Errorf("front matter format %q cannot be edited", format)
}

func applyToMap(m map[string]any, e Edit) {
	found := ""
	for k := range m {
		for _, want := range e.Keys {
			if strings.EqualFold(k, want) {
				if e.Delete {
					delete(m, k)
				} else if found == "" {
					found = k
				}
			}
		}
	}
	if e.Delete {
		return
	}
	if found == "" {
		found = e.Keys[0]
	}
	m[found] = e.Value
}

// editYAML edits the document's top mapping node by node, so everything else is written back
// as it was parsed.
func editYAML(text string, edits []Edit) (string, error) {
	inner, ok := yamlInner(text)
	if !ok {
		return "", fmt.Errorf("YAML front matter is not delimited by --- lines")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(inner), &doc); err != nil {
		return "", fmt.Errorf("YAML front matter: %w", err)
	}
	if len(doc.Content) == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return "", fmt.Errorf("YAML front matter is not a map of keys to values")
	}
	for _, e := range edits {
		if err := editYAMLKey(top, e); err != nil {
			return "", err
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return "", fmt.Errorf("YAML front matter: %w", err)
	}
	enc.Close()
	out := "---\n" + buf.String() + "---\n"
	if !readsBackAs(out, text, edits) {
		return "", fmt.Errorf("YAML front matter: the edit would not read back as written")
	}
	return out, nil
}

// readsBackAs reports whether the edited block out holds what applying edits to the block
// before gives, as data: an edit never loses or changes anything it was not asked to.
func readsBackAs(out, before string, edits []Edit) bool {
	was, _, err := SplitFrontMatter([]byte(before))
	if err != nil {
		return false
	}
	got, _, err := SplitFrontMatter([]byte(out))
	if err != nil {
		return false
	}
	want := lowerKeys(was.Raw).(map[string]any)
	for _, e := range edits {
		applyToMap(want, e)
	}
	// fmt prints maps with sorted keys and lists alike whatever their Go type, and NaN as NaN.
	return fmt.Sprint(lowerKeys(got.Raw)) == fmt.Sprint(lowerKeys(want))
}

func yamlInner(text string) (string, bool) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	first, rest, ok := strings.Cut(text, "\n")
	if !ok || strings.TrimRight(first, " \t") != "---" {
		return "", false
	}
	lines := strings.SplitAfter(rest, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.TrimRight(lines[i], " \t\n") == "---" {
			return strings.Join(lines[:i], ""), true
		}
	}
	return "", false
}

func editYAMLKey(top *yaml.Node, e Edit) error {
	var value yaml.Node
	if !e.Delete {
		if err := value.Encode(e.Value); err != nil {
			return fmt.Errorf("front matter %s: %w", e.Keys[0], err)
		}
	}
	set := false
	for i := 0; i+1 < len(top.Content); {
		if !matchesAny(top.Content[i].Value, e.Keys) {
			i += 2
			continue
		}
		if e.Delete || set {
			top.Content = append(top.Content[:i], top.Content[i+2:]...)
			continue
		}
		top.Content[i+1], set = &value, true
		i += 2
	}
	if !e.Delete && !set {
		top.Content = append(top.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.Keys[0]}, &value)
	}
	return nil
}

func matchesAny(key string, keys []string) bool {
	for _, k := range keys {
		if strings.EqualFold(key, k) {
			return true
		}
	}
	return false
}
