package handlers

import (
	"net/http"

	"gazette/reader"
	"gazette/views"
)

// Authors (issue 17) are the terms of the `authors` taxonomy, which every site has: an
// article's `authors` front matter lists them, /authors/<key>/ is a term page with its
// pagination and feeds, and a profile (data.AuthorProfile, edited in the desk) gives the term
// a name, a picture, a bio and links.

// serveAuthorsIndex is /authors/: every author with a profile or a published article in the
// language, by name, with their picture and count.
func serveAuthorsIndex(s *site, w http.ResponseWriter, r *http.Request, st *reader.State, l reader.Listing) error {
	ctx := r.Context()
	entries, err := st.AuthorIndex(ctx, l)
	if err != nil {
		return err
	}
	own, err := st.OwnPage(ctx, l)
	if err != nil {
		return err
	}
	v := views.AuthorsPage{Page: s.page(ctx, r, st, reader.PageKind{Kind: "list", Lang: l.Lang}), Intro: own.BodyHTML}
	v.Heading = firstNonEmpty(own.Title, views.T(st.LangTag(l.Lang), "authors"))
	v.Title, v.Canonical, v.Page.Description = v.Heading, st.AbsURL(l.URL(1)), own.Description
	v.Authors = entries
	setKeys(w, append(l.Keys(), "authors")...)
	return render(w, r, http.StatusOK, views.AuthorsIndex(v), cachePublic, st.Modified)
}
