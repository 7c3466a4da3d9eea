package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what a reader's query may ask of the index. Past them the rest of the input is
// ignored rather than refused: a pasted paragraph still finds something.
const (
	maxQueryBytes = 1000
	maxQueryTerms = 12
	// minPrefixRunes keeps "a*" from expanding to half the vocabulary.
	minPrefixRunes = 2
)

// searchTerm is one unit of a reader's query: a word or a quoted phrase.
type searchTerm struct {
	text    string
	prefix  bool // written with a trailing *
	exclude bool // written with a leading -
	phrase  bool // written in double quotes
}

// ParseSearchQuery turns what a reader typed into an FTS5 query. It understands "quoted
// phrases", prefix* matching and -exclusion; everything else is text to find, never syntax:
// each word is passed to FTS5 as a quoted string, so operators (AND, OR, NEAR, column:,
// parentheses, ^) in the input are searched for, not obeyed. The result is "" when nothing
// searchable is left (empty input, only punctuation or emoji, only exclusions), which callers
// show as "nothing found"; any non-empty result is a valid FTS5 query.
func ParseSearchQuery(input string) string {
	var include, exclude []string
	for _, t := range splitSearchTerms(input) {
		q := ftsString(t.text)
		if t.prefix && !t.phrase && utf8.RuneCountInString(t.text) >= minPrefixRunes {
			q += " *"
		}
		if t.exclude {
			exclude = append(exclude, q)
		} else {
			include = append(include, q)
		}
	}
	// FTS5's NOT needs something to subtract from; a query of exclusions alone finds nothing.
	if len(include) == 0 {
		return ""
	}
	q := strings.Join(include, " AND ")
	if len(exclude) > 0 {
		q = "(" + q + ") NOT " + strings.Join(exclude, " NOT ")
	}
	return q
}

// splitSearchTerms reads words, "phrases", prefix* and -exclusions. An unbalanced quote runs
// to the end of the input. Terms with no letter or digit are dropped: the tokenizer would
// make nothing of them, and an empty phrase is not worth a query.
func splitSearchTerms(input string) []searchTerm {
	if len(input) > maxQueryBytes {
		input = input[:maxQueryBytes]
	}
	input = strings.ToValidUTF8(input, " ")
	var terms []searchTerm
	rest := input
	for len(terms) < maxQueryTerms {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			break
		}
		var t searchTerm
		if rest[0] == '-' {
			t.exclude = true
			rest = rest[1:]
		}
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				t.text, rest = rest[1:], ""
			} else {
				t.text, rest = rest[1:end+1], rest[end+2:]
			}
			t.phrase = true
		} else {
			end := strings.IndexFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
			if end < 0 {
				end = len(rest)
			}
			t.text, rest = rest[:end], rest[end:]
			t.text, t.prefix = strings.CutSuffix(t.text, "*")
		}
		t.text = strings.Join(strings.Fields(t.text), " ")
		if hasWordRune(t.text) {
			terms = append(terms, t)
		}
	}
	return terms
}

func hasWordRune(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

// ftsString quotes text as an FTS5 string: inside double quotes only a double quote is
// special, and it is escaped by doubling. NUL bytes would end the string early, so they go.
func ftsString(s string) string {
	s = strings.ReplaceAll(s, "\x00", "")
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
