package data

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzCommentHTML: whatever a reader types, the comment's HTML holds no element but p, br and
// a, no attribute but href and rel, and no link that is not http(s).
func FuzzCommentHTML(f *testing.F) {
	for _, s := range []string{"hello", "a\n\nb\nc", "see https://example.com/x?y=1&z=<2>.", "<script>alert(1)</script>",
		"javascript:alert(1)", "http://a.b/\"onmouseover=alert(1)", "\u202eevil\u202c", "https://x.y/)", "www.example.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		out := CommentHTML(CleanBody(body))
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "p", "br", "a":
			default:
				t.Fatalf("element <%s> in %q", tok.Data, out)
			}
			for _, a := range tok.Attr {
				switch {
				case a.Key == "rel":
				case a.Key == "href" && (strings.HasPrefix(a.Val, "http://") || strings.HasPrefix(a.Val, "https://")):
				default:
					t.Fatalf("attribute %s=%q in %q", a.Key, a.Val, out)
				}
			}
		}
	})
}
