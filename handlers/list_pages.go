package handlers

import (
	"context"
	"errors"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gazette/content"
	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// listKind is a kind of list page.
type listKind int

const (
	listHome listKind = iota
	listSection
	listTaxonomy // /tags/: every term with its count
	listTerm
	listArchive
)

// listSpec is a list page a path names, before its page number.
type listSpec struct {
	kind    listKind
	lang    string
	prefix  string // the language's URL prefix: "" or "/es"
	section string // "post", or a nested section's path "post/sub"
	// folder is a nested section's content folder from the site root ("content/post/sub/"):
	// its articles are those stored below it.
	folder string
	// except are the folders of the sections nested below it: in Hugo their pages are theirs.
	except   []string
	taxonomy string
	term     data.Term
	year     string // archive year; "" = the newest
	month    string // archive month ("01"–"12") of year; "" = the year's newest
}

// base is the list's canonical path, unescaped.
func (l listSpec) base() string {
	switch l.kind {
	case listSection:
		// Hugo writes section URLs in lower case (content/TIL is /til/).
		return l.prefix + "/" + content.MakePathSanitized(l.section) + "/"
	case listTaxonomy:
		return l.prefix + "/" + l.taxonomy + "/"
	case listTerm:
		return l.prefix + "/" + l.taxonomy + "/" + l.term.Key + "/"
	case listArchive:
		return archiveURL(l.prefix, l.year, l.month)
	}
	return l.prefix + "/"
}

// keys are the list's dependency keys (data/migrations/0010): what a change must name for
// the list, its pages and its feeds to be rendered again.
func (l listSpec) keys() []string {
	switch l.kind {
	case listSection:
		// A nested section's articles carry their top-level section's key.
		top, _, _ := strings.Cut(l.section, "/")
		return []string{"sec:" + l.lang + ":" + top}
	case listTaxonomy:
		return []string{"tax:" + l.lang + ":" + l.taxonomy}
	case listTerm:
		if l.taxonomy == data.AuthorsTaxonomy {
			return authorPageKeys(l)
		}
		if l.term.ID == 0 {
			// A term only its own page names: its first article adds the term, which names
			// the taxonomy.
			return []string{"tax:" + l.lang + ":" + l.taxonomy}
		}
		return []string{"t:" + strconv.FormatInt(l.term.ID, 10)}
	case listArchive:
		// The page lists every year's count, so any dated article moves it.
		return []string{"arch:" + l.lang}
	}
	return []string{"home:" + l.lang}
}

// sectionQuery narrows a query to the section's articles.
func (l listSpec) sectionQuery(q *data.ListQuery) {
	q.Section, _, _ = strings.Cut(l.section, "/")
	q.SourcePrefix, q.ExceptPrefixes = l.folder, l.except
}

// url is page n of the list, escaped as a link writes it.
func (l listSpec) url(n int) string {
	b := content.EscapePath(l.base())
	if n <= 1 {
		return b
	}
	return b + "page/" + strconv.Itoa(n) + "/"
}

// knownTaxonomies always have a page, even before the first term exists: Mainroad links them.
var knownTaxonomies = map[string]bool{"tags": true, "categories": true, data.AuthorsTaxonomy: true}

// parseList reads a list page from a path ending in "/"; ok is false when the path names none
// (an unknown section or term, a year without articles).
func (s *site) parseList(ctx context.Context, st *reader.State, p string) (listSpec, bool) {
	if !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") {
		return listSpec{}, false
	}
	l := listSpec{lang: st.Settings.DefaultLanguage}
	var segs []string
	if p != "/" {
		segs = strings.Split(p[1:len(p)-1], "/")
	}
	for _, seg := range segs {
		if seg == "" {
			return listSpec{}, false
		}
	}
	if len(segs) > 0 && st.IsLanguage(segs[0]) {
		l.lang, l.prefix, segs = segs[0], "/"+segs[0], segs[1:]
	}
	ls, err := st.Lists(ctx, l.lang)
	if err != nil {
		s.log.Error("list lookup", "path", p, "err", err)
		return l, false
	}
	switch {
	case len(segs) == 0:
		l.kind = listHome
		return l, true
	case segs[0] == "archive" && len(segs) <= 3:
		l.kind = listArchive
		if len(segs) >= 2 {
			l.year = segs[1]
		}
		if len(segs) == 3 {
			l.month = segs[2]
		}
		return l, s.archiveHas(ctx, l.lang, l.year, l.month)
	case knownTaxonomies[segs[0]] || ls.Taxonomies[segs[0]]:
		l.taxonomy = segs[0]
		if len(segs) == 1 {
			l.kind = listTaxonomy
			return l, true
		}
		// A term may hold "/" (tag "parent/child"): Hugo keeps it in the URL,
		// /tags/parent/child/.
		key := strings.Join(segs[1:], "/")
		t, err := s.store.FindTerm(ctx, l.lang, l.taxonomy, key)
		if errors.Is(err, data.ErrNotFound) && l.taxonomy == data.AuthorsTaxonomy {
			// An author with a desk profile and no article yet.
			t, err = s.profileOnlyAuthor(ctx, key)
		}
		if errors.Is(err, data.ErrNotFound) {
			// A term no article carries still has Hugo's page when it has an _index file
			// (an author page before the author's first post).
			l.kind, l.term = listTerm, data.Term{Taxonomy: l.taxonomy, Key: key}
			if own, err := s.ownPage(ctx, l); err == nil && own.SourcePath != "" && !own.Draft {
				l.term.Name = firstNonEmpty(own.Title, key)
				return l, true
			}
			// Or when a list page names it (a section's _index with tags).
			if name, ok := s.listPageTerm(ctx, l.lang, l.taxonomy, key); ok {
				l.term.Name = name
				return l, true
			}
			return l, false
		}
		if err != nil {
			if ctx.Err() == nil { // a reader who left is no error
				s.log.Error("term lookup", "path", p, "err", err)
			}
			return l, false
		}
		l.kind, l.term = listTerm, t
		return l, true
	case len(segs) == 1 && ls.Sections[segs[0]] != "":
		// The section's own name, which may differ in case from its URL (content/TIL is /til/).
		l.kind, l.section = listSection, ls.Sections[segs[0]]
		return s.withNestedSections(ctx, l, l.section)
	case len(segs) == 1 && s.sectionHasOwnPage(ctx, l, segs[0]):
		l.kind, l.section = listSection, segs[0]
		return s.withNestedSections(ctx, l, l.section)
	case len(segs) > 1:
		// A nested section (a folder with its own _index file) lists what is stored below it.
		top := segs[0]
		if name := ls.Sections[top]; name != "" {
			top = name
		}
		l.kind, l.section = listSection, strings.Join(append([]string{top}, segs[1:]...), "/")
		if own, err := s.ownPage(ctx, l); err == nil && own.Kind == data.KindSection && own.SourcePath != "" {
			l.folder = path.Dir(own.SourcePath) + "/"
			return s.withNestedSections(ctx, l, own.Dir)
		}
	}
	return l, false
}

// withNestedSections notes the folders of the sections nested below the section at dir, whose
// pages its list and feed leave out (Hugo lists a section's own pages only).
func (s *site) withNestedSections(ctx context.Context, l listSpec, dir string) (listSpec, bool) {
	below, err := s.store.SectionFoldersBelow(ctx, l.lang, dir)
	if err != nil {
		s.log.Error("section folders", "section", dir, "err", err)
		return l, false
	}
	l.except = below
	return l, true
}

// archiveHas reports whether the archive has articles in a year (and month); "" asks nothing.
func (s *site) archiveHas(ctx context.Context, lang, year, month string) bool {
	if year == "" {
		return true
	}
	if !isDigits(year, 4) || (month != "" && !isDigits(month, 2)) {
		return false
	}
	months, err := s.store.ArchiveMonths(ctx, lang, year)
	if err != nil {
		s.log.Error("archive lookup", "year", year, "err", err)
		return false
	}
	for _, m := range months {
		if month == "" || m.Period == year+"-"+month {
			return true
		}
	}
	return false
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// serveList renders page n of a list.
func serveList(s *site, w http.ResponseWriter, r *http.Request, st *reader.State, l listSpec, n int) error {
	switch l.kind {
	case listTaxonomy:
		if l.taxonomy == data.AuthorsTaxonomy {
			return serveAuthorsIndex(s, w, r, st, l)
		}
		return serveTaxonomy(s, w, r, st, l)
	case listArchive:
		return serveArchive(s, w, r, st, l, n)
	}
	ctx := r.Context()
	size := max(st.Settings.PageSize, 1)
	q := data.ListQuery{Lang: l.lang, Limit: size, Offset: (n - 1) * size}
	kind := "list"
	switch l.kind {
	case listHome:
		q.Types, kind = st.MainTypes, "home"
	case listSection:
		l.sectionQuery(&q)
	case listTerm:
		q.Taxonomy, q.TermKey = l.taxonomy, l.term.Key
	}
	if n > 1 && (n-1) > 1_000_000/size {
		return data.ErrNotFound
	}
	var list []data.Article
	var total int
	var err error
	if l.kind == listTerm {
		// Hugo's term page lists the list pages that name the term too.
		list, total, err = s.termPage(ctx, l, q)
		l.term.Count = total
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
	own, err := s.ownPage(ctx, l)
	if err != nil {
		return err
	}
	v := views.ListPage{Page: s.page(ctx, r, st, reader.PageKind{Kind: kind, Lang: l.lang}), Pagination: paginate(l, n, pages), Intro: own.BodyHTML}
	cache, keys, err := s.newsroomList(ctx, st, l, n, &v, &list)
	if err != nil {
		return err
	}
	v.Description = st.Settings.Description
	switch l.kind {
	case listSection:
		v.Heading = firstNonEmpty(own.Title, capitalize(l.section))
		v.Description = ""
	case listTerm:
		// Hugo 0.111 titles a term as its first page wrote it (`go`, not `Go`).
		v.Heading = firstNonEmpty(own.Title, l.term.Name)
		v.Description = strconv.Itoa(l.term.Count) + " " + views.T(st.LangTag(l.lang), "posts")
	}
	// Mainroad's meta description: the site's on the home page, a list's own elsewhere.
	v.Page.Description = st.Settings.Description
	headDescription := v.Description
	if l.kind != listHome {
		v.Page.Description = own.Description
		headDescription = firstNonEmpty(own.Description, v.Description)
	}
	v.Title = v.Heading
	if n > 1 {
		v.Title = strings.TrimPrefix(v.Heading+" · ", " · ") + views.T(st.LangTag(l.lang), "page") + " " + strconv.Itoa(n)
	}
	v.Canonical = s.absURL(st, l.url(n))
	thumbs := make([]string, len(list))
	for i := range list {
		thumbs[i] = list[i].Thumbnail
	}
	uploads, err := reader.ThumbnailUploads(ctx, s.store, thumbs...)
	if err != nil {
		return err
	}
	comments, err := s.listCommentCounts(ctx, st, list)
	if err != nil {
		return err
	}
	for i := range list {
		it := s.listItem(st, &list[i], uploads)
		if n := comments[list[i].ID]; n > 0 {
			it.Meta.Comments, it.Meta.CommentsURL = n, it.URL+"#comments"
		}
		v.Items = append(v.Items, it)
	}
	if newsroomLayout(st.Settings.Params) {
		if err := s.labelItems(ctx, st, v.Items); err != nil {
			return err
		}
	}
	v.Head = s.listHead(r, st, l, v.Pagination, v.Heading, headDescription)
	modified, err := s.listModified(ctx, l, list)
	if err != nil {
		return err
	}
	setKeys(w, keys...)
	return render(w, r, http.StatusOK, views.List(v), cache, modified)
}

// listItem is one article as lists show it; uploads are the media-library files the page's
// thumbnails name.
func (s *site) listItem(st *reader.State, a *data.Article, uploads map[string]data.MediaFile) views.ListItem {
	a.SummaryHTML = reader.ExcerptHTML(a.SummaryHTML)
	return views.ListItem{
		Article: a,
		URL:     reader.ArticleURL(a),
		Thumb:   reader.SizedThumbnail(st.Thumbnail(a, "list"), uploads),
		Meta:    st.Meta(a, nil),
		// Every item or none: a link on some items only reads as a fault.
		ReadMore: reader.ParamBool(st.Settings.Params, "readmore"),
	}
}

// listCommentCounts are the published-comment counts of a page of articles, in one query:
// none where the site's comments are off, the article's own flag turns them off, or an editor
// hid its discussion (reader.DiscussionOf's rules that hide a discussion outright). A closed
// discussion keeps its comments, so its count still shows.
func (s *site) listCommentCounts(ctx context.Context, st *reader.State, list []data.Article) (map[int64]int, error) {
	if reader.CommentMode(st.Settings) == "off" {
		return nil, nil
	}
	var ids []int64
	for _, a := range list {
		if a.ID != 0 && (a.Comments == nil || *a.Comments) {
			ids = append(ids, a.ID)
		}
	}
	return s.store.ShownCommentCounts(ctx, ids)
}

func serveTaxonomy(s *site, w http.ResponseWriter, r *http.Request, st *reader.State, l listSpec) error {
	ctx := r.Context()
	terms, err := s.store.TermCounts(ctx, l.lang, l.taxonomy)
	if err != nil {
		return err
	}
	named, err := s.listPageTermCounts(ctx, l.lang, l.taxonomy)
	if err != nil {
		return err
	}
	terms = data.WithListPageTerms(terms, named)
	own, err := s.ownPage(ctx, l)
	if err != nil {
		return err
	}
	v := views.TermsPage{Page: s.page(ctx, r, st, reader.PageKind{Kind: "list", Lang: l.lang}), Heading: views.T(st.LangTag(l.lang), l.taxonomy), Intro: own.BodyHTML}
	if v.Heading == l.taxonomy {
		v.Heading = capitalize(l.taxonomy)
	}
	v.Heading, v.Page.Description = firstNonEmpty(own.Title, v.Heading), own.Description
	v.Title, v.Canonical = v.Heading, s.absURL(st, l.url(1))
	for _, t := range terms {
		v.Terms = append(v.Terms, views.TermLink{Name: t.Name, URL: reader.TermURL(l.prefix, l.taxonomy, t.Key), Count: t.Count})
	}
	setKeys(w, l.keys()...)
	return render(w, r, http.StatusOK, views.Terms(v), cachePublic, st.Modified)
}

// paginate builds the numbered navigation: first and last, two pages either side of n.
func paginate(l listSpec, n, total int) views.Pagination {
	pg := views.Pagination{Number: n, Total: total}
	if total <= 1 {
		return pg
	}
	if n > 1 {
		pg.FirstURL, pg.PrevURL = l.url(1), l.url(n-1)
	}
	if n < total {
		pg.NextURL, pg.LastURL = l.url(n+1), l.url(total)
	}
	last := 0
	for i := 1; i <= total; i++ {
		if i != 1 && i != total && (i < n-2 || i > n+2) {
			continue
		}
		if last != 0 && i > last+1 {
			pg.Pages = append(pg.Pages, views.PageLink{Gap: true})
		}
		pg.Pages = append(pg.Pages, views.PageLink{Number: i, URL: l.url(i), Current: i == n})
		last = i
	}
	return pg
}

// capitalize upper-cases a title's first letter, as Hugo titles sections and terms.
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// absURL is a site path on the site's base URL, for canonical links; "" when the base URL
// has no origin (see siteRoot), since a canonical link must be absolute.
func (s *site) absURL(st *reader.State, escapedPath string) string {
	if root := siteRoot(st); root != "" {
		return root + escapedPath
	}
	return ""
}

// listModified is a list page's Last-Modified: the newest of its articles' changes and
// appearances (a scheduled article goes live at its publish date, later than its last write)
// and of the list's own last change (an article that left it, an expiry), so that it only
// ever moves forward.
func (s *site) listModified(ctx context.Context, l listSpec, list []data.Article) (time.Time, error) {
	t, err := s.store.KeysChangedAt(ctx, l.keys()...)
	if err != nil {
		return time.Time{}, err
	}
	for _, a := range list {
		t = latest(t, a.UpdatedAt, a.PublishDate)
	}
	return t, nil
}

// latest is the newest of times.
func latest(times ...time.Time) (t time.Time) {
	for _, u := range times {
		if u.After(t) {
			t = u
		}
	}
	return t
}
