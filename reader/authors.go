package reader

import (
	"cmp"
	"context"
	"sort"
	"strings"

	"gazette/data"
	"gazette/views"
)

// Authors (issue 17) are the terms of the `authors` taxonomy, which every site has: an
// article's `authors` front matter lists them, /authors/<key>/ is a term page with its
// pagination and feeds, and a profile (data.AuthorProfile, edited in the desk) gives the term
// a name, a picture, a bio and links.

// authorProfiles are the profiles by slug.
func (st *State) authorProfiles(ctx context.Context) (map[string]data.AuthorProfile, error) {
	all, err := st.model.store.AuthorProfiles(ctx)
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
func (st *State) bylineLinks(a *data.Article, profiles map[string]data.AuthorProfile) []views.TermLink {
	var out []views.TermLink
	prefix := st.LangPrefix(a.Lang)
	for _, t := range a.TermsOf(data.AuthorsTaxonomy) {
		name := strings.TrimSpace(t.Name)
		if p, ok := profiles[t.Key]; ok && p.Name != "" {
			name = p.Name
		}
		if t.Key != "" && name != "" {
			out = append(out, views.TermLink{Name: name, URL: TermURL(prefix, data.AuthorsTaxonomy, t.Key)})
		}
	}
	return out
}

// authorCard is a profile as reader pages show it; url is the author's page.
func authorCard(p data.AuthorProfile, url string) views.AuthorCard {
	c := views.AuthorCard{Name: p.Name, URL: url, Bio: p.Bio, Avatar: AvatarURL(p.Avatar)}
	for _, l := range p.Links {
		if SafeLink(l.URL) {
			c.Links = append(c.Links, views.AuthorLinkView{Name: cmp.Or(l.Name, l.URL), URL: l.URL})
		}
	}
	return c
}

// SafeLink accepts the links a profile may show: web addresses and mail.
func SafeLink(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "mailto:")
}

// AvatarURL is an author picture's URL as a page links it: site-relative, or an http(s) URL;
// "" for any other scheme.
func AvatarURL(p string) string {
	if p == "" {
		return ""
	}
	if strings.Contains(p, "://") && !strings.HasPrefix(p, "https://") && !strings.HasPrefix(p, "http://") {
		return ""
	}
	return SiteRelative(p)
}

// authorPageProfile is the profile shown at the top of an author's term page, if any.
func (st *State) authorPageProfile(ctx context.Context, l Listing) (*views.AuthorCard, error) {
	if l.Kind != TermListing || l.Taxonomy != data.AuthorsTaxonomy {
		return nil, nil
	}
	p, err := st.model.store.AuthorProfileBySlug(ctx, l.Term.Key)
	if err != nil {
		if err == data.ErrNotFound {
			return nil, nil
		}
		return nil, err
	}
	c := authorCard(p, TermURL(l.LangPrefix, l.Taxonomy, l.Term.Key))
	return &c, nil
}

// AuthorIndex is what /authors/ lists: every author with a profile or a published article in
// the listing's language, by name, with their picture and count.
func (st *State) AuthorIndex(ctx context.Context, l Listing) ([]views.AuthorIndexEntry, error) {
	terms, err := st.model.store.TermCounts(ctx, l.Lang, l.Taxonomy)
	if err != nil {
		return nil, err
	}
	profiles, err := st.model.store.AuthorProfiles(ctx)
	if err != nil {
		return nil, err
	}
	byKey := map[string]*views.AuthorIndexEntry{}
	var entries []*views.AuthorIndexEntry
	for _, p := range profiles {
		e := &views.AuthorIndexEntry{AuthorCard: authorCard(p, TermURL(l.LangPrefix, l.Taxonomy, p.Slug))}
		byKey[p.Slug] = e
		entries = append(entries, e)
	}
	for _, t := range terms {
		if e, ok := byKey[t.Key]; ok {
			e.Count = t.Count
			continue
		}
		e := &views.AuthorIndexEntry{AuthorCard: views.AuthorCard{Name: t.Name, URL: TermURL(l.LangPrefix, l.Taxonomy, t.Key)}, Count: t.Count}
		byKey[t.Key] = e
		entries = append(entries, e)
	}
	sort.SliceStable(entries, func(i, j int) bool { return strings.ToLower(entries[i].Name) < strings.ToLower(entries[j].Name) })
	var out []views.AuthorIndexEntry
	for _, e := range entries {
		out = append(out, *e)
	}
	return out, nil
}
