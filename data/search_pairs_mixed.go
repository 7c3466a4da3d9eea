package data

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// wordFolder collects the words of a text, folded (letters and digits, lower-cased,
// diacritics dropped), in one buffer: word i is buf[ends[i-1]:ends[i]]. An import pairs every
// body's words, and a string and a slice element per word were a third of that work.
type wordFolder struct {
	buf   []byte
	ends  []int
	start int // where the current word began in buf
}

// foldWords splits text as normalising all of it (NFD) and folding rune by rune would
// (unicodeWords, in the tests, is that reference). ASCII bytes are split and lower-cased one
// by one, and only the runs of other bytes are normalised: normalising the runs apart is
// normalising the whole, since NFD reorders marks only between two starters and every ASCII
// character is a starter that decomposes to itself. Most English bodies have a few curly
// quotes or dashes, and normalising the whole body was most of the work. Text that is not
// valid UTF-8 is normalised whole: the normaliser reads a broken sequence differently when
// it is cut short.
func foldWords(text string) wordFolder {
	// About six bytes a word in English text, spaces and punctuation included.
	f := wordFolder{buf: make([]byte, 0, len(text)), ends: make([]int, 0, len(text)/6+1)}
	if !utf8.ValidString(text) {
		f.runes(norm.NFD.String(text))
		f.flush()
		return f
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				f.buf = append(f.buf, c)
			case 'A' <= c && c <= 'Z':
				f.buf = append(f.buf, c+'a'-'A')
			default:
				f.flush()
			}
			i++
			continue
		}
		j := i + 1
		for j < len(text) && text[j] >= utf8.RuneSelf {
			j++
		}
		f.runes(norm.NFD.String(text[i:j]))
		i = j
	}
	f.flush()
	return f
}

// runes folds normalised (NFD) text into the words.
func (f *wordFolder) runes(nfd string) {
	for _, r := range nfd {
		switch {
		case unicode.Is(unicode.Mn, r):
			// A diacritic of the letter before it: dropped, the word goes on.
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			f.buf = utf8.AppendRune(f.buf, unicode.ToLower(r))
		default:
			f.flush()
		}
	}
}

// flush ends the current word, if it is not empty.
func (f *wordFolder) flush() {
	if len(f.buf) > f.start {
		f.ends = append(f.ends, len(f.buf))
		f.start = len(f.buf)
	}
}

// words is the folded words as strings (one allocation for all of them).
func (f *wordFolder) words() []string {
	all := string(f.buf)
	words := make([]string, len(f.ends))
	start := 0
	for i, end := range f.ends {
		words[i], start = all[start:end], end
	}
	return words
}
