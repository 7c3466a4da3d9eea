package handlers

import (
	"context"
	"html"
	"strings"

	"github.com/gorilla/feeds"

	"gazette/data"
	"gazette/views"
)

// feedNotes are the newest correction or update of each of a feed's articles.
func (s *site) feedNotes(ctx context.Context, list []data.Article) (map[int64]data.ArticleNote, error) {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	return s.store.LatestNotes(ctx, ids)
}

// markNoted marks a feed entry whose article was corrected or updated: its updated time moves
// to the note's (Atom <updated>, JSON Feed date_modified) and its summary starts with the note,
// so a reader's feed shows the change and not only a silent edit.
func markNoted(item *feeds.Item, n data.ArticleNote, lang string) {
	if n.ID == 0 {
		return
	}
	if n.At.After(item.Updated) {
		item.Updated = n.At
	}
	item.Description = "<p><strong>" + html.EscapeString(views.T(lang, "note_"+n.Kind)) + ":</strong> " +
		html.EscapeString(n.Note) + "</p>" + item.Description
}

// authorNames are an article's `authors`, comma-separated, as a feed names them.
func authorNames(a *data.Article) string {
	var names []string
	for _, t := range a.TermsOf(data.AuthorsTaxonomy) {
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}
