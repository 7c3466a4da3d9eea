package markdown

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// render renders src with default options and fails the test on error.
func render(t *testing.T, src string, page Page) Result {
	t.Helper()
	return renderWith(t, New(Options{}), src, page)
}

func renderWith(t *testing.T, r *Renderer, src string, page Page) Result {
	t.Helper()
	res, err := r.Render([]byte(src), page)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return res
}

// doc parses an HTML fragment for goquery assertions.
func doc(t *testing.T, html string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		t.Fatalf("parse html: %v", err)
	}
	return d
}

// check is one goquery assertion: the text (or, with attr set, the
// attribute) of the first match of sel must contain want; count, when
// non-zero, is the number of matches expected (-1 for none).
type check struct {
	sel, attr, want string
	count           int
}

func assertHTML(t *testing.T, html string, checks []check) {
	t.Helper()
	d := doc(t, html)
	for _, c := range checks {
		s := d.Find(c.sel)
		switch {
		case c.count == -1 && s.Length() != 0:
			t.Errorf("%q: want none, got %d in\n%s", c.sel, s.Length(), html)
			continue
		case c.count > 0 && s.Length() != c.count:
			t.Errorf("%q: want %d matches, got %d in\n%s", c.sel, c.count, s.Length(), html)
			continue
		case c.count != -1 && s.Length() == 0:
			t.Errorf("%q: no match in\n%s", c.sel, html)
			continue
		}
		if c.count == -1 {
			continue
		}
		got := s.First().Text()
		if c.attr != "" {
			got, _ = s.First().Attr(c.attr)
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%q %s: got %q, want it to contain %q", c.sel, c.attr, got, c.want)
		}
	}
}
