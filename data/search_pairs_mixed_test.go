package data

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// unicodeWords is how pairWords must split any text, written the plain way: the whole text
// normalised, then letters lose their diacritics and are lower-cased.
func unicodeWords(text string) []string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range norm.NFD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			w.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return words
}

// pairWords folds ASCII byte by byte and normalises only the runs of other bytes; it must
// fold exactly as normalising the whole text does.
func TestPairWordsAsUnicodeWords(t *testing.T) {
	for _, in := range pairWordsSeeds {
		if got, want := pairWords(in), unicodeWords(in); !slices.Equal(got, want) {
			t.Errorf("pairWords(%q) = %q, unicodeWords %q", in, got, want)
		}
	}
}

var pairWordsSeeds = []string{"", "a", "Harbour Wall", "  THE council's 3.5% rise_in 2026!! ", "x\x00y\tz\nQ", "The_end_", "9am-5PM",
	"The café, by the quay!", "“Costs had risen,” she said — twice.", "Déjà-vu 3.5 times",
	"Гавань  открыта", "\xff broken \xfe utf8", "e\u0301\u0327x", "a\u0327\u0301b", "ÅNGSTRÖM Ǆ ǅ", "한국어 텍스트 日本語",
	"x\u0345\u0301y", "ﬁne ﬀ ½ ²", "İstanbul ΣΑΣ", "a\u034fb", "a" + string(make([]byte, 3)) + "é", "café\xffbar", "é"}

func FuzzPairWords(f *testing.F) {
	for _, s := range pairWordsSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := pairWords(in), unicodeWords(in); !slices.Equal(got, want) {
			t.Errorf("pairWords(%q) = %q, unicodeWords %q", in, got, want)
		}
		words := unicodeWords(in)
		var pairs []string
		for i := 1; i < len(words); i++ {
			pairs = append(pairs, words[i-1]+"_"+words[i])
		}
		if got, want := wordPairs(in), strings.Join(pairs, " "); got != want {
			t.Errorf("wordPairs(%q) = %q, want %q", in, got, want)
		}
	})
}
