package markdown

import "strings"

// parseEscaped recognises an escaped shortcode such as {{</* x */>}} at i
// and returns the text Hugo shows for it: {{< x >}}.
func parseEscaped(src string, i, limit int) (string, int, bool) {
	if !strings.HasPrefix(src[i:limit], "{{<") && !strings.HasPrefix(src[i:limit], "{{%") {
		return "", 0, false
	}
	delim, closer := src[i+2], byte('%')
	if delim == '<' {
		closer = '>'
	}
	j := skipSpace(src, i+3, limit)
	if !strings.HasPrefix(src[j:limit], "/*") {
		return "", 0, false
	}
	// Stop at the next "{{" so that many unclosed openers stay linear.
	window := src[j+2 : limit]
	if k := strings.Index(window, "{{"); k >= 0 {
		window = window[:k]
	}
	k := strings.Index(window, "*/"+string(closer)+"}}")
	if k < 0 {
		return "", 0, false
	}
	inner := src[i+3:j] + window[:k]
	end := j + 2 + k + 5
	return "{{" + string(delim) + inner + string(closer) + "}}", end, true
}

// parseTag parses the shortcode tag starting at i. Anything malformed
// (no name, no closing delimiter, a "{{" inside the arguments) fails, and
// the caller leaves the text alone. Every scan stops at the next "{{", which
// keeps hostile input such as megabytes of "{{<" linear.
func parseTag(src string, i, limit int) (scTag, bool) {
	s := src[:limit]
	if !strings.HasPrefix(s[i:], "{{<") && !strings.HasPrefix(s[i:], "{{%") {
		return scTag{}, false
	}
	tag := scTag{start: i, markdown: s[i+2] == '%'}
	closeDelim := ">}}"
	if tag.markdown {
		closeDelim = "%}}"
	}
	j := skipSpace(s, i+3, limit)
	if j < limit && s[j] == '/' {
		tag.closing = true
		j = skipSpace(s, j+1, limit)
	}
	n := j
	for n < limit && isNameByte(s[n]) {
		n++
	}
	if n > j+1 && s[n-1] == '/' && strings.HasPrefix(s[n:], closeDelim) {
		n-- // {{< name/>}}
	}
	if n == j {
		return scTag{}, false
	}
	tag.name = s[j:n]
	j = n
	for {
		j = skipSpace(s, j, limit)
		switch {
		case j >= limit || strings.HasPrefix(s[j:], "{{"):
			return scTag{}, false
		case strings.HasPrefix(s[j:], closeDelim):
			tag.end = j + 3
			return tag, true
		case s[j] == '/' && strings.HasPrefix(s[j+1:], closeDelim):
			tag.selfClosing = true
			tag.end = j + 4
			return tag, true
		}
		val, next, ok := parseValue(s, j, closeDelim, false)
		if !ok {
			return scTag{}, false
		}
		// Hugo takes spaces around "=" too: {{< youtube id = "x" >}}.
		if eq := skipSpace(s, next, limit); eq < limit && s[eq] == '=' && s[j] != '"' && s[j] != '`' && isName(val) {
			v, after, ok := parseValue(s, skipSpace(s, eq+1, limit), closeDelim, true)
			if !ok {
				return scTag{}, false
			}
			if tag.named == nil {
				tag.named = map[string]string{}
			}
			tag.named[strings.ToLower(val)] = v
			j = after
			continue
		}
		tag.pos = append(tag.pos, val)
		j = next
	}
}

// parseValue reads one argument: "quoted" (with \" escapes), `raw`, or bare
// up to whitespace, the closing delimiter or, for keys, '='.
func parseValue(s string, j int, closeDelim string, isValue bool) (string, int, bool) {
	if j >= len(s) {
		return "", j, false
	}
	switch q := s[j]; q {
	case '"', '`':
		var b strings.Builder
		for k := j + 1; k < len(s); k++ {
			c := s[k]
			switch {
			case c == q:
				return b.String(), k + 1, true
			case c == '{' && strings.HasPrefix(s[k:], "{{"):
				return "", k, false
			case c == '\\' && q == '"' && k+1 < len(s) && s[k+1] == '"':
				b.WriteByte('"')
				k++
			default:
				b.WriteByte(c)
			}
		}
		return "", len(s), false
	}
	k := j
	for k < len(s) && !isSpace(s[k]) && (isValue || s[k] != '=') && !strings.HasPrefix(s[k:], closeDelim) &&
		!strings.HasPrefix(s[k:], "/"+closeDelim) && !strings.HasPrefix(s[k:], "{{") {
		k++
	}
	if k == j {
		return "", k, false
	}
	return s[j:k], k, true
}

func skipSpace(s string, j, limit int) int {
	for j < limit && isSpace(s[j]) {
		j++
	}
	return j
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isNameByte accepts the bytes Hugo allows in shortcode names, including
// "/" for nested template folders and "." for inline shortcodes.
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == '.' || c == '/'
}

func isName(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i]) || s[i] == '/' {
			return false
		}
	}
	return s != ""
}
