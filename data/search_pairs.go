package data

import (
	"database/sql/driver"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"modernc.org/sqlite"
)

// searchPairsFunc is the SQL function that turns a field's text into its word pairs for the
// search_pairs index (migration 0080). The triggers on articles call it, so every connection
// that writes articles needs it: the driver registers it for every connection it opens, in
// this process. (A sqlite3 shell cannot change article text; it has no such function.)
const searchPairsFunc = "search_word_pairs"

// The driver's function table is process-wide; registering once at package load is the only
// way to give it the function before Open runs the migrations.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction(searchPairsFunc, 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case string:
				return wordPairs(v), nil
			case []byte:
				return wordPairs(string(v)), nil
			default:
				return "", nil
			}
		})
}

// wordPairs is text as the sequence of its adjacent word pairs, "a_b b_c c_d": the document
// the pair index holds for a field, and (for a phrase) the phrase to ask of it. Words are
// runs of letters and digits, lower-cased, diacritics dropped ("Café" is "cafe"), not stemmed:
// a quoted phrase finds the words as written. A text of fewer than two words has no pairs.
func wordPairs(text string) string {
	var b strings.Builder
	prev := ""
	for _, w := range pairWords(text) {
		if prev != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(prev)
			b.WriteByte('_')
			b.WriteString(w)
		}
		prev = w
	}
	return b.String()
}

// pairWords splits text into the words wordPairs pairs. Most text is ASCII, which needs no
// normalising: it is split and lower-cased byte by byte (about ten times faster; ranking a
// few candidates from their text splits whole bodies).
func pairWords(text string) []string {
	if isASCII(text) {
		return asciiWords(text)
	}
	return mixedWords(text)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiWords is unicodeWords for ASCII text: words are runs of letters and digits.
func asciiWords(text string) []string {
	var words []string
	start := -1
	lower := true // the current word has no upper-case letter: a substring of text will do
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		if !lower {
			w = strings.ToLower(w)
		}
		words = append(words, w)
		start, lower = -1, true
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			lower = false
		default:
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(text))
	return words
}

// unicodeWords splits any text: letters lose their diacritics and are lower-cased.
func unicodeWords(text string) []string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range norm.NFD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// A diacritic of the letter before it: dropped, the word goes on.
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			w.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return words
}
