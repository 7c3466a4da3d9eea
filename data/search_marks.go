package data

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// searchMarker marks a query's words in a found article's title and picks the snippet of its
// text that holds most of them. It works on the page's ten articles in Go: asking FTS5 for
// highlight() and snippet() made it seek every page row in the big index again, a few
// milliseconds a row for a phrase of common words or a long prefix.
type searchMarker struct {
	words    map[string]bool // word stems (markStem) to mark
	prefixes []string        // folded prefixes to mark
}

// snippetWords is how many words a snippet shows.
const snippetWords = 32

func newSearchMarker(input string) searchMarker {
	m := searchMarker{words: map[string]bool{}}
	for _, t := range splitSearchTerms(input) {
		if t.exclude {
			continue
		}
		words := pairWords(t.text)
		if t.prefix && !t.phrase && len(words) == 1 {
			m.prefixes = append(m.prefixes, words[0])
			continue
		}
		for _, w := range words {
			m.words[string(markStem([]byte(w)))] = true
		}
	}
	return m
}

// markStem folds the commonest English endings so that "floods" marks "flooding", as the
// index's stemmer finds it. Marks only show where the words are; the index decides what
// matches.
func markStem(w []byte) []byte {
	for _, suffix := range []string{"ing", "ed", "es", "s"} {
		if rest, ok := bytes.CutSuffix(w, []byte(suffix)); ok && utf8.RuneCount(rest) >= 3 {
			return rest
		}
	}
	return w
}

func (m searchMarker) marks(word string, buf []byte) bool {
	folded := foldWord(word, buf)
	if m.words[string(markStem(folded))] {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(string(folded), p) {
			return true
		}
	}
	return false
}

// foldWord is word as pairWords folds it, into buf. Most words are ASCII: lower-casing them
// needs no normalization and no allocation (this runs for every word of ten articles).
func foldWord(word string, buf []byte) []byte {
	buf = buf[:0]
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			return append(buf[:0], strings.Join(pairWords(word), "")...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// textWord is a word's place in a text, in bytes.
type textWord struct {
	start, end int
	marked     bool
}

func (m searchMarker) scan(text string) []textWord {
	var words []textWord
	buf := make([]byte, 0, 64)
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			words = append(words, textWord{start: start, end: i, marked: m.marks(text[start:i], buf)})
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, textWord{start: start, end: len(text), marked: m.marks(text[start:], buf)})
	}
	return words
}

// highlight is text escaped, with the query's words in <mark>.
func (m searchMarker) highlight(text string) string {
	text = strings.ToValidUTF8(text, "")
	return markedSpan(text, m.scan(text), 0, len(text))
}

// snippet is the window of snippetWords words of text with the most marked words, escaped
// and marked, with "…" where it cuts the text; found is false when no word is marked.
func (m searchMarker) snippet(text string) (snippet string, found bool) {
	text = strings.ToValidUTF8(text, "")
	words := m.scan(text)
	if len(words) == 0 {
		return "", false
	}
	best, bestCount, count := 0, 0, 0
	for i, w := range words {
		if w.marked {
			count++
		}
		if i >= snippetWords && words[i-snippetWords].marked {
			count--
		}
		if count > bestCount {
			best, bestCount = max(0, i-snippetWords+1), count
		}
	}
	last := min(len(words), best+snippetWords) - 1
	start, end := words[best].start, words[last].end
	if best == 0 {
		start = 0
	}
	if last == len(words)-1 {
		end = len(text)
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	b.WriteString(markedSpan(text, words, start, end))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String(), bestCount > 0
}

// markedSpan is text[start:end] escaped, its marked words in <mark>.
func markedSpan(text string, words []textWord, start, end int) string {
	var b strings.Builder
	at := start
	for _, w := range words {
		if !w.marked || w.start < start || w.end > end {
			continue
		}
		b.WriteString(html.EscapeString(text[at:w.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[w.start:w.end]))
		b.WriteString("</mark>")
		at = w.end
	}
	b.WriteString(html.EscapeString(text[at:end]))
	return b.String()
}
