package reader

import (
	"context"
	"time"

	"gazette/data"
	"gazette/views"
)

// ArticleNewsroom adds what issue 17 gives an article page: bylines linking to the authors'
// pages, their profiles under the article and in the JSON-LD, and the log of corrections and
// updates, whose newest time becomes the page's "updated" date and dateModified. It returns
// when the page last changed.
func (st *State) ArticleNewsroom(ctx context.Context, a *data.Article, v *views.ArticlePage) (time.Time, error) {
	profiles, err := st.authorProfiles(ctx)
	if err != nil {
		return time.Time{}, err
	}
	v.Bylines = st.bylineLinks(a, profiles)
	if len(v.Bylines) > 0 {
		v.Meta.Author = "" // the byline names them, linked
	}
	var persons []map[string]any
	root := st.SiteRoot()
	for i, t := range a.TermsOf(data.AuthorsTaxonomy) {
		if i >= len(v.Bylines) {
			break
		}
		person := map[string]any{"@type": "Person", "name": v.Bylines[i].Name}
		if root != "" {
			person["url"] = root + v.Bylines[i].URL
		}
		if p, ok := profiles[t.Key]; ok {
			card := authorCard(p, v.Bylines[i].URL)
			v.AuthorCards = append(v.AuthorCards, card)
			if card.Avatar != "" {
				person["image"] = absoluteURL(root, card.Avatar)
			}
			if card.Bio != "" {
				person["description"] = card.Bio
			}
			var same []string
			for _, l := range card.Links {
				same = append(same, l.URL)
			}
			if len(same) > 0 {
				person["sameAs"] = same
			}
		}
		persons = append(persons, person)
	}
	notes, err := st.model.store.ArticleNotes(ctx, a.ID)
	if err != nil {
		return time.Time{}, err
	}
	modified := a.UpdatedAt
	var noted time.Time
	for _, n := range notes {
		v.Notes = append(v.Notes, views.NoteView{Kind: n.Kind, Label: views.T(st.LangTag(a.Lang), "note_"+n.Kind), Note: n.Note, At: n.At})
		noted, modified = latest(noted, n.At), latest(modified, n.Created)
	}
	if noted.After(v.Meta.Lastmod) && noted.After(a.Date) {
		v.Meta.Lastmod = noted
	}
	if len(v.Head.JSONLD) > 0 {
		ld := v.Head.JSONLD[0]
		if len(persons) > 0 {
			ld["author"] = persons
		}
		if noted.After(v.Head.Modified) {
			v.Head.Modified = noted
			ld["dateModified"] = isoDate(noted)
		}
	}
	return modified, nil
}
