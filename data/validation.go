package data

import (
	"sort"
	"strings"
)

// ValidationError says which fields of a submitted form are wrong and why; handlers show each
// message next to its field and answer 422.
type ValidationError struct {
	Fields map[string]string // field name → message
}

// Add records a message for a field; the first message for a field wins.
func (e *ValidationError) Add(field, msg string) {
	if e.Fields == nil {
		e.Fields = map[string]string{}
	}
	if _, ok := e.Fields[field]; !ok {
		e.Fields[field] = msg
	}
}

// Err returns e when any field is wrong, nil otherwise.
func (e *ValidationError) Err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// ErrFields is Err typed for callers that keep the *ValidationError.
func (e *ValidationError) ErrFields() *ValidationError {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return "invalid input: " + strings.Join(parts, "; ")
}
