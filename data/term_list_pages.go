package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"time"
)

// A term page in Hugo lists every page carrying the term, list pages too: a section whose
// _index names a tag is an entry of that tag's page. These answer what such an entry needs
// beside the list page itself: its date and its place among the term's articles.

// NewestBelow is the date of the newest published article stored below a content folder
// ("content/cn/"): Hugo dates a section by its newest page. Zero when there is none.
func (s *Store) NewestBelow(ctx context.Context, lang, folder string) (time.Time, error) {
	var unix sql.NullInt64
	err := s.db.QueryRowContext(ctx, "SELECT max(a.date_unix) FROM articles a WHERE "+publishedWhere+
		" AND a.lang = ?2 AND a.source_path >= ?3 AND a.source_path < ?4", s.now().Unix(), lang, folder, folder+"\U0010FFFF").Scan(&unix)
	if err != nil {
		return time.Time{}, fmt.Errorf("newest article below %s: %w", folder, err)
	}
	if !unix.Valid {
		return time.Time{}, nil
	}
	return time.Unix(unix.Int64, 0).UTC(), nil
}

// TermArticlesBefore counts the published articles of a term that come before a page of the
// given weight, date and title in Hugo's list order (weight first, unset weights last, then
// newest, then title), as ListPublished orders them.
func (s *Store) TermArticlesBefore(ctx context.Context, lang, taxonomy, key string, weight int, date time.Time, title string) (int, error) {
	dateKey := int64(math.MaxInt64) // undated pages come last
	if !date.IsZero() {
		dateKey = -date.Unix()
	}
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM terms t JOIN article_terms at ON at.term_id = t.id
		JOIN articles a ON a.id = at.article_id
		WHERE t.lang = ?2 AND t.taxonomy = ?3 AND t.key = ?4 AND `+publishedWhere+`
		AND (a.weight = 0, a.weight, coalesce(-a.date_unix, 9223372036854775807), a.title) < (?5 = 0, ?5, ?6, ?7)`,
		s.now().Unix(), lang, taxonomy, key, weight, dateKey, title).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("term articles before %q: %w", title, err)
	}
	return n, nil
}

// WithListPageTerms is a taxonomy's counts (as TermCounts gives them, shared and not modified)
// with the terms list pages name added: one more entry each, or a term of their own, in the
// taxonomy's order. Hugo counts a list page as one of its term's pages.
func WithListPageTerms(terms, extra []Term) []Term {
	if len(extra) == 0 {
		return terms
	}
	out := slices.Clone(terms)
	for _, e := range extra {
		i := slices.IndexFunc(out, func(t Term) bool { return t.Key == e.Key })
		if i < 0 {
			out = append(out, e)
			continue
		}
		out[i].Count += e.Count
	}
	slices.SortFunc(out, taxonomyOrder)
	return out
}
