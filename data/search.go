package data

import (
	"context"
	"fmt"
	"html"
	"strings"
	"time"
)

// SearchQuery is a reader's search: the text as typed and optional filters.
type SearchQuery struct {
	Text     string
	Lang     string // "" = every language
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

// SearchResult is one page of hits and how many there are in all.
type SearchResult struct {
	Hits  []SearchHit
	Total int
}

// Column weights for bm25, in the index's column order: a word in the title counts ten times
// one in the body; tags and lead sit between.
const searchRank = `bm25(articles_fts, 10.0, 4.0, 3.0, 1.0, 5.0)`

// Markers that snippet() and highlight() put around matches. They are control characters no
// article contains, so the text can be escaped whole and the markers turned into <mark> after.
const (
	markOpen  = "\x02"
	markClose = "\x03"
)

// Search finds published articles matching a reader's query, best first: bm25 with the
// column weights above, and among equal scores (to two decimals) the newest first. A query
// with nothing searchable in it finds nothing; it is never an error.
func (s *Store) Search(ctx context.Context, q SearchQuery) (SearchResult, error) {
	match := ParseSearchQuery(q.Text)
	if match == "" {
		return SearchResult{}, nil
	}
	where, args := searchWhere(q, match, s.now().Unix())
	rk, err := s.ranking(ctx, where, args)
	if err != nil {
		return SearchResult{}, fmt.Errorf("search %q: %w", q.Text, err)
	}
	res := SearchResult{Total: rk.total}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	offset := max(q.Offset, 0)
	if offset >= len(rk.ids) {
		return res, nil
	}
	ids := rk.ids[offset:min(offset+limit, len(rk.ids))]
	if res.Hits, err = s.searchHits(ctx, match, ids); err != nil {
		return res, fmt.Errorf("search %q: %w", q.Text, err)
	}
	ptrs := make([]*Article, len(res.Hits))
	for i := range res.Hits {
		ptrs[i] = &res.Hits[i].Article
	}
	return res, s.attachTerms(ctx, ptrs)
}

// ranking is a search's count and its first maxRankedHits ids in order, kept for the store
// generation so that repeated searches and their later pages cost no ranking.
func (s *Store) ranking(ctx context.Context, where string, args []any) (ranking, error) {
	gen, genErr := s.Generation(ctx)
	// args[0] is the clock, left out: within a generation the published set cannot change (the
	// generation moves at every publish and expiry instant).
	key := where + "\x00" + fmt.Sprintf("%q", args[1:])
	if genErr == nil {
		if rk, ok := s.searches.get(gen, key); ok {
			return rk, nil
		}
	}
	var rk ranking
	// The count needs only the narrow filter index (migration 0004), never the article rows.
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM articles_fts JOIN articles a INDEXED BY articles_search_filter ON a.id = articles_fts.rowid WHERE "+where, args...).
		Scan(&rk.total); err != nil {
		return rk, fmt.Errorf("count: %w", err)
	}
	if rk.total > 0 {
		ids, err := s.rankedIDs(ctx, where, args, min(rk.total, maxRankedHits), 0)
		if err != nil {
			return rk, err
		}
		rk.ids = ids
	}
	if genErr == nil {
		s.searches.put(gen, key, rk)
	}
	return rk, nil
}

// rankedIDs ranks every match and returns one page of article ids, best first. It reads only
// the index and the narrow filter index: snippets and article rows are for the page alone.
func (s *Store) rankedIDs(ctx context.Context, where string, args []any, limit, offset int) ([]int64, error) {
	return s.queryIDs(ctx, "SELECT a.id FROM articles_fts JOIN articles a INDEXED BY articles_search_filter ON a.id = articles_fts.rowid WHERE "+
		where+fmt.Sprintf(" ORDER BY round(%s, 2), a.date_unix DESC, a.id DESC LIMIT %d OFFSET %d", searchRank, limit, offset), args...)
}

// searchHits loads a page of found articles in the given order, with the matches marked.
func (s *Store) searchHits(ctx context.Context, match string, ids []int64) ([]SearchHit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{match}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+listColumns+`, highlight(articles_fts, 0, '`+markOpen+`', '`+markClose+`'),
		snippet(articles_fts, 3, '`+markOpen+`', '`+markClose+`', '…', 32)
		FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
		WHERE articles_fts MATCH ? AND articles_fts.rowid IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]SearchHit{}
	for rows.Next() {
		var title, snippet string
		a, err := scanArticle(&suffixScanner{rows, []any{&title, &snippet}}, false)
		if err != nil {
			return nil, err
		}
		hit := SearchHit{Article: a, TitleHTML: markedHTML(title), SnippetHTML: markedHTML(snippet)}
		if !strings.Contains(snippet, markOpen) && a.Lead != "" {
			// The words matched the title or tags only; the lead says more than body text.
			hit.SnippetHTML = html.EscapeString(a.Lead)
		}
		byID[a.ID] = hit
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hits := make([]SearchHit, 0, len(ids))
	for _, id := range ids {
		if h, ok := byID[id]; ok {
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// searchWhere builds the WHERE clause shared by the count and the page: the match, the
// publication rule at now, and the filters. Every value is a parameter.
func searchWhere(q SearchQuery, match string, now int64) (string, []any) {
	where := "articles_fts MATCH ?2 AND " + publishedWhere
	args := []any{now, match}
	add := func(clause string, v any) {
		args = append(args, v)
		where += " AND " + strings.ReplaceAll(clause, "?N", fmt.Sprintf("?%d", len(args)))
	}
	if q.Lang != "" {
		add("a.lang = ?N", q.Lang)
	}
	for taxonomy, key := range map[string]string{"tags": q.Tag, "categories": q.Category} {
		if key != "" {
			add(`a.id IN (SELECT at.article_id FROM article_terms at JOIN terms t ON t.id = at.term_id
				WHERE t.taxonomy = '`+taxonomy+`' AND t.key = ?N)`, key)
		}
	}
	if !q.From.IsZero() {
		add("a.date_unix >= ?N", q.From.Unix())
	}
	if !q.To.IsZero() {
		add("a.date_unix < ?N", q.To.Unix())
	}
	return where, args
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
