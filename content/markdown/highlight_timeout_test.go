package markdown

import (
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// TestLexerTimeoutsAreRelaxed: after a highlight, the rules of the lexers a block may use
// (and those they hand parts to) carry lexerMatchTimeout, not chroma's 250 ms. It fails when a
// chroma upgrade keeps the compiled rules elsewhere, so relaxLexerTimeouts would do nothing.
func TestLexerTimeoutsAreRelaxed(t *testing.T) {
	highlightCodeWith("x <- c(1, 2)\n", "r", highlightOptions{})
	for _, name := range []string{"r", "go", "html", "css", "javascript", "python", "bash"} {
		rl, ok := lexers.Get(name).(*chroma.RegexLexer)
		if !ok {
			t.Fatalf("%s: %T is no RegexLexer", name, lexers.Get(name))
		}
		rules := compiledRules(rl)
		if len(rules) == 0 {
			t.Fatalf("%s: no compiled rules found", name)
		}
		for state, rs := range rules {
			for i, r := range rs {
				if r.Regexp != nil && r.Regexp.MatchTimeout != lexerMatchTimeout {
					t.Fatalf("%s %s.%d: MatchTimeout %s, want %s", name, state, i, r.Regexp.MatchTimeout, lexerMatchTimeout)
				}
			}
		}
	}
	if n := relaxLexerTimeouts(); n < 1000 {
		t.Fatalf("%d lexer rules relaxed; chroma's compiled rules were not found", n)
	}
}
