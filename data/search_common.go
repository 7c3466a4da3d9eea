package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// A word is common when its commonSample newest matches are all among the commonWindow
// newest articles: it is in about a third of them or more. An archive smaller than
// commonSample articles has no common words.
const (
	commonSample = 50
	commonWindow = 150
)

// withoutCommonWords drops the common words of a query of several plain words from what the
// candidates must match, when at least one of its words is not common. Intersecting the
// doclists of words found in most articles ("the", "said") is most of the work of a long
// query (an exact 7-word title took 20 ms at 100,000 articles) and tells readers little: the
// rarer words choose the articles, and the phrase, title and lead marks (which use every
// word) order them, so an article with all the words side by side still ranks first.
func (s *Store) withoutCommonWords(ctx context.Context, plan searchPlan) (searchPlan, error) {
	if len(plan.words) < 2 {
		return plan, nil
	}
	var window int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(date_unix, 0) * 16777216 + (id & 16777215) FROM articles
		ORDER BY coalesce(date_unix, 0) * 16777216 + (id & 16777215) DESC LIMIT 1 OFFSET ?`, commonWindow-1).Scan(&window)
	if errors.Is(err, sql.ErrNoRows) {
		return plan, nil
	}
	if err != nil {
		return plan, fmt.Errorf("common words: %w", err)
	}
	keep := make([]bool, len(plan.words))
	rare := false
	samples := map[string]int64{} // a title repeats its words; each is sampled once
	for i, at := range plan.words {
		word := plan.include[at]
		sample, ok := samples[word]
		if !ok {
			err := s.db.QueryRowContext(ctx, `SELECT rowid FROM search_fts WHERE search_fts MATCH ?
				ORDER BY rowid DESC LIMIT 1 OFFSET ?`, word, commonSample-1).Scan(&sample)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return plan, fmt.Errorf("common words: %w", err)
			}
			samples[word] = sample
		}
		keep[i] = sample < window
		rare = rare || keep[i]
	}
	if !rare {
		return plan, nil
	}
	return plan.requireWords(keep), nil
}
