package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"gazette/content"
	"gazette/data"
	"gazette/views"
)

// The article form's front-page flags and authors (issue 17) are front matter, edited like
// every other field: only a changed field becomes an edit, so an unchanged save writes nothing
// and an exported article says what the desk set (`leadstory: true`, `authors: [...]`).

// newsroomFlagKeys are the flags' front-matter keys, in the form's order.
var newsroomFlagKeys = []string{"leadstory", "featured", "sectionlead", "sectionfeatured"}

// maxAuthors bounds an article's byline.
const maxAuthors = 20

// newsroomFromForm reads the flags and the author picker: the ticked profiles in the form's
// order, then the names typed.
func newsroomFromForm(f url.Values) views.NewsroomValues {
	v := views.NewsroomValues{Lead: f.Get("leadstory") != "", Featured: f.Get("featured") != "",
		SectionLead: f.Get("sectionlead") != "", SectionFeatured: f.Get("sectionfeatured") != ""}
	names := append([]string{}, f["authors_pick"]...)
	names = append(names, strings.Split(f.Get("authors_more"), ",")...)
	v.Authors = strings.Join(authorList(strings.Join(names, ",")), ", ")
	return v
}

// newsroomFromArticle fills the fields from a stored article.
func newsroomFromArticle(a *data.Article) views.NewsroomValues {
	flag := func(k string) bool { return content.Truthy(a.FrontMatter[k]) }
	return views.NewsroomValues{Lead: flag("leadstory"), Featured: flag("featured"), SectionLead: flag("sectionlead"),
		SectionFeatured: flag("sectionfeatured"), Authors: termNames(a, data.AuthorsTaxonomy)}
}

// authorList splits comma-separated names: trimmed, no blanks, each name once (by its page
// key, as Hugo counts terms), at most maxAuthors.
func authorList(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range strings.Split(s, ",") {
		n = strings.TrimSpace(n)
		if utf8.RuneCountInString(n) > 100 {
			n = string([]rune(n)[:100])
		}
		k := content.Urlize(n)
		if k == "" || seen[k] || len(out) == maxAuthors {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// newsroomEdits are the front-matter edits of the fields the editor changed from shown: a
// flag ticked is written true, a flag cleared is removed; authors are written as a list, or
// removed when none is left.
func newsroomEdits(shown, posted views.NewsroomValues, base *data.Article) []content.Edit {
	var edits []content.Edit
	was := []bool{shown.Lead, shown.Featured, shown.SectionLead, shown.SectionFeatured}
	now := []bool{posted.Lead, posted.Featured, posted.SectionLead, posted.SectionFeatured}
	for i, key := range newsroomFlagKeys {
		switch {
		case was[i] == now[i]:
		case now[i]:
			edits = append(edits, content.Edit{Keys: []string{key}, Value: true})
		case hasKey(base.FrontMatter, key):
			edits = append(edits, content.Edit{Keys: []string{key}, Delete: true})
		}
	}
	if shown.Authors != posted.Authors {
		names := authorList(posted.Authors)
		switch {
		case len(names) > 0:
			edits = append(edits, content.Edit{Keys: []string{data.AuthorsTaxonomy}, Value: names})
		case hasKey(base.FrontMatter, data.AuthorsTaxonomy):
			edits = append(edits, content.Edit{Keys: []string{data.AuthorsTaxonomy}, Delete: true})
		}
	}
	return edits
}

// newsroomForm is the author picker (every profile, the article's authors ticked, in byline
// order first) and the article's notes.
func (dk *desk) newsroomForm(ctx context.Context, id int64, v views.NewsroomValues) (views.NewsroomForm, error) {
	loc := siteLocation(dk.settings(ctx))
	f := views.NewsroomForm{ArticleID: id, TimeZone: loc.String(), NoteTime: dk.store.Now().In(loc).Format(formTime)}
	profiles, err := dk.store.AuthorProfiles(ctx)
	if err != nil {
		return f, err
	}
	bySlug := map[string]data.AuthorProfile{}
	for _, p := range profiles {
		bySlug[p.Slug] = p
	}
	picked := map[string]bool{}
	var more []string
	for _, name := range authorList(v.Authors) {
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
	notes, err := dk.store.ArticleNotes(ctx, id)
	for _, n := range notes {
		f.Notes = append(f.Notes, views.NoteRow{ID: n.ID, Kind: n.Kind, Note: n.Note, At: n.At})
	}
	return f, err
}

// handleNoteAdd records a correction or update on an article; readers see it at once.
func handleNoteAdd(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		sess, _ := sessionFrom(r.Context())
		fr := &fieldReader{loc: siteLocation(dk.settings(r.Context()))}
		n := data.ArticleNote{ArticleID: id, Kind: r.PostForm.Get("note_kind")}
		n.Note = fr.text("note_text", strings.TrimSpace(r.PostForm.Get("note_text")), 2000, true)
		if strings.TrimSpace(r.PostForm.Get("note_at")) == "" {
			n.At = dk.store.Now().In(fr.loc).Truncate(time.Second)
		} else {
			n.At = fr.date("note_at", r.PostForm.Get("note_at"))
		}
		if n.Kind != data.NoteCorrection && n.Kind != data.NoteUpdate {
			fr.errs.Add("note_kind", "Pick correction or update.")
		}
		if invalid := fr.errs.ErrFields(); invalid != nil {
			dk.renderNoteErrors(w, r, id, invalid.Fields)
			return
		}
		if _, err := dk.store.AddArticleNote(r.Context(), n, sess.Editor.ID); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "note", "article "+strconv.FormatInt(id, 10), n.Kind)
		seeOther(w, r, "/admin/articles/"+strconv.FormatInt(id, 10)+"?done=noted#notes-panel-title")
	})
}

// renderNoteErrors shows the article form again with the note's errors (422).
func (dk *desk) renderNoteErrors(w http.ResponseWriter, r *http.Request, id int64, errs map[string]string) {
	a, st, err := dk.loadForDesk(r, id)
	if err != nil {
		dk.deskError(w, r, err)
		return
	}
	fs := dk.formState(&a, st)
	fs.errs, fs.message = errs, "The note was not added: correct the fields marked below."
	dk.renderArticleForm(w, r, http.StatusUnprocessableEntity, valuesFromArticle(&a, siteLocation(dk.settings(r.Context()))), fs)
}

// handleNoteDelete removes a note (a note added by mistake).
func handleNoteDelete(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
		note, _ := strconv.ParseInt(mux.Vars(r)["note"], 10, 64)
		if err := dk.store.DeleteArticleNote(r.Context(), id, note); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "note-delete", "article "+strconv.FormatInt(id, 10), strconv.FormatInt(note, 10))
		seeOther(w, r, "/admin/articles/"+strconv.FormatInt(id, 10)+"?done=saved")
	})
}
