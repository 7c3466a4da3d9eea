package editing

import (
	"gazette/content"
	"gazette/data"
	"gazette/views"
	"net/url"
	"strings"
	"unicode/utf8"
)

// The article form's front-page flags and authors (issue 17) are front matter, edited like
// every other field: only a changed field becomes an edit, so an unchanged save writes nothing
// and an exported article says what the desk set (`leadstory: true`, `authors: [...]`).

// newsroomFlagKeys are the flags' front-matter keys, in the form's order.
var newsroomFlagKeys = []string{"leadstory", "featured", "sectionlead", "sectionfeatured"}

// MaxAuthors bounds an article's byline.
const MaxAuthors = 20

// NewsroomFromForm reads the flags and the author picker: the ticked profiles in the form's
// order, then the names typed.
func NewsroomFromForm(f url.Values) views.NewsroomValues {
	v := views.NewsroomValues{Lead: f.Get("leadstory") != "", Featured: f.Get("featured") != "",
		SectionLead: f.Get("sectionlead") != "", SectionFeatured: f.Get("sectionfeatured") != ""}
	names := append([]string{}, f["authors_pick"]...)
	names = append(names, strings.Split(f.Get("authors_more"), ",")...)
	v.Authors = strings.Join(AuthorList(strings.Join(names, ",")), ", ")
	return v
}

// NewsroomFromArticle fills the fields from a stored article.
func NewsroomFromArticle(a *data.Article) views.NewsroomValues {
	flag := func(k string) bool { return content.Truthy(a.FrontMatter[k]) }
	return views.NewsroomValues{Lead: flag("leadstory"), Featured: flag("featured"), SectionLead: flag("sectionlead"),
		SectionFeatured: flag("sectionfeatured"), Authors: TermNames(a, data.AuthorsTaxonomy)}
}

// AuthorList splits comma-separated names: trimmed, no blanks, each name once (by its page
// key, as Hugo counts terms), at most MaxAuthors.
func AuthorList(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range strings.Split(s, ",") {
		n = strings.TrimSpace(n)
		if utf8.RuneCountInString(n) > 100 {
			n = string([]rune(n)[:100])
		}
		k := content.Urlize(n)
		if k == "" || seen[k] || len(out) == MaxAuthors {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// NewsroomEdits are the front-matter edits of the fields the editor changed from shown: a
// flag ticked is written true, a flag cleared is removed; authors are written as a list, or
// removed when none is left.
func NewsroomEdits(shown, posted views.NewsroomValues, base *data.Article) []content.Edit {
	var edits []content.Edit
	was := []bool{shown.Lead, shown.Featured, shown.SectionLead, shown.SectionFeatured}
	now := []bool{posted.Lead, posted.Featured, posted.SectionLead, posted.SectionFeatured}
	for i, key := range newsroomFlagKeys {
		switch {
		case was[i] == now[i]:
		case now[i]:
			edits = append(edits, content.Edit{Keys: []string{key}, Value: true})
		case HasKey(base.FrontMatter, key):
			edits = append(edits, content.Edit{Keys: []string{key}, Delete: true})
		}
	}
	if shown.Authors != posted.Authors {
		names := AuthorList(posted.Authors)
		switch {
		case len(names) > 0:
			edits = append(edits, content.Edit{Keys: []string{data.AuthorsTaxonomy}, Value: names})
		case HasKey(base.FrontMatter, data.AuthorsTaxonomy):
			edits = append(edits, content.Edit{Keys: []string{data.AuthorsTaxonomy}, Delete: true})
		}
	}
	return edits
}
