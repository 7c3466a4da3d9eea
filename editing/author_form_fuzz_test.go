package editing

import (
	"strings"
	"testing"
	"unicode/utf8"

	"gazette/reader"
	"gazette/views"
)

// FuzzAuthorForm: whatever an editor types, a profile that passes has an address that stays
// one URL segment, a name within bounds and only web or mail links; a byline list never holds
// a blank or a repeated author.
func FuzzAuthorForm(f *testing.F) {
	f.Add("Ana Ruiz", "", "Site | https://ana.example/\nMail | mailto:a@example.com", "Ana Ruiz, ana ruiz, , Ben")
	f.Add("../../etc", "a/b", "javascript:alert(1)", ",,,")
	f.Add("Zoë Ñúñez", "zoë", "| https://x.example/ y", strings.Repeat("x,", 40))
	f.Fuzz(func(t *testing.T, name, slug, links, authors string) {
		p, errs := AuthorFromForm(views.AuthorValues{Name: name, Slug: slug, Links: links})
		if len(errs) == 0 {
			if p.Slug == "" || strings.ContainsAny(p.Slug, "/.?#") || p.Slug == "new" {
				t.Errorf("slug %q accepted", p.Slug)
			}
			if p.Name == "" || utf8.RuneCountInString(p.Name) > 100 {
				t.Errorf("name %q accepted", p.Name)
			}
			for _, l := range p.Links {
				if !reader.SafeLink(l.URL) || strings.ContainsAny(l.URL, " <>\"") {
					t.Errorf("link %q accepted", l.URL)
				}
			}
		}
		list := AuthorList(authors)
		seen := map[string]bool{}
		for _, n := range list {
			if strings.TrimSpace(n) == "" || seen[strings.ToLower(n)] {
				t.Errorf("author list %q from %q", list, authors)
			}
			seen[strings.ToLower(n)] = true
		}
		if len(list) > MaxAuthors {
			t.Errorf("%d authors", len(list))
		}
	})
}
