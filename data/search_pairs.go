package data

import (
	"database/sql/driver"
	"strings"

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
	f := foldWords(text)
	if len(f.ends) < 2 {
		return ""
	}
	var b strings.Builder
	b.Grow(2*len(f.buf) + 2*len(f.ends))
	prev := 0 // where the word before began
	for i := 1; i < len(f.ends); i++ {
		if i > 1 {
			b.WriteByte(' ')
		}
		b.Write(f.buf[prev:f.ends[i-1]])
		b.WriteByte('_')
		b.Write(f.buf[f.ends[i-1]:f.ends[i]])
		prev = f.ends[i-1]
	}
	return b.String()
}

// pairWords splits text into the words wordPairs pairs.
func pairWords(text string) []string {
	f := foldWords(text)
	return f.words()
}
