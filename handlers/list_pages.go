package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// serveList renders page n of a list.
func serveList(s *site, w http.ResponseWriter, r *http.Request, st *reader.State, l reader.Listing, n int) error {
	switch l.Kind {
	case reader.TaxonomyListing:
		if l.Taxonomy == data.AuthorsTaxonomy {
			return serveAuthorsIndex(s, w, r, st, l)
		}
		return serveTaxonomy(s, w, r, st, l)
	case reader.ArchiveListing:
		return serveArchive(s, w, r, st, l, n)
	}
	ctx := r.Context()
	size := max(st.Settings.PageSize, 1)
	q := data.ListQuery{Lang: l.Lang, Limit: size, Offset: (n - 1) * size}
	kind := "list"
	switch l.Kind {
	case reader.HomeListing:
		q.Types, kind = st.MainTypes, "home"
	case reader.SectionListing:
		l.NarrowToSection(&q)
	case reader.TermListing:
		q.Taxonomy, q.TermKey = l.Taxonomy, l.Term.Key
	}
	if n > 1 && (n-1) > 1_000_000/size {
		return data.ErrNotFound
	}
	var list []data.Article
	var total int
	var err error
	if l.Kind == reader.TermListing {
		// Hugo's term page lists the list pages that name the term too.
		list, total, err = st.TermPage(ctx, l, q)
		l.Term.Count = total
	} else {
		list, total, err = s.store.ListPublished(ctx, q)
	}
	if err != nil {
		return err
	}
	pages := max(1, (total+size-1)/size)
	if n > pages {
		return data.ErrNotFound
	}
	own, err := st.OwnPage(ctx, l)
	if err != nil {
		return err
	}
	v := views.ListPage{Page: s.page(ctx, r, st, reader.PageKind{Kind: kind, Lang: l.Lang}), Pagination: reader.Paginate(l, n, pages), Intro: own.BodyHTML}
	keys, bannerUntil, err := st.NewsroomList(ctx, l, n, &v, &list)
	if err != nil {
		return err
	}
	v.Description = st.Settings.Description
	switch l.Kind {
	case reader.SectionListing:
		v.Heading = firstNonEmpty(own.Title, reader.Capitalize(l.Section))
		v.Description = ""
	case reader.TermListing:
		// Hugo 0.111 titles a term as its first page wrote it (`go`, not `Go`).
		v.Heading = firstNonEmpty(own.Title, l.Term.Name)
		v.Description = strconv.Itoa(l.Term.Count) + " " + views.T(st.LangTag(l.Lang), "posts")
	}
	// Mainroad's meta description: the site's on the home page, a list's own elsewhere.
	v.Page.Description = st.Settings.Description
	headDescription := v.Description
	if l.Kind != reader.HomeListing {
		v.Page.Description = own.Description
		headDescription = firstNonEmpty(own.Description, v.Description)
	}
	v.Title = v.Heading
	if n > 1 {
		v.Title = strings.TrimPrefix(v.Heading+" · ", " · ") + views.T(st.LangTag(l.Lang), "page") + " " + strconv.Itoa(n)
	}
	v.Canonical = st.AbsURL(l.URL(n))
	if v.Items, err = st.ListPageItems(ctx, list); err != nil {
		return err
	}
	v.Head = st.ListHead(l, v.Pagination, v.Heading, headDescription, feedKinds)
	modified, err := st.ListingModified(ctx, l, list)
	if err != nil {
		return err
	}
	setKeys(w, keys...)
	return render(w, r, http.StatusOK, views.List(v), expiringCache(bannerUntil, s.store.Now()), modified)
}

func serveTaxonomy(s *site, w http.ResponseWriter, r *http.Request, st *reader.State, l reader.Listing) error {
	ctx := r.Context()
	terms, err := s.store.TermCounts(ctx, l.Lang, l.Taxonomy)
	if err != nil {
		return err
	}
	named, err := st.ListPageTermCounts(ctx, l.Lang, l.Taxonomy)
	if err != nil {
		return err
	}
	terms = data.WithListPageTerms(terms, named)
	own, err := st.OwnPage(ctx, l)
	if err != nil {
		return err
	}
	v := views.TermsPage{Page: s.page(ctx, r, st, reader.PageKind{Kind: "list", Lang: l.Lang}), Heading: views.T(st.LangTag(l.Lang), l.Taxonomy), Intro: own.BodyHTML}
	if v.Heading == l.Taxonomy {
		v.Heading = reader.Capitalize(l.Taxonomy)
	}
	v.Heading, v.Page.Description = firstNonEmpty(own.Title, v.Heading), own.Description
	v.Title, v.Canonical = v.Heading, st.AbsURL(l.URL(1))
	for _, t := range terms {
		v.Terms = append(v.Terms, views.TermLink{Name: t.Name, URL: reader.TermURL(l.LangPrefix, l.Taxonomy, t.Key), Count: t.Count})
	}
	setKeys(w, l.Keys()...)
	return render(w, r, http.StatusOK, views.Terms(v), cachePublic, st.Modified)
}
