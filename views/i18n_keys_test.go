package views

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// pluralSuffixes are the forms Tn looks up, as key suffixes.
var pluralSuffixes = map[plural.Form]string{plural.One: "_one", plural.Few: "_few", plural.Many: "_many", plural.Other: "_other"}

// pluralBase is the count key a string belongs to ("comment" for "comment_few"), or "" when
// key is not a plural form of a key English counts with.
func pluralBase(key string) string {
	for _, suffix := range pluralSuffixes {
		if base, ok := strings.CutSuffix(key, suffix); ok {
			if _, counted := uiStrings["en"][base+"_other"]; counted {
				return base
			}
		}
	}
	return ""
}

// pluralFormsOf are the forms a language's rules give the counts a page shows; Other is always
// among them, because Tn falls back to it.
func pluralFormsOf(t *testing.T, lang string) map[string]bool {
	t.Helper()
	tag, err := language.Parse(lang)
	if err != nil {
		t.Fatalf("language %q: %v", lang, err)
	}
	forms := map[string]bool{"_other": true}
	for n := 0; n <= 1000; n++ {
		forms[pluralSuffixes[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]] = true
	}
	return forms
}

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// TestEveryLanguageHasEveryKey keeps the reader pages whole in every language: a key English
// has and another language lacks would show English in the middle of that language's page.
func TestEveryLanguageHasEveryKey(t *testing.T) {
	en := uiStrings["en"]
	for lang, strs := range uiStrings {
		if lang == "en" {
			continue
		}
		t.Run(lang, func(t *testing.T) {
			forms := pluralFormsOf(t, lang)
			for key, english := range en {
				base := pluralBase(key)
				if base != "" {
					continue // checked below, per form the language uses
				}
				s, ok := strs[key]
				if !ok {
					t.Errorf("missing %q (English %q)", key, english)
					continue
				}
				if got, want := sortedPlaceholders(s), sortedPlaceholders(english); !slices.Equal(got, want) {
					t.Errorf("%q = %q has placeholders %v, English has %v", key, s, got, want)
				}
			}
			for key := range en {
				base, ok := strings.CutSuffix(key, "_other")
				if !ok || pluralBase(key) == "" {
					continue
				}
				for suffix := range forms {
					if _, ok := strs[base+suffix]; !ok {
						t.Errorf("missing plural form %q", base+suffix)
					}
				}
			}
			for key := range strs {
				if _, ok := en[key]; !ok && pluralBase(key) == "" {
					t.Errorf("%q is not an English key: a typo, or English lacks it", key)
				}
			}
		})
	}
}

func sortedPlaceholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	slices.Sort(p)
	return p
}

func TestTfFillsPlaceholdersOnce(t *testing.T) {
	if got, want := Tf("en", "comment_form_reply", "name", "{name}"), "Reply to {name}"; got != want {
		t.Errorf("Tf = %q, want %q", got, want)
	}
	if got, want := Tf("ru", "search_empty", "query", "газ"), "По запросу «газ» ничего не найдено. Попробуйте сократить запрос или изменить слова."; got != want {
		t.Errorf("Tf = %q, want %q", got, want)
	}
}
