package reader

import (
	"slices"
	"testing"

	"gazette/data"
)

func TestListingPathsAndKeys(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		l    Listing
		url2 string
		keys []string
	}{
		{"home", Listing{Kind: HomeListing, Lang: "en"}, "/page/2/", []string{"home:en"}},
		{"home in another language", Listing{Kind: HomeListing, Lang: "es", LangPrefix: "/es"}, "/es/page/2/", []string{"home:es"}},
		{"section in lower case", Listing{Kind: SectionListing, Lang: "en", Section: "TIL"}, "/til/page/2/", []string{"sec:en:TIL"}},
		{"nested section keyed by its top", Listing{Kind: SectionListing, Lang: "en", Section: "post/sub"}, "/post/sub/page/2/", []string{"sec:en:post"}},
		{"taxonomy", Listing{Kind: TaxonomyListing, Lang: "en", Taxonomy: "tags"}, "/tags/page/2/", []string{"tax:en:tags"}},
		{"term", Listing{Kind: TermListing, Lang: "en", Taxonomy: "tags", Term: data.Term{ID: 7, Key: "go"}}, "/tags/go/page/2/", []string{"t:7"}},
		{"term only its page names", Listing{Kind: TermListing, Lang: "en", Taxonomy: "tags", Term: data.Term{Key: "x"}}, "/tags/x/page/2/", []string{"tax:en:tags"}},
		{"author without articles", Listing{Kind: TermListing, Lang: "en", Taxonomy: data.AuthorsTaxonomy, Term: data.Term{Key: "ann"}}, "/authors/ann/page/2/", []string{"t:0", "author:ann", "home:en"}},
		{"archive month", Listing{Kind: ArchiveListing, Lang: "en", Year: "2026", Month: "11"}, "/archive/2026/11/page/2/", []string{"arch:en"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.l.URL(2); got != c.url2 {
				t.Errorf("URL(2) = %q, want %q", got, c.url2)
			}
			if got := c.l.URL(1); got+"page/2/" != c.url2 {
				t.Errorf("URL(1) = %q, not page 2's list", got)
			}
			if got := c.l.Keys(); !slices.Equal(got, c.keys) {
				t.Errorf("Keys() = %q, want %q", got, c.keys)
			}
		})
	}
}

func TestPaginateShowsEndsAndTwoEitherSide(t *testing.T) {
	t.Parallel()
	l := Listing{Kind: SectionListing, Section: "news"}
	pg := Paginate(l, 6, 20)
	var got []int
	for _, p := range pg.Pages {
		got = append(got, p.Number) // a gap is 0
	}
	if want := []int{1, 0, 4, 5, 6, 7, 8, 0, 20}; !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	if pg.PrevURL != "/news/page/5/" || pg.NextURL != "/news/page/7/" || pg.FirstURL != "/news/" || pg.LastURL != "/news/page/20/" {
		t.Errorf("links %+v", pg)
	}
	if one := Paginate(l, 1, 1); len(one.Pages) != 0 || one.NextURL != "" {
		t.Errorf("a single page has navigation: %+v", one)
	}
}
