package reader

import (
	"cmp"
	"context"
	"errors"
	"path"
	"strings"

	"gazette/content"
	"gazette/data"
)

// knownTaxonomies always have a page, even before the first term exists: Mainroad links them.
var knownTaxonomies = map[string]bool{"tags": true, "categories": true, data.AuthorsTaxonomy: true}

// ParseListing reads the list page a path ending in "/" names; ok is false when the path
// names none (an unknown section or term, a year without articles). A failed lookup is
// logged and names none.
func (st *State) ParseListing(ctx context.Context, p string) (Listing, bool) {
	if !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") {
		return Listing{}, false
	}
	store := st.model.store
	l := Listing{Lang: st.Settings.DefaultLanguage}
	var segs []string
	if p != "/" {
		segs = strings.Split(p[1:len(p)-1], "/")
	}
	for _, seg := range segs {
		if seg == "" {
			return Listing{}, false
		}
	}
	if len(segs) > 0 && st.IsLanguage(segs[0]) {
		l.Lang, l.LangPrefix, segs = segs[0], "/"+segs[0], segs[1:]
	}
	ls, err := st.Lists(ctx, l.Lang)
	if err != nil {
		st.logLookup(ctx, "list lookup", "path", p, "err", err)
		return l, false
	}
	switch {
	case len(segs) == 0:
		l.Kind = HomeListing
		return l, true
	case segs[0] == "archive" && len(segs) <= 3:
		l.Kind = ArchiveListing
		if len(segs) >= 2 {
			l.Year = segs[1]
		}
		if len(segs) == 3 {
			l.Month = segs[2]
		}
		return l, st.archiveHas(ctx, l.Lang, l.Year, l.Month)
	case knownTaxonomies[segs[0]] || ls.Taxonomies[segs[0]]:
		l.Taxonomy = segs[0]
		if len(segs) == 1 {
			l.Kind = TaxonomyListing
			return l, true
		}
		// A term may hold "/" (tag "parent/child"): Hugo keeps it in the URL,
		// /tags/parent/child/.
		key := strings.Join(segs[1:], "/")
		t, err := store.FindTerm(ctx, l.Lang, l.Taxonomy, key)
		if errors.Is(err, data.ErrNotFound) && l.Taxonomy == data.AuthorsTaxonomy {
			// An author with a desk profile and no article yet.
			t, err = st.profileOnlyAuthor(ctx, key)
		}
		if errors.Is(err, data.ErrNotFound) {
			// A term no article carries still has Hugo's page when it has an _index file
			// (an author page before the author's first post).
			l.Kind, l.Term = TermListing, data.Term{Taxonomy: l.Taxonomy, Key: key}
			if own, err := st.OwnPage(ctx, l); err == nil && own.SourcePath != "" && !own.Draft {
				l.Term.Name = cmp.Or(own.Title, key)
				return l, true
			}
			// Or when a list page names it (a section's _index with tags).
			if name, ok := st.listPageTerm(ctx, l.Lang, l.Taxonomy, key); ok {
				l.Term.Name = name
				return l, true
			}
			return l, false
		}
		if err != nil {
			st.logLookup(ctx, "term lookup", "path", p, "err", err)
			return l, false
		}
		l.Kind, l.Term = TermListing, t
		return l, true
	case len(segs) == 1 && ls.Sections[segs[0]] != "":
		// The section's own name, which may differ in case from its URL (content/TIL is /til/).
		l.Kind, l.Section = SectionListing, ls.Sections[segs[0]]
		return st.withNestedSections(ctx, l, l.Section)
	case len(segs) == 1 && st.sectionHasOwnPage(ctx, l, segs[0]):
		l.Kind, l.Section = SectionListing, segs[0]
		return st.withNestedSections(ctx, l, l.Section)
	case len(segs) > 1:
		// A nested section (a folder with its own _index file) lists what is stored below it.
		top := segs[0]
		if name := ls.Sections[top]; name != "" {
			top = name
		}
		l.Kind, l.Section = SectionListing, strings.Join(append([]string{top}, segs[1:]...), "/")
		if own, err := st.OwnPage(ctx, l); err == nil && own.Kind == data.KindSection && own.SourcePath != "" {
			l.Folder = path.Dir(own.SourcePath) + "/"
			return st.withNestedSections(ctx, l, own.Dir)
		}
	}
	return l, false
}

// FeedListing is the list whose feeds stand at dir: Gazette's archive has none, but a site's
// own "archive" section (an _index file or articles), whose page Gazette's archive replaces,
// had Hugo's.
func (st *State) FeedListing(ctx context.Context, dir string) (Listing, bool) {
	l, ok := st.ParseListing(ctx, dir)
	if !ok || l.Kind != ArchiveListing {
		return l, ok
	}
	if l.Year != "" {
		return l, false
	}
	sec := Listing{Kind: SectionListing, Lang: l.Lang, LangPrefix: l.LangPrefix, Section: "archive"}
	ls, err := st.Lists(ctx, l.Lang)
	if err != nil {
		st.logLookup(ctx, "list lookup", "path", dir, "err", err)
		return l, false
	}
	if name, ok := ls.Sections["archive"]; ok {
		sec.Section = name
		return sec, true
	}
	return sec, st.sectionHasOwnPage(ctx, l, "archive")
}

// withNestedSections notes the folders of the sections nested below the section at dir, whose
// pages its list and feed leave out (Hugo lists a section's own pages only).
func (st *State) withNestedSections(ctx context.Context, l Listing, dir string) (Listing, bool) {
	below, err := st.model.store.SectionFoldersBelow(ctx, l.Lang, dir)
	if err != nil {
		st.logLookup(ctx, "section folders", "section", dir, "err", err)
		return l, false
	}
	l.NestedFolders = below
	return l, true
}

// archiveHas reports whether the archive has articles in a year (and month); "" asks nothing.
func (st *State) archiveHas(ctx context.Context, lang, year, month string) bool {
	if year == "" {
		return true
	}
	if !isDigits(year, 4) || (month != "" && !isDigits(month, 2)) {
		return false
	}
	months, err := st.model.store.ArchiveMonths(ctx, lang, year)
	if err != nil {
		st.logLookup(ctx, "archive lookup", "year", year, "err", err)
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

// OwnPage is a list's own page (the home, section, taxonomy or term _index file it was
// imported with): its title, description and rendered body. A list without one gets a zero
// ListPage, and Hugo's made-up title stands.
func (st *State) OwnPage(ctx context.Context, l Listing) (data.ListPage, error) {
	if l.Kind == ArchiveListing {
		return data.ListPage{}, nil
	}
	lp, err := st.model.store.ListPageAt(ctx, l.Lang, content.MakePathSanitized(l.Path()))
	if errors.Is(err, data.ErrNotFound) {
		return data.ListPage{}, nil
	}
	return lp, err
}

// sectionHasOwnPage reports whether a section without articles has a page of its own (an
// _index file, such as an "About" section whose text is its intro): Hugo serves it.
func (st *State) sectionHasOwnPage(ctx context.Context, l Listing, section string) bool {
	l.Kind, l.Section = SectionListing, section
	lp, err := st.OwnPage(ctx, l)
	if err != nil {
		st.logLookup(ctx, "list page lookup", "section", section, "err", err)
	}
	return lp.SourcePath != ""
}

// listPageTerm finds a term that only list pages name; its name as first written.
func (st *State) listPageTerm(ctx context.Context, lang, taxonomy, key string) (string, bool) {
	terms, err := st.model.store.ListPageTerms(ctx)
	if err != nil {
		st.logLookup(ctx, "list page terms", "err", err)
		return "", false
	}
	for _, t := range terms {
		if t.Lang == lang && strings.EqualFold(t.Key, taxonomy) && content.Urlize(t.Name) == key {
			return t.Name, true
		}
	}
	return "", false
}

// profileOnlyAuthor is the term of an author who has a profile and no article yet in a
// language: their page exists (empty), so a byline never leads to a 404.
func (st *State) profileOnlyAuthor(ctx context.Context, slug string) (data.Term, error) {
	p, err := st.model.store.AuthorProfileBySlug(ctx, slug)
	if err != nil {
		return data.Term{}, err
	}
	return data.Term{Taxonomy: data.AuthorsTaxonomy, Key: p.Slug, Name: p.Name}, nil
}

// HugoRedirect is where Hugo's redirect pages at p led: a list page's alias, and the default
// language's own prefix (/en/ of a site that serves English at /), which Hugo writes for every
// multilingual site.
func (st *State) HugoRedirect(ctx context.Context, p string) (string, bool) {
	if to, err := st.model.store.ListPageAlias(ctx, p); err == nil {
		return to, true
	} else if !errors.Is(err, data.ErrNotFound) {
		st.logLookup(ctx, "list page alias", "path", p, "err", err)
	}
	if def := st.Settings.DefaultLanguage; len(st.Settings.Languages) > 1 && p == "/"+def+"/" {
		return "/", true
	}
	return "", false
}

// logLookup logs a failed lookup that turns the page into a 404, unless the reader left: a
// canceled request's query fails too, and that is no error of the site's (ARCHITECTURE.md, "Storage
// faults and durability").
func (st *State) logLookup(ctx context.Context, msg string, args ...any) {
	if ctx.Err() == nil {
		st.model.log.Error(msg, args...)
	}
}
