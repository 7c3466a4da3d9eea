package data

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// termCounts keeps each taxonomy's published counts and patches them: a change names the terms
// it touched (t:<id>, with tax:<lang>:<taxonomy>), and the next read recounts those terms
// only. At 100,000 articles a full recount of the tags takes about 270 ms; a publish touches a
// handful of terms.
type termCounts struct {
	store *Store
	once  sync.Once

	mu      sync.Mutex
	entries map[string]*termCountEntry // lang + "\x00" + taxonomy
	// version counts change sets; a full read during which one arrived is not kept.
	version uint64
}

type termCountEntry struct {
	terms   []Term         // in taxonomy order (taxonomyLess), counts > 0 only
	pending map[int64]bool // terms named by changes since the counts were read
	version uint64         // moves whenever pending grows
}

func newTermCounts(s *Store) *termCounts {
	return &termCounts{store: s, entries: map[string]*termCountEntry{}}
}

// changed records the terms a change set names against every taxonomy it names. The t: and
// tax: keys of one write always come together (migration 0010), so a taxonomy's pending terms
// include every term of it that changed; ids of other taxonomies are dropped by the recount.
func (tc *termCounts) changed(c ChangeSet) {
	var ids []int64
	var taxes []string
	for _, k := range c.Keys {
		switch {
		case k == "*":
			tc.mu.Lock()
			tc.entries = map[string]*termCountEntry{}
			tc.version++
			tc.mu.Unlock()
			return
		case strings.HasPrefix(k, "t:"):
			if id, err := strconv.ParseInt(k[2:], 10, 64); err == nil {
				ids = append(ids, id)
			}
		case strings.HasPrefix(k, "tax:"):
			lang, tax, _ := strings.Cut(k[4:], ":")
			taxes = append(taxes, lang+"\x00"+tax)
		}
	}
	tc.mu.Lock()
	defer tc.mu.Unlock()
	tc.version++
	for _, t := range taxes {
		e := tc.entries[t]
		if e == nil {
			continue
		}
		for _, id := range ids {
			e.pending[id] = true
		}
		e.version++
	}
}

// get returns a taxonomy's counts: kept, patched for the terms changes named, or read whole.
func (tc *termCounts) get(ctx context.Context, lang, taxonomy string) ([]Term, error) {
	tc.once.Do(func() { tc.store.Changes().Subscribe(tc.changed) })
	tc.store.memo.version(ctx) // delivers a scheduled instant that has passed
	key := lang + "\x00" + taxonomy
	tc.mu.Lock()
	e := tc.entries[key]
	start := tc.version
	if e == nil {
		tc.mu.Unlock()
		terms, err := tc.store.readTermCounts(ctx, lang, taxonomy, nil)
		if err != nil {
			return nil, err
		}
		tc.mu.Lock()
		defer tc.mu.Unlock()
		if tc.version == start {
			tc.entries[key] = &termCountEntry{terms: terms, pending: map[int64]bool{}}
		}
		return terms, nil
	}
	if len(e.pending) == 0 {
		terms := e.terms
		tc.mu.Unlock()
		return terms, nil
	}
	ids := make([]int64, 0, len(e.pending))
	for id := range e.pending {
		ids = append(ids, id)
	}
	v := e.version
	tc.mu.Unlock()

	recounted, err := tc.store.readTermCounts(ctx, lang, taxonomy, ids)
	if err != nil {
		return nil, err
	}
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if tc.entries[key] != e {
		return patchTerms(e.terms, ids, recounted), nil // everything was dropped meanwhile
	}
	e.terms = patchTerms(e.terms, ids, recounted)
	if e.version == v {
		clear(e.pending)
	} // else: more changes came in; they, and these ids, are recounted next time
	return e.terms, nil
}

// patchTerms replaces the counts of the terms ids with recounted (where terms left with nothing
// published are absent), keeping taxonomy order. The old slice is not modified: readers may hold it.
func patchTerms(terms []Term, ids []int64, recounted []Term) []Term {
	drop := make(map[int64]bool, len(ids))
	for _, id := range ids {
		drop[id] = true
	}
	out := make([]Term, 0, len(terms)+len(recounted))
	for _, t := range terms {
		if !drop[t.ID] {
			out = append(out, t)
		}
	}
	out = append(out, recounted...)
	slices.SortFunc(out, taxonomyOrder)
	return out
}

// taxonomyOrder is Hugo's order of a taxonomy's terms: by name, letters compared without case
// (ASCII, as SQLite's lower() folds), then by key.
func taxonomyOrder(a, b Term) int {
	if c := strings.Compare(asciiLower(a.Name), asciiLower(b.Name)); c != 0 {
		return c
	}
	return strings.Compare(a.Key, b.Key)
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// readTermCounts counts published articles per term of a taxonomy: every term, or only the
// terms ids (a recount after a change).
func (s *Store) readTermCounts(ctx context.Context, lang, taxonomy string, ids []int64) ([]Term, error) {
	query, args := publishedTermCounts, []any{s.now().Unix(), lang, taxonomy}
	if ids != nil {
		query, args = recountTerms, append(args, jsonText(ids))
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("terms of %s: %w", taxonomy, err)
	}
	defer rows.Close()
	var out []Term
	for rows.Next() {
		t := Term{Taxonomy: taxonomy}
		if err := rows.Scan(&t.ID, &t.Key, &t.Name, &t.Count); err != nil {
			return nil, fmt.Errorf("terms of %s: %w", taxonomy, err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("terms of %s: %w", taxonomy, err)
	}
	slices.SortFunc(out, taxonomyOrder)
	return out, nil
}

// recountTerms is publishedTermCounts for the terms in the JSON array ?4 only: a taxonomy's
// terms a change named. Terms left with nothing published are absent from its answer.
const recountTerms = `SELECT t.id, t.key, t.name, count(*) AS n FROM terms t
	JOIN article_terms at ON at.term_id = t.id
	WHERE t.id IN (SELECT value FROM json_each(?4)) AND t.lang = ?2 AND t.taxonomy = ?3
	AND +at.article_id IN (SELECT a.id FROM articles a WHERE a.lang = ?2 AND ` + publishedWhere + `)
	GROUP BY t.id`
