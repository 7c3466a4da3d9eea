package data

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

// Comments are plain text. CommentHTML is the only way a comment becomes HTML: everything is
// escaped, paragraphs and line breaks are kept, and http(s) links become links that search
// engines do not follow. Nothing a reader types can become markup of its own.

var (
	linkPattern  = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'` + "`" + `]+`)
	paragraphGap = regexp.MustCompile(`\n[ \t]*\n\s*`)
)

// CommentHTML renders a comment body.
func CommentHTML(body string) string {
	var b strings.Builder
	for _, para := range paragraphGap.Split(strings.TrimSpace(body), -1) {
		if strings.TrimSpace(para) == "" {
			continue
		}
		b.WriteString("<p>")
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				b.WriteString("<br>\n")
			}
			writeLinkified(&b, line)
		}
		b.WriteString("</p>\n")
	}
	return b.String()
}

func writeLinkified(b *strings.Builder, line string) {
	last := 0
	for _, m := range linkPattern.FindAllStringIndex(line, -1) {
		raw := trimLinkEnd(line[m[0]:m[1]])
		end := m[0] + len(raw)
		b.WriteString(html.EscapeString(line[last:m[0]]))
		if u, err := url.Parse(raw); err == nil && u.Host != "" && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) {
			b.WriteString(`<a href="` + html.EscapeString(u.String()) + `" rel="nofollow ugc">` + html.EscapeString(raw) + `</a>`)
		} else {
			b.WriteString(html.EscapeString(raw))
		}
		last = end
	}
	b.WriteString(html.EscapeString(line[last:]))
}

// trimLinkEnd leaves sentence punctuation after a link out of it, and a closing bracket unless
// the link opened one ("(see https://x.example/a_(b))").
func trimLinkEnd(s string) string {
	for len(s) > 0 {
		c := s[len(s)-1]
		switch {
		case strings.IndexByte(".,;:!?*'", c) >= 0:
			s = s[:len(s)-1]
		case c == ')' && strings.Count(s, "(") < strings.Count(s, ")"),
			c == ']' && strings.Count(s, "[") < strings.Count(s, "]"):
			s = s[:len(s)-1]
		default:
			return s
		}
	}
	return s
}

// CommentLinks returns the links a body would show.
func CommentLinks(body string) []*url.URL {
	var out []*url.URL
	for _, raw := range linkPattern.FindAllString(body, -1) {
		if u, err := url.Parse(trimLinkEnd(raw)); err == nil && u.Host != "" {
			out = append(out, u)
		}
	}
	return out
}

// invisibleFormatting are characters that reorder or hide text: right-to-left overrides and
// isolates, direction marks, zero-width characters. In a name they let "evil.com" pass as
// "moc.live"; none belongs in a signature.
func invisibleFormatting(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r >= 0x200B && r <= 0x200F,
		r == 0x061C, r == 0xFEFF, r == 0x2060, r == 0x180E:
		return true
	}
	return false
}

// CleanName strips control characters and direction overrides from a commenter's name and
// collapses its spaces.
func CleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || invisibleFormatting(r) || r == unicode.ReplacementChar {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// CleanBody normalises a comment body: Unix line ends, no control characters but newlines and
// tabs, no direction overrides, no spaces at either end.
func CleanBody(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r) || invisibleFormatting(r) || r == unicode.ReplacementChar:
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
