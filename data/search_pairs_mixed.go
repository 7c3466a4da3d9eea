package data

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// mixedWords is unicodeWords for text with some non-ASCII in it, as most English bodies have
// (curly quotes, dashes): ASCII bytes are split and lower-cased as asciiWords does, and only
// the runs of other bytes are normalised. Normalising the runs apart is normalising the whole:
// NFD reorders marks only between two starters, and every ASCII character is a starter that
// decomposes to itself. An import pairs every body's words, and normalising the whole body
// was most of it. Text that is not valid UTF-8 takes unicodeWords: the normaliser reads a
// broken sequence differently when it is cut short.
func mixedWords(text string) []string {
	if !utf8.ValidString(text) {
		return unicodeWords(text)
	}
	var words []string
	var w []byte
	flush := func() {
		if len(w) > 0 {
			words = append(words, string(w))
			w = w[:0]
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				w = append(w, c)
			case 'A' <= c && c <= 'Z':
				w = append(w, c+'a'-'A')
			default:
				flush()
			}
			i++
			continue
		}
		j := i + 1
		for j < len(text) && text[j] >= utf8.RuneSelf {
			j++
		}
		for _, r := range norm.NFD.String(text[i:j]) {
			switch {
			case unicode.Is(unicode.Mn, r):
				// A diacritic of the letter before it: dropped, the word goes on.
			case unicode.IsLetter(r) || unicode.IsNumber(r):
				w = utf8.AppendRune(w, unicode.ToLower(r))
			default:
				flush()
			}
		}
		i = j
	}
	flush()
	return words
}
