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

// Markers that snippet() and highlight() put around matches. They are control characters no
// article contains, so the text can be escaped whole and the markers turned into <mark> after.
const (
	markOpen  = "\x02"
	markClose = "\x03"
)

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
	if res.Hits, err = s.searchHits(ctx, plan.match, keys); err != nil {
		return res, fmt.Errorf("search %q: %w", q.Text, err)
	}
	ptrs := make([]*Article, len(res.Hits))
	for i := range res.Hits {
		ptrs[i] = &res.Hits[i].Article
	}
	return res, s.attachTerms(ctx, ptrs)
}

// searchHits loads a page of found articles by search key in the given order, with the
// matches marked.
func (s *Store) searchHits(ctx context.Context, match string, keys []int64) ([]SearchHit, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	list := make([]string, len(keys))
	for i, k := range keys {
		list[i] = strconv.FormatInt(k, 10)
	}
	// The keys drive the join (CROSS JOIN keeps that order), so FTS5 seeks each row by key
	// instead of walking every match of the query to find the page's ten.
	rows, err := s.db.QueryContext(ctx, "SELECT "+listColumns+`, search_fts.rowid,
		highlight(search_fts, 0, '`+markOpen+`', '`+markClose+`'),
		snippet(search_fts, 3, '`+markOpen+`', '`+markClose+`', '…', 32)
		FROM json_each(?1) page CROSS JOIN search_fts ON search_fts.rowid = page.value
		JOIN articles a ON a.id = (search_fts.rowid & `+searchKeyIDMask+`)
		WHERE search_fts MATCH ?2`, "["+strings.Join(list, ",")+"]", match)
	if err != nil {
		return nil, fmt.Errorf("load hits: %w", err)
	}
	defer rows.Close()
	byKey := map[int64]SearchHit{}
	for rows.Next() {
		var key int64
		var title, snippet string
		a, err := scanArticle(&suffixScanner{rows, []any{&key, &title, &snippet}}, false)
		if err != nil {
			return nil, err
		}
		hit := SearchHit{Article: a, TitleHTML: markedHTML(title), SnippetHTML: markedHTML(snippet)}
		if !strings.Contains(snippet, markOpen) && a.Lead != "" {
			// The words matched the title or tags only; the lead says more than body text.
			hit.SnippetHTML = html.EscapeString(a.Lead)
		}
		byKey[key] = hit
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hits := make([]SearchHit, 0, len(keys))
	for _, k := range keys {
		if h, ok := byKey[k]; ok {
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// suffixScanner scans extra columns that follow the article's.
type suffixScanner struct {
	rows  scanner
	extra []any
}

func (s *suffixScanner) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.extra...)...) }

// markedHTML escapes text and turns the match markers into <mark> elements, always balanced.
func markedHTML(s string) string {
	var b strings.Builder
	open := false
	for _, part := range strings.SplitAfter(html.EscapeString(s), "") {
		switch {
		case part == markOpen && !open:
			b.WriteString("<mark>")
			open = true
		case part == markClose && open:
			b.WriteString("</mark>")
			open = false
		case part == markOpen || part == markClose:
		default:
			b.WriteString(part)
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return b.String()
}
