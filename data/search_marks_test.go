package data

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

func TestSearchMarkerHighlight(t *testing.T) {
	for _, c := range []struct{ query, text, want string }{
		{"harbour", "Harbour wall & <b>harbour</b> fees", "<mark>Harbour</mark> wall &amp; &lt;b&gt;<mark>harbour</mark>&lt;/b&gt; fees"},
		{"floods", "Flooding closed the road; the flood rose", "<mark>Flooding</mark> closed the road; the <mark>flood</mark> rose"},
		{"cafe", "Café reopens", "<mark>Café</mark> reopens"},
		{"harb*", "Harbourmaster at the harbour bar", "<mark>Harbourmaster</mark> at the <mark>harbour</mark> bar"},
		{`"coast road" -storm`, "Storm on the coast road", "Storm on the <mark>coast</mark> <mark>road</mark>"},
		{"road", "no match here", "no match here"},
	} {
		if got := newSearchMarker(c.query).highlight(c.text); got != c.want {
			t.Errorf("%q in %q:\n got %q\nwant %q", c.query, c.text, got, c.want)
		}
	}
}

func TestSearchMarkerSnippet(t *testing.T) {
	var words []string
	for i := range 100 {
		words = append(words, "w"+strings.Repeat("x", i%5))
	}
	words[70] = "lighthouse"
	text := strings.Join(words, " ") + "."
	got, found := newSearchMarker("lighthouse").snippet(text)
	if !found || !strings.Contains(got, "<mark>lighthouse</mark>") || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("snippet %q (found %v)", got, found)
	}
	if n := len(strings.Fields(got)); n != snippetWords {
		t.Errorf("snippet has %d words, want %d: %q", n, snippetWords, got)
	}
	short, found := newSearchMarker("nothing").snippet("A short text.")
	if found || short != "A short text." {
		t.Errorf("unmatched short text: %q (found %v)", short, found)
	}
}

var markTag = regexp.MustCompile(`</?mark>`)

// FuzzSearchMarker: whatever the query and text, the marked HTML is the escaped text with
// balanced, unnested <mark> elements.
func FuzzSearchMarker(f *testing.F) {
	for _, seed := range [][2]string{{"harbour", "Harbour <wall>"}, {"harb*", "harbour harbourmaster"}, {`"a b"`, "a b a"},
		{"\xff", "\xfe text"}, {"é", "e\u0301 é"}, {"", ""}, {"x*", "x"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, query, text string) {
		m := newSearchMarker(query)
		valid := strings.ToValidUTF8(text, "")
		for _, out := range []string{m.highlight(text), func() string { s, _ := m.snippet(text); return s }()} {
			depth := 0
			for _, tag := range markTag.FindAllString(out, -1) {
				if tag == "<mark>" {
					depth++
				} else {
					depth--
				}
				if depth < 0 || depth > 1 {
					t.Fatalf("unbalanced marks in %q", out)
				}
			}
			plain := html.UnescapeString(markTag.ReplaceAllString(strings.ReplaceAll(out, "…", ""), ""))
			if !strings.Contains(strings.ReplaceAll(valid, "…", ""), plain) {
				t.Fatalf("marked %q is not a part of the text %q", out, valid)
			}
		}
	})
}
