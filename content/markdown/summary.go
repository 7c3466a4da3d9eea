package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// voidElements never get an end tag, so they close a top-level block
// on their own.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// autoSummary keeps whole top-level blocks of body until limit words
// (characters on CJK pages) are reached. Cutting between blocks keeps the
// markup balanced without re-serialising it.
func autoSummary(body string, limit int, cjk bool) (string, bool) {
	z := html.NewTokenizer(strings.NewReader(body))
	offset, depth, words := 0, 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return body, false
		}
		offset += len(z.Raw())
		switch tt {
		case html.TextToken:
			words += summaryWords(string(z.Text()), cjk)
		case html.StartTagToken:
			if name, _ := z.TagName(); !voidElements[string(name)] {
				depth++
				continue
			}
		case html.EndTagToken:
			depth = max(depth-1, 0)
		}
		if depth == 0 && words >= limit && tt != html.TextToken {
			rest := strings.TrimSpace(body[offset:])
			return strings.TrimSpace(body[:offset]), rest != ""
		}
	}
}

// summaryWords counts like Hugo: words, or on CJK pages each rune of a
// non-ASCII word.
func summaryWords(s string, cjk bool) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if c := utf8.RuneCountInString(w); cjk && c != len(w) {
			n += c
		} else {
			n++
		}
	}
	return n
}

// wordCount counts words for reading time; each CJK character counts as
// a word because those scripts do not separate words with spaces.
func wordCount(s string) int {
	n, inWord := 0, false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && asciiSpace[r], r >= utf8.RuneSelf && unicode.IsSpace(r):
			inWord = false
		case isCJK(r):
			n++
			inWord = false
		case !inWord:
			n++
			inWord = true
		}
	}
	return n
}

func isCJK(r rune) bool {
	// No rune of these scripts comes before Hangul Jamo (U+1100): the common case answers
	// without a table search (every word of a body is counted at import).
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// blockElements get a space around their text so words of adjacent blocks
// do not run together in the plain text.
var blockElements = map[string]bool{
	"p": true, "div": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "br": true, "td": true, "th": true, "tr": true, "pre": true, "blockquote": true,
	"figcaption": true, "dt": true, "dd": true, "hr": true, "summary": true,
}

// plainText extracts the text of an HTML fragment.
func plainText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			if name, _ := z.TagName(); blockElements[string(name)] {
				b.WriteByte(' ')
			}
		}
	}
}

// collapse joins whitespace runs into single spaces and trims both ends (strings.Fields's
// whitespace), in one pass over a body's text.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space, i = true, i+n
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}

// asciiSpace are the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
