package reader

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// summaryIDs are the id attributes of a summary's headings: a list shows many summaries, and
// their ids would repeat (the sanitiser quotes every attribute and escapes quotes in text).
var summaryIDs = regexp.MustCompile(` id="[^"]*"`)

// summaryHeading finds the headings a summary cut from the body may carry (the sanitiser
// writes plain tags with quoted attributes).
var summaryHeading = regexp.MustCompile(`<(/?)h[1-6](?:\s[^>]*)?>`)

// ExcerptHTML is a summary as a list shows it: the body's headings become bold paragraphs, so
// a list's outline is its items' titles alone, and ids go, since a page shows many summaries.
func ExcerptHTML(summary string) string {
	s := summaryIDs.ReplaceAllString(summary, "")
	return summaryHeading.ReplaceAllStringFunc(s, func(tag string) string {
		if strings.HasPrefix(tag, "</") {
			return "</strong></p>"
		}
		return `<p class="excerpt-heading"><strong>`
	})
}

// blockElements end a run of text: their text never runs into the next element's.
var blockElements = map[string]bool{"p": true, "div": true, "li": true, "ul": true, "ol": true, "br": true,
	"blockquote": true, "pre": true, "tr": true, "td": true, "th": true, "table": true, "figure": true,
	"figcaption": true, "section": true, "dd": true, "dt": true, "hr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true}

// PlainText is rendered HTML as one line of text for a description, cut at 300 characters.
// Inline elements join their text as written ("<a>Monero</a>, " stays "Monero,"), blocks are
// separated by a space, and a heading ends with a full stop when it has no punctuation of
// its own, so it does not run into the paragraph after it.
func PlainText(h string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return TruncateRunes(strings.Join(strings.Fields(b.String()), " "), 300)
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if !blockElements[tag] {
				continue
			}
			if len(tag) == 2 && tag[0] == 'h' && tt == html.EndTagToken {
				endSentence(&b)
			}
			b.WriteByte(' ')
		}
	}
}

// endSentence adds a full stop after text that ends without punctuation.
func endSentence(b *strings.Builder) {
	s := strings.TrimRightFunc(b.String(), unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(s)
	if s == "" || unicode.IsPunct(r) {
		return
	}
	b.Reset()
	b.WriteString(s)
	b.WriteByte('.')
}

// TruncateRunes cuts s to at most n characters, an ellipsis marking the cut.
func TruncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
