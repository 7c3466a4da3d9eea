package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
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
	for i, at := range plan.words {
		sample, err := s.wordSamples.sample(ctx, plan.include[at])
		if err != nil {
			return plan, fmt.Errorf("common words: %w", err)
		}
		keep[i] = sample < window
		rare = rare || keep[i]
		plan.few = plan.few || sample == 0
	}
	if !rare {
		return plan, nil
	}
	return plan.requireWords(keep), nil
}

// wordSamples keeps, per word, the search key of its commonSample-th newest match (0 when it
// has fewer): reading it is a walk into the word's doclist on pages a first-time search rarely
// has, about a millisecond a common word at 100,000 articles, and a query of seven words
// (an exact title) read seven. A word's commonness moves slowly, so a sample is kept for
// wordSampleMaxAge of the store's clock, and all are dropped when a change rewrites much of
// the archive (an import: wordSampleChurn articles, or a "*" change). A stale sample only
// decides whether a word is required of the candidates; the marks and the rule stay exact.
type wordSamples struct {
	store *Store
	once  sync.Once

	mu      sync.Mutex
	samples map[string]wordSample
	churn   int // articles changed since the samples were last dropped
}

type wordSample struct {
	key    int64
	readAt int64 // the store's clock, Unix seconds
}

const (
	wordSampleMaxAge = 10 * 60
	wordSampleChurn  = 1000
	wordSamplesMax   = 50_000 // about 3 MB of words and keys
)

func newWordSamples(s *Store) *wordSamples {
	return &wordSamples{store: s, samples: map[string]wordSample{}}
}

// sample is word's sample key, kept or read. word is an FTS5 string (ftsString).
func (w *wordSamples) sample(ctx context.Context, word string) (int64, error) {
	w.once.Do(func() { w.store.Changes().Subscribe(w.changed) })
	now := w.store.now().Unix()
	w.mu.Lock()
	kept, ok := w.samples[word]
	w.mu.Unlock()
	if ok && now-kept.readAt < wordSampleMaxAge && now >= kept.readAt {
		return kept.key, nil
	}
	var key int64
	err := w.store.db.QueryRowContext(ctx, `SELECT rowid FROM search_fts WHERE search_fts MATCH ?
		ORDER BY rowid DESC LIMIT 1 OFFSET ?`, word, commonSample-1).Scan(&key)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.samples) >= wordSamplesMax {
		clear(w.samples)
	}
	w.samples[word] = wordSample{key: key, readAt: now}
	return key, nil
}

func (w *wordSamples) changed(c ChangeSet) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, k := range c.Keys {
		if k == "*" || strings.HasPrefix(k, "a:") {
			w.churn++
			if k == "*" || w.churn > wordSampleChurn {
				clear(w.samples)
				w.churn = 0
			}
		}
	}
}
