package markdown

import (
	"strings"
	"testing"
	"unicode"
)

func TestSummary(t *testing.T) {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	tests := []struct {
		name          string
		opts          Options
		page          Page
		src           string
		wantSummary   []check
		wantTruncated bool
		notInHTML     string
	}{
		{name: "manual", src: "Intro *text*.\n\n<!--more-->\n\nRest.\n",
			wantSummary: []check{{sel: "p em", want: "text"}, {sel: "p", count: 1}}, wantTruncated: true, notInHTML: "more"},
		{name: "manual with spaces", src: "Intro.\n\n<!-- more -->\n\nRest.\n",
			wantSummary: []check{{sel: "p", count: 1}}, wantTruncated: true, notInHTML: "more"},
		{name: "manual at end", src: "Only.\n\n<!--more-->\n",
			wantSummary: []check{{sel: "p", count: 1}}, wantTruncated: false},
		{name: "divider in code is not a divider", src: "```\n<!--more-->\n```\n\n" + words(100),
			wantSummary: []check{{sel: "pre", count: 1}}, wantTruncated: false},
		{name: "automatic", src: words(50) + "\n\n" + words(30) + "\n\n" + words(10) + "\n",
			wantSummary: []check{{sel: "p", count: 2}}, wantTruncated: true},
		{name: "automatic short", src: "Short body.\n",
			wantSummary: []check{{sel: "p", count: 1}}, wantTruncated: false},
		{name: "summary length option", opts: Options{SummaryLength: 5}, src: words(6) + "\n\n" + words(6) + "\n",
			wantSummary: []check{{sel: "p", count: 1}}, wantTruncated: true},
		{name: "cjk counts characters", page: Page{CJK: true}, opts: Options{SummaryLength: 10},
			src:         "这是一个很长的中文段落用于测试\n\n第二段\n",
			wantSummary: []check{{sel: "p", count: 1}}, wantTruncated: true},
		{name: "cjk off counts words", opts: Options{SummaryLength: 10},
			src:         "这是一个很长的中文段落用于测试\n\n第二段\n",
			wantSummary: []check{{sel: "p", count: 2}}, wantTruncated: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := renderWith(t, New(tt.opts), tt.src, tt.page)
			assertHTML(t, res.SummaryHTML, tt.wantSummary)
			if res.Truncated != tt.wantTruncated {
				t.Errorf("Truncated = %v, want %v", res.Truncated, tt.wantTruncated)
			}
			if tt.notInHTML != "" && strings.Contains(res.HTML, tt.notInHTML) {
				t.Errorf("HTML contains %q: %s", tt.notInHTML, res.HTML)
			}
		})
	}
}

func TestRenderSummary(t *testing.T) {
	r := New(Options{})
	tests := []struct{ in, want string }{
		{`He said "hi"... *really*`, "He said “hi”… <em>really</em>"},
		{`{{< youtube abc >}} stays text`, "{{&lt; youtube abc &gt;}} stays text"},
		{"<script>alert(1)</script>plain", "plain"},
		{"", ""},
		{"one\n\ntwo", "<p>one</p>\n<p>two</p>"},
	}
	for _, tt := range tests {
		if got := r.RenderSummary(tt.in); got != tt.want {
			t.Errorf("RenderSummary(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainTextAndWordCount(t *testing.T) {
	res := render(t, "# Title\n\nOne *two*   three.\n\n- four\n- 中文\n", Page{})
	if want := "Title One two three. four 中文"; res.PlainText != want {
		t.Errorf("PlainText = %q, want %q", res.PlainText, want)
	}
	if res.WordCount != 7 {
		t.Errorf("WordCount = %d, want 7", res.WordCount)
	}
}

func TestHighlightCSS(t *testing.T) {
	css := HighlightCSS()
	for _, want := range []string{".chroma .kd", "@media (prefers-color-scheme: dark)"} {
		if !strings.Contains(css, want) {
			t.Errorf("HighlightCSS lacks %q", want)
		}
	}
}

// TestTextHelpersAgreeWithTheStandardLibrary holds the one-pass collapse and the word count's
// shortcuts to what they replace: strings.Fields's whitespace and unicode's script tables.
func TestTextHelpersAgreeWithTheStandardLibrary(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isCJK(r), unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul); got != want {
			t.Fatalf("isCJK(%U) = %v, want %v", r, got, want)
		}
	}
	texts := []string{"", " ", "a", "  lead  and\ttrail \n", "a\u00a0b\u0085c\u2003d\u3000e", "日本語 の 文章",
		"bad \xff\xfe bytes\x80 ", "\v\f\r\n", "naïve café — “quoted” …", "x\u200by", "한국어  텍스트"}
	for _, s := range texts {
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
		want, inWord := 0, false
		for _, r := range s {
			switch {
			case unicode.IsSpace(r):
				inWord = false
			case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
				want++
				inWord = false
			case !inWord:
				want++
				inWord = true
			}
		}
		if got := wordCount(s); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
	}
}
