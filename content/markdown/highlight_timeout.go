package markdown

import (
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// lexerMatchTimeout replaces the 250 ms that chroma gives every lexer rule's regular
// expression. regexp2 measures that limit with a shared clock goroutine that ticks every
// 100 ms; on a loaded machine (an import renders on every core) the tick comes late, a new
// match's deadline is set from a stale clock and is already past at the next tick, and the
// rule "misses": the same code block then highlights differently from one render to the next
// (seen as an unchanged desk save changing an imported article's stored HTML). At 10 s a
// tick would have to be that late. The limit still bounds a pathological match; only editors
// and the site's own import write code blocks (comments are plain text).
const lexerMatchTimeout = 10 * time.Second

// relaxLexerTimeouts sets lexerMatchTimeout on the compiled rules of every lexer chroma
// registers, once per process before the first highlight: a lexer may hand part of a block to
// another (HTML to CSS and JavaScript), so all of them (288 in chroma v2.27.0, compiled in
// about 0.6 s). chroma compiles its rules with the timeout in an unexported field, so the
// rules are reached through reflection; TestLexerTimeoutsAreRelaxed fails if a chroma
// upgrade moves them.
var relaxLexerTimeouts = sync.OnceValue(func() int {
	relaxed := 0
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		rl, ok := l.(*chroma.RegexLexer)
		if !ok {
			continue
		}
		if _, err := rl.Tokenise(nil, ""); err != nil { // compiles the rules
			continue
		}
		for _, rules := range compiledRules(rl) {
			for _, r := range rules {
				if r.Regexp != nil {
					r.Regexp.MatchTimeout = lexerMatchTimeout
					relaxed++
				}
			}
		}
	}
	return relaxed
})

// compiledRules is a RegexLexer's compiled rules, or nil when chroma keeps them elsewhere.
func compiledRules(rl *chroma.RegexLexer) map[string][]*chroma.CompiledRule {
	f := reflect.ValueOf(rl).Elem().FieldByName("rules")
	if !f.IsValid() || f.Type() != reflect.TypeOf(map[string][]*chroma.CompiledRule(nil)) {
		return nil
	}
	return *(*map[string][]*chroma.CompiledRule)(unsafe.Pointer(f.UnsafeAddr()))
}
