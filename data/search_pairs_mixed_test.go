package data

import (
	"slices"
	"testing"
)

// Text with some non-ASCII is split by mixedWords; it must fold exactly as unicodeWords does.
func TestMixedWordsAsUnicodeWords(t *testing.T) {
	for _, in := range mixedWordsSeeds {
		if got, want := mixedWords(in), unicodeWords(in); !slices.Equal(got, want) {
			t.Errorf("mixedWords(%q) = %q, unicodeWords %q", in, got, want)
		}
	}
}

var mixedWordsSeeds = []string{"", "The café, by the quay!", "“Costs had risen,” she said — twice.", "Déjà-vu 3.5 times",
	"Гавань  открыта", "\xff broken \xfe utf8", "e\u0301\u0327x", "a\u0327\u0301b", "ÅNGSTRÖM Ǆ ǅ", "한국어 텍스트 日本語",
	"x\u0345\u0301y", "ﬁne ﬀ ½ ²", "İstanbul ΣΑΣ", "a\u034fb", "a" + string(make([]byte, 3)) + "é"}

func FuzzMixedWords(f *testing.F) {
	for _, s := range mixedWordsSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := mixedWords(in), unicodeWords(in); !slices.Equal(got, want) {
			t.Errorf("mixedWords(%q) = %q, unicodeWords %q", in, got, want)
		}
	})
}
