package content

import (
	"fmt"
	"strconv"
	"strings"
)

// Front-matter values arrive as whatever YAML, TOML or JSON made of them. These helpers read them
// the way a newsroom means them, which is more forgiving than Hugo's template truthiness: the
// string "false" is false here (Hugo would call it true; see spec §0).

// stringValue returns v as a string; lists give their first element.
func stringValue(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case []any:
		if len(t) > 0 {
			return stringValue(t[0])
		}
		return ""
	case map[string]any:
		return ""
	}
	return fmt.Sprint(v)
}

// stringList returns v as a list of strings: a single string is a list of one.
func stringList(v any) []string {
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			if _, isMap := e.(map[string]any); isMap {
				continue
			}
			out = append(out, stringValue(e))
		}
		return out
	case []string:
		return t
	}
	return []string{fmt.Sprint(v)}
}

// optionalBool reads a flag that may be absent: nil means "not set" (the site default applies).
func optionalBool(v any, present bool) *bool {
	if !present || v == nil {
		return nil
	}
	b := truthy(v)
	return &b
}

// Truthy reads a flag the way a newsroom means it: the one reading of booleans for front
// matter, site params and settings.
func Truthy(v any) bool { return truthy(v) }

// truthy reads booleans sensibly: true/false, "true"/"yes"/"on"/"1", numbers other than zero.
func truthy(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case string:
		s := strings.ToLower(strings.TrimSpace(t))
		if b, err := strconv.ParseBool(s); err == nil {
			return b
		}
		return s == "yes" || s == "on"
	case int64:
		return t != 0
	case int:
		return t != 0
	case float64:
		return t != 0
	}
	return v != nil
}

// intValue reads an integer-ish value; anything else is 0.
func intValue(v any) int {
	switch t := v.(type) {
	case int64:
		return int(t)
	case int:
		return t
	case uint64:
		return int(t)
	case float64:
		return int(t)
	case string:
		n, _ := strconv.Atoi(strings.TrimSpace(t))
		return n
	}
	return 0
}
