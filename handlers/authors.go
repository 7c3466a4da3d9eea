package handlers

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// Authors (issue 17) are the terms of the `authors` taxonomy, which every site has: an
// article's `authors` front matter lists them, /authors/<key>/ is a term page with its
// pagination and feeds, and a profile (data.AuthorProfile, edited in the desk) gives the term
// a name, a picture, a bio and links.

// authorProfiles are the profiles by slug.
func (s *site) authorProfiles(ctx context.Context) (map[string]data.AuthorProfile, error) {
	all, err := s.store.AuthorProfiles(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]data.AuthorProfile, len(all))
	for _, p := range all {
		out[p.Slug] = p
	}
	return out, nil
}

// bylineLinks are an article's authors, named as their profile says (else as the front matter
// writes them), each linking to their page in the article's language.
func (s *site) bylineLinks(st *reader.State, a *data.Article, profiles map[string]data.AuthorProfile) []views.TermLink {
	var out []views.TermLink
	prefix := st.LangPrefix(a.Lang)
	for _, t := range a.TermsOf(data.AuthorsTaxonomy) {
		name := strings.TrimSpace(t.Name)
		if p, ok := profiles[t.Key]; ok && p.Name != "" {
			name = p.Name
		}
		if t.Key != "" && name != "" {
			out = append(out, views.TermLink{Name: name, URL: reader.TermURL(prefix, data.AuthorsTaxonomy, t.Key)})
		}
	}
	return out
}

// authorCard is a profile as reader pages show it; url is the author's page.
func authorCard(p data.AuthorProfile, url string) views.AuthorCard {
	c := views.AuthorCard{Name: p.Name, URL: url, Bio: p.Bio, Avatar: avatarURL(p.Avatar)}
	for _, l := range p.Links {
		if safeLink(l.URL) {
			c.Links = append(c.Links, views.AuthorLinkView{Name: firstNonEmpty(l.Name, l.URL), URL: l.URL})
		}
	}
	return c
}

// safeLink accepts the links a profile may show: web addresses and mail.
func safeLink(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "mailto:")
}

// authorPageProfile is the profile shown at the top of an author's term page, if any.
func (s *site) authorPageProfile(ctx context.Context, l listSpec) (*views.AuthorCard, error) {
	if l.kind != listTerm || l.taxonomy != data.AuthorsTaxonomy {
		return nil, nil
	}
	p, err := s.store.AuthorProfileBySlug(ctx, l.term.Key)
	if err != nil {
		if err == data.ErrNotFound {
			return nil, nil
		}
		return nil, err
	}
	c := authorCard(p, reader.TermURL(l.prefix, l.taxonomy, l.term.Key))
	return &c, nil
}

// serveAuthorsIndex is /authors/: every author with a profile or a published article in the
// language, by name, with their picture and count.
func serveAuthorsIndex(s *site, w http.ResponseWriter, r *http.Request, st *reader.State, l listSpec) error {
	ctx := r.Context()
	terms, err := s.store.TermCounts(ctx, l.lang, l.taxonomy)
	if err != nil {
		return err
	}
	profiles, err := s.store.AuthorProfiles(ctx)
	if err != nil {
		return err
	}
	own, err := s.ownPage(ctx, l)
	if err != nil {
		return err
	}
	byKey := map[string]*views.AuthorIndexEntry{}
	var entries []*views.AuthorIndexEntry
	for _, p := range profiles {
		e := &views.AuthorIndexEntry{AuthorCard: authorCard(p, reader.TermURL(l.prefix, l.taxonomy, p.Slug))}
		byKey[p.Slug] = e
		entries = append(entries, e)
	}
	for _, t := range terms {
		if e, ok := byKey[t.Key]; ok {
			e.Count = t.Count
			continue
		}
		e := &views.AuthorIndexEntry{AuthorCard: views.AuthorCard{Name: t.Name, URL: reader.TermURL(l.prefix, l.taxonomy, t.Key)}, Count: t.Count}
		byKey[t.Key] = e
		entries = append(entries, e)
	}
	sort.SliceStable(entries, func(i, j int) bool { return strings.ToLower(entries[i].Name) < strings.ToLower(entries[j].Name) })
	v := views.AuthorsPage{Page: s.page(ctx, r, st, reader.PageKind{Kind: "list", Lang: l.lang}), Intro: own.BodyHTML}
	v.Heading = firstNonEmpty(own.Title, views.T(st.LangTag(l.lang), "authors"))
	v.Title, v.Canonical, v.Page.Description = v.Heading, s.absURL(st, l.url(1)), own.Description
	for _, e := range entries {
		v.Authors = append(v.Authors, *e)
	}
	setKeys(w, append(l.keys(), "authors")...)
	return render(w, r, http.StatusOK, views.AuthorsIndex(v), cachePublic, st.Modified)
}

// profileOnlyAuthor is the term of an author who has a profile and no article yet in a
// language: their page exists (empty), so a byline never leads to a 404.
func (s *site) profileOnlyAuthor(ctx context.Context, slug string) (data.Term, error) {
	p, err := s.store.AuthorProfileBySlug(ctx, slug)
	if err != nil {
		return data.Term{}, err
	}
	return data.Term{Taxonomy: data.AuthorsTaxonomy, Key: p.Slug, Name: p.Name}, nil
}

// authorPageKeys are an author page's keys: its term's, and its profile's. A page of a profile
// without articles has no term yet: the language's first article by them must drop it too.
func authorPageKeys(l listSpec) []string {
	keys := []string{"t:" + strconv.FormatInt(l.term.ID, 10), "author:" + l.term.Key}
	if l.term.ID == 0 {
		keys = append(keys, "home:"+l.lang)
	}
	return keys
}
