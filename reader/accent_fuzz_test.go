package reader

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

var accentShade = regexp.MustCompile(`--accent: (#[0-9a-f]{6})`)

// FuzzAccentStylesheet: any highlightColor an imported config or the desk gives either is
// refused or yields shades that pass AA on every background; nothing panics.
func FuzzAccentStylesheet(f *testing.F) {
	for _, s := range []string{"#ff6600", "#fff", "#ff660080", "orange", "rgb(255, 102, 0)", "rgba(0,0,0,.5)",
		"hsl(24, 100%, 50%)", "hsla(-30deg 50% 50% / 50%)", "rgb(300%, -5, 1e9)", "#", "hsl(", ")", "rgb(,,)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		css, ok := accentStylesheet(s)
		if !ok {
			return
		}
		m := accentShade.FindAllStringSubmatch(css, -1)
		if len(m) != 2 {
			t.Fatalf("%q: stylesheet %q", s, css)
		}
		light, _ := parseCSSColour(m[0][1])
		dark, _ := parseCSSColour(m[1][1])
		if minContrast(light, lightBackgrounds) < 4.5 || minContrast(dark, darkBackgrounds) < 4.5 {
			t.Errorf("%q: shades %s / %s miss AA", s, m[0][1], m[1][1])
		}
	})
}

// FuzzPlainText: descriptions come out as valid UTF-8 of at most 300 characters.
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"<h2>Intro</h2><p>A <a href=\"/\">b</a>, c</p>", "<p>unclosed", "&amp;&lt;", "<h1></h1>", "\xff<h3>x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := PlainText(s)
		if utf8.RuneCountInString(out) > 300 {
			t.Errorf("%d characters", utf8.RuneCountInString(out))
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("invalid UTF-8 from valid input: %q", out)
		}
		_ = ExcerptHTML(s)
	})
}
