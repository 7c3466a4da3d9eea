package reader

import (
	"fmt"
	"strconv"
	"strings"

	"gazette/content"
)

// Hugo's [params] arrive as whatever TOML, YAML or JSON made of them, with keys in the case the
// author wrote. These helpers read them the way Hugo does (keys case-insensitive) and the way a
// newsroom means them (the string "false" is false, which Hugo's templates would call true).

// param walks a path of keys through nested maps, ignoring case.
func Param(m map[string]any, path ...string) any {
	var cur any = m
	for _, key := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		v, found := mm[key]
		if !found {
			for k, vv := range mm {
				if strings.EqualFold(k, key) {
					v, found = vv, true
					break
				}
			}
		}
		if !found {
			return nil
		}
		cur = v
	}
	return cur
}

// hasParam reports whether the key exists at all (Hugo's .Param: presence, not truth, decides).
func HasParam(m map[string]any, path ...string) bool {
	if len(path) == 0 {
		return false
	}
	parent, ok := Param(m, path[:len(path)-1]...).(map[string]any)
	if !ok {
		return false
	}
	for k := range parent {
		if strings.EqualFold(k, path[len(path)-1]) {
			return true
		}
	}
	return false
}

func ParamString(m map[string]any, path ...string) string {
	switch v := Param(m, path...).(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(v)
	case bool, int, int64, float64:
		return fmt.Sprint(v)
	}
	return ""
}

// paramBool reads a flag: booleans, "true"/"yes"/"on"/"1" strings, non-zero numbers.
func ParamBool(m map[string]any, path ...string) bool { return content.Truthy(Param(m, path...)) }

func ParamInt(m map[string]any, path ...string) (int, bool) {
	switch v := Param(m, path...).(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case float64:
		return int(v), true
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(v))
		return n, err == nil
	}
	return 0, false
}

// paramStrings reads a list of strings; a lone string is a list of one.
func ParamStrings(m map[string]any, path ...string) ([]string, bool) {
	switch v := Param(m, path...).(type) {
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
		return out, true
	case []string:
		return v, true
	case string:
		if strings.TrimSpace(v) == "" {
			return nil, true
		}
		return []string{strings.TrimSpace(v)}, true
	}
	return nil, false
}
