package data

import (
	"context"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
)

// SearchQuery is a reader's search: the text as typed and optional filters.
type SearchQuery struct {
	Text     string
	Lang     string // "" = every language
	Section  string // "" = every section
	Tag      string // a tags term key; "" = any
	Category string // a categories term key; "" = any
	From, To time.Time
	Limit    int
	Offset   int
}

// SearchHit is one found article with its matches marked.
type SearchHit struct {
	Article Article // list columns, with terms
	// TitleHTML and SnippetHTML are escaped text with the matched words in <mark>.
	TitleHTML   string
	SnippetHTML string
}

// SearchResult is one page of hits, how many were ranked and the facets of those.
type SearchResult struct {
	Hits []SearchHit
	// Total is how many articles were ranked: every match, unless More says the query matched
	// more articles than a search ranks (then the newest searchDepth of each kind were).
	Total  int
	More   bool
	Facets SearchFacets
}

// Search finds published articles matching a reader's query, best first (see rankSearch for
// the rule). A query with nothing searchable in it finds nothing; it is never an error.
// Nothing is cached: every search reads the index as it is, so an article saved a moment ago
// is found by the next search, and no save makes any other search slower.
func (s *Store) Search(ctx context.Context, q SearchQuery) (SearchResult, error) {
	plan := planSearch(q.Text)
	if plan.match == "" {
		return SearchResult{}, nil
	}
	f, ok, err := s.searchFilterOf(ctx, q)
	if err != nil || !ok {
		return SearchResult{}, err
	}
	if plan, err = s.withoutCommonWords(ctx, plan); err != nil {
		return SearchResult{}, fmt.Errorf("search %q: %w", q.Text, err)
	}
	ranked, complete, err := s.rankSearch(ctx, plan, f)
	if err != nil {
		return SearchResult{}, fmt.Errorf("search %q: %w", q.Text, err)
	}
	res := SearchResult{Total: len(ranked), More: !complete}
	if res.Facets, err = s.searchFacets(ctx, ranked); err != nil {
		return res, fmt.Errorf("search %q: %w", q.Text, err)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	offset := max(q.Offset, 0)
	if offset >= len(ranked) {
		return res, nil
	}
	page := ranked[offset:min(offset+limit, len(ranked))]
	keys := make([]int64, len(page))
	for i, c := range page {
		keys[i] = c.key
	}
	if res.Hits, err = s.searchHits(ctx, newSearchMarker(q.Text), keys, f.gate.now); err != nil {
		return res, fmt.Errorf("search %q: %w", q.Text, err)
	}
	ptrs := make([]*Article, len(res.Hits))
	for i := range res.Hits {
		ptrs[i] = &res.Hits[i].Article
	}
	return res, s.attachTerms(ctx, ptrs)
}

// searchHits loads a page of found articles by search key in the given order, with the
// query's words marked (searchMarker). The publication rule is asked again of the rows read:
// an article unpublished after the gate passed it (a write between the two) is left out.
func (s *Store) searchHits(ctx context.Context, m searchMarker, keys []int64, now int64) ([]SearchHit, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	list := make([]string, len(keys))
	for i, k := range keys {
		list[i] = strconv.FormatInt(k, 10)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+listColumns+`, a.plain_text
		FROM json_each(?2) page CROSS JOIN articles a ON a.id = (page.value & `+searchKeyIDMask+`)
		WHERE `+publishedWhere+` ORDER BY page.key`, now, "["+strings.Join(list, ",")+"]")
	if err != nil {
		return nil, fmt.Errorf("load hits: %w", err)
	}
	defer rows.Close()
	var hits []SearchHit
	for rows.Next() {
		var text string
		a, err := scanArticle(&suffixScanner{rows, []any{&text}}, false)
		if err != nil {
			return nil, err
		}
		hit := SearchHit{Article: a, TitleHTML: m.highlight(a.Title)}
		var found bool
		hit.SnippetHTML, found = m.snippet(text)
		if !found && a.Lead != "" {
			// The words matched the title or tags only; the lead says more than body text.
			hit.SnippetHTML = html.EscapeString(a.Lead)
		}
		hits = append(hits, hit)
	}
	return hits, rows.Err()
}

// suffixScanner scans extra columns that follow the article's.
type suffixScanner struct {
	rows  scanner
	extra []any
}

func (s *suffixScanner) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.extra...)...) }
