package editing

import (
	"context"
	"net/url"
	"strings"
	"unicode/utf8"

	"gazette/content"
	"gazette/data"
	"gazette/views"
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

// NewsroomForm is the author picker (every profile, the article's authors ticked, in byline
// order first) and the article's notes.
func NewsroomForm(ctx context.Context, store *data.Store, set data.SiteSettings, id int64, v views.NewsroomValues) (views.NewsroomForm, error) {
	loc := SiteLocation(set)
	f := views.NewsroomForm{ArticleID: id, TimeZone: loc.String(), NoteTime: store.Now().In(loc).Format(FormTime)}
	profiles, err := store.AuthorProfiles(ctx)
	if err != nil {
		return f, err
	}
	bySlug := map[string]data.AuthorProfile{}
	for _, p := range profiles {
		bySlug[p.Slug] = p
	}
	picked := map[string]bool{}
	var more []string
	for _, name := range AuthorList(v.Authors) {
		k := content.Urlize(name)
		if _, ok := bySlug[k]; ok {
			picked[k] = true
			f.AuthorChoices = append(f.AuthorChoices, views.AuthorChoice{Name: name, Slug: k, Checked: true})
		} else {
			more = append(more, name)
		}
	}
	for _, p := range profiles {
		if !picked[p.Slug] {
			f.AuthorChoices = append(f.AuthorChoices, views.AuthorChoice{Name: p.Name, Slug: p.Slug})
		}
	}
	f.MoreAuthors = strings.Join(more, ", ")
	if id == 0 {
		return f, nil
	}
	notes, err := store.ArticleNotes(ctx, id)
	for _, n := range notes {
		f.Notes = append(f.Notes, views.NoteRow{ID: n.ID, Kind: n.Kind, Note: n.Note, At: n.At})
	}
	return f, err
}
