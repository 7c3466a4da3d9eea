package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// publishedTermCounts counts published articles per term of one language and taxonomy (?2, ?3);
// ?1 is the store's clock for publishedWhere.
// The published articles are found once from the publication index, then each term's links
// are checked against them, rather than joining every link to its article row. The unary +
// keeps SQLite from probing every term for every published article instead.
const publishedTermCounts = `SELECT t.id, t.key, t.name, count(*) AS n FROM terms t
	JOIN article_terms at ON at.term_id = t.id
	WHERE t.lang = ?2 AND t.taxonomy = ?3
	AND +at.article_id IN (SELECT a.id FROM articles a WHERE a.lang = ?2 AND ` + publishedWhere + `)
	GROUP BY t.id`

// TermCounts returns every term of a taxonomy that has published articles in a language, with
// their counts, ordered by name as Hugo's taxonomy pages are. Terms whose articles are all
// drafts, scheduled or expired are left out, so no term page ever leads to an empty list.
// The counts are kept and patched per changed term (see termCounts); callers must not modify
// the slice.
func (s *Store) TermCounts(ctx context.Context, lang, taxonomy string) ([]Term, error) {
	return s.terms.get(ctx, lang, taxonomy)
}

// FindTerm returns one term with its count of published articles; ErrNotFound when the term
// does not exist or has nothing published. The count is the kept length of the term's list.
func (s *Store) FindTerm(ctx context.Context, lang, taxonomy, key string) (Term, error) {
	t := Term{Taxonomy: taxonomy, Key: key}
	err := s.db.QueryRowContext(ctx, "SELECT id, name FROM terms WHERE lang = ? AND taxonomy = ? AND key = ?",
		lang, taxonomy, key).Scan(&t.ID, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("term %s/%s: %w", taxonomy, key, err)
	}
	ids, err := s.listIDs(ctx, ListQuery{Lang: lang, Taxonomy: taxonomy, TermKey: key})
	if err != nil {
		return t, fmt.Errorf("term %s/%s: %w", taxonomy, key, err)
	}
	if t.Count = len(ids); t.Count == 0 {
		return t, ErrNotFound
	}
	return t, nil
}

// termID returns a term's id; ErrNotFound when there is no such term.
func (s *Store) termID(ctx context.Context, lang, taxonomy, key string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, "SELECT id FROM terms WHERE lang = ? AND taxonomy = ? AND key = ?", lang, taxonomy, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("term %s/%s: %w", taxonomy, key, err)
	}
	return id, nil
}

// Taxonomies returns the taxonomy names that have terms in a language ("categories", "tags").
func (s *Store) Taxonomies(ctx context.Context, lang string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT taxonomy FROM terms WHERE lang = ? ORDER BY taxonomy", lang)
	if err != nil {
		return nil, fmt.Errorf("taxonomies: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("taxonomies: %w", err)
		}
		out = append(out, name)
	}
	return out, rows.Err()
}
