package content

import (
	"net/url"
	"strings"
	"unicode"
)

// sanitizePath is Hugo's UnicodeSanitize: it keeps letters, digits, marks, `. / \ _ # + ~ - @` and
// valid %XX escapes, turns runs of white space into one hyphen and drops everything else.
func sanitizePath(s string) string {
	source := []rune(s)
	target := make([]rune, 0, len(source))
	var prependHyphen, wasHyphen bool
	for i, r := range source {
		allowed := strings.ContainsRune("./\\_#+~-@", r) ||
			unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			(r == '%' && i+2 < len(source) && isHex(source[i+1]) && isHex(source[i+2]))
		if allowed {
			wasHyphen = r == '-'
			if prependHyphen {
				if !wasHyphen {
					target = append(target, '-')
				}
				prependHyphen = false
			}
			target = append(target, r)
		} else if len(target) > 0 && !wasHyphen && unicode.IsSpace(r) {
			prependHyphen = true
		}
	}
	return string(target)
}

// MakePathSanitized is Hugo's path normaliser for content paths and slugs: sanitised and
// lower-cased.
func MakePathSanitized(s string) string {
	return strings.ToLower(sanitizePath(s))
}

// Urlize is Hugo's urlize: the key and URL segment of a taxonomy term ("Foreign Policy" →
// "foreign-policy"). The result is not percent-encoded; EscapePath does that for links.
func Urlize(s string) string {
	return MakePathSanitized(strings.TrimSpace(s))
}

// EscapePath percent-encodes a URL path for use in links, as Hugo's permalinks are written.
func EscapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

func isHex(r rune) bool {
	return ('0' <= r && r <= '9') || ('a' <= r && r <= 'f') || ('A' <= r && r <= 'F')
}
