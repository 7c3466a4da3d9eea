package reader

import (
	"cmp"
	"context"
	"path"
	"sort"
	"strings"
	"time"

	"gazette/content"
	"gazette/data"
)

// termListPages are the published list pages whose front matter names a term (a section's
// _index with `tags: [x]`), as list entries: Hugo's term page lists them beside the articles,
// dated by their newest page. Hugo 0.111 orders the term's pages before it dates its sections,
// so they come as undated pages do: by weight, after every dated page, then by title.
func (st *State) termListPages(ctx context.Context, l Listing) ([]data.Article, error) {
	terms, err := st.model.store.ListPageTerms(ctx)
	if err != nil {
		return nil, err
	}
	var out []data.Article
	seen := map[string]bool{}
	for _, t := range terms {
		if t.Lang != l.Lang || !strings.EqualFold(t.Key, l.Taxonomy) || content.Urlize(t.Name) != l.Term.Key || seen[t.Permalink] {
			continue
		}
		seen[t.Permalink] = true
		lp, err := st.model.store.ListPageAt(ctx, l.Lang, t.Permalink)
		if err != nil {
			return nil, err
		}
		date, err := st.model.store.NewestBelow(ctx, l.Lang, path.Dir(lp.SourcePath)+"/")
		if err != nil {
			return nil, err
		}
		out = append(out, data.Article{Lang: lp.Lang, Permalink: lp.Permalink, Weight: lp.Weight, Date: date,
			Title: cmp.Or(lp.Title, Capitalize(path.Base("/"+lp.Dir))), Description: lp.Description,
			SummaryHTML: cmp.Or(lp.BodyHTML, lp.Description), BodyHTML: lp.BodyHTML})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Weight == 0) != (b.Weight == 0) || a.Weight != b.Weight {
			return a.Weight != 0 && (b.Weight == 0 || a.Weight < b.Weight)
		}
		return a.Title < b.Title
	})
	return out, nil
}

// TermPage is one page of a term's list: q's page of its articles with the list pages that
// name the term in their places, and how many entries the list has in all.
func (st *State) TermPage(ctx context.Context, l Listing, q data.ListQuery) ([]data.Article, int, error) {
	pages, err := st.termListPages(ctx, l)
	if err != nil || len(pages) == 0 {
		if err != nil {
			return nil, 0, err
		}
		return st.model.store.ListPublished(ctx, q)
	}
	// A list page's place is the number of articles before it plus the list pages before it.
	at := map[int]data.Article{}
	from, to := q.Offset, q.Offset+q.Limit
	before := 0 // list pages placed before this page of the list
	for i, p := range pages {
		n, err := st.model.store.TermArticlesBefore(ctx, l.Lang, l.Taxonomy, l.Term.Key, p.Weight, time.Time{}, p.Title)
		if err != nil {
			return nil, 0, err
		}
		switch pos := n + i; {
		case pos < from:
			before++
		case pos < to:
			at[pos] = p
		}
	}
	q.Offset, q.Limit = from-before, q.Limit-len(at)
	var articles []data.Article
	total := 0
	if q.Limit > 0 {
		if articles, total, err = st.model.store.ListPublished(ctx, q); err != nil {
			return nil, 0, err
		}
	} else if _, total, err = st.model.store.ListPublished(ctx, data.ListQuery{Lang: q.Lang, Taxonomy: q.Taxonomy, TermKey: q.TermKey, Limit: 1}); err != nil {
		return nil, 0, err
	}
	var list []data.Article
	for pos := from; pos < to && (len(articles) > 0 || len(at) > 0); pos++ {
		if p, ok := at[pos]; ok {
			list = append(list, p)
			delete(at, pos)
			continue
		}
		if len(articles) > 0 {
			list, articles = append(list, articles[0]), articles[1:]
		}
	}
	return list, total + len(pages), nil
}

// ListPageTermCounts are the terms of a taxonomy that published list pages name, each counted
// once per list page, for the taxonomy page (data.WithListPageTerms).
func (st *State) ListPageTermCounts(ctx context.Context, lang, taxonomy string) ([]data.Term, error) {
	terms, err := st.model.store.ListPageTerms(ctx)
	if err != nil {
		return nil, err
	}
	var out []data.Term
	seen := map[string]bool{}
	for _, t := range terms {
		key := content.Urlize(t.Name)
		if t.Lang != lang || !strings.EqualFold(t.Key, taxonomy) || key == "" || seen[key+"\x00"+t.Permalink] {
			continue
		}
		seen[key+"\x00"+t.Permalink] = true
		out = append(out, data.Term{Taxonomy: taxonomy, Key: key, Name: t.Name, Count: 1})
	}
	return out, nil
}
