package data

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// searchDepth is how many of the newest matches a search reads, and partDepth how many of
// the newest title, phrase and lead matches it reads to order them. They bound a search's
// work whatever the query: a common word matches most of the archive. searchDepth is also as
// deep as a reader may page (50 pages of 10).
const (
	searchDepth = 500
	partDepth   = 200
)

// longQueryWords is how many plain words make a query long: when one is an article's exact
// title, the title and phrase marks are not looked for (rankSearch).
const longQueryWords = 4

// searchKeyIDMask turns a search key (the index rowid, migration 0015) back into an article id.
const searchKeyIDMask = "16777215"

// Where a candidate matched, as score bits: the rank order is the score, then the date.
const (
	inLead   = 1 << iota // every word in the lead or summary
	asPhrase             // the words side by side
	inTitle              // every word in the title or tags
	isTitle              // the title is what the reader typed
)

// searchCandidate is one article a search ranks.
type searchCandidate struct {
	key     int64 // the search key: date_unix<<24 | id
	section string
	score   int // isTitle | inTitle | asPhrase | inLead
}

func (c searchCandidate) articleID() int64 { return c.key & 16777215 }

// searchFilter is a query's filters: for the walks, as the gate checks them (publication,
// language, section), narrowing for the index (term tokens, a key range) and, where the index
// cannot narrow, SQL on the search key; for the exact-title lookup, which reads the article
// row anyway, as SQL on the article (a).
type searchFilter struct {
	gate   gateFilter
	where  string // more conditions on a, parameters from ?3 on (exactTitles)
	args   []any
	narrow string // an FTS5 expression ANDed to every match (tag and category tokens), or ""
	// terms is the tag and category filter as SQL on a walk's rowid, for the pair index,
	// which has no term tokens; termArgs are its parameters, from ?2 on.
	terms    string
	termArgs []any
	keyMin   int64 // search key range (dates), inclusive min and exclusive max; 0 = open
	keyMax   int64
}

// searchFilterOf builds the filter; ok is false when a filter cannot match anything (a tag
// no article has).
func (s *Store) searchFilterOf(ctx context.Context, q SearchQuery) (searchFilter, bool, error) {
	var f searchFilter
	var err error
	if f.gate, err = s.gate.ready(ctx, q.Lang, q.Section); err != nil {
		return f, false, err
	}
	if f.gate.lang == noName || f.gate.sect == noName {
		return f, false, nil
	}
	add := func(clause string, v any) {
		f.args = append(f.args, v)
		f.where += " AND " + strings.ReplaceAll(clause, "?N", fmt.Sprintf("?%d", len(f.args)+2))
	}
	if q.Lang != "" {
		add("a.lang = ?N", q.Lang)
	}
	if q.Section != "" {
		add("a.section = ?N", q.Section)
	}
	var narrow []string
	for _, t := range []struct{ taxonomy, key string }{{"tags", q.Tag}, {"categories", q.Category}} {
		if t.key == "" {
			continue
		}
		inTerm := `IN (SELECT at.article_id FROM article_terms at JOIN terms t ON t.id = at.term_id
			WHERE t.taxonomy = '` + t.taxonomy + `' AND t.key = ?N)`
		// Asked of the few rows an exact title finds: as IN, SQLite first listed every article
		// of the term (0.3-1 ms for a tag of 1,500 articles at 100,000).
		add(`EXISTS (SELECT 1 FROM article_terms at JOIN terms t ON t.id = at.term_id
			WHERE at.article_id = a.id AND t.taxonomy = '`+t.taxonomy+`' AND t.key = ?N)`, t.key)
		f.termArgs = append(f.termArgs, t.key)
		f.terms += " AND ({table}.rowid & " + searchKeyIDMask + ") " + strings.ReplaceAll(inTerm, "?N", fmt.Sprintf("?%d", len(f.termArgs)+1))
		exists, err := s.termExists(ctx, t.taxonomy, t.key)
		if err != nil || !exists {
			return f, false, err
		}
		// Every article carries a token per term in search_tags (migration 0100): asking the
		// index for it makes a filtered search a walk over the term's articles only. The
		// token is the term's taxonomy and key in hex, which the porter stemmer changes at
		// most by a last "e" (a key's last byte in UTF-8 is never 0xed, the only way to end
		// "ed"), so no two terms share a token and the walk needs no other check.
		narrow = append(narrow, "search_tags : "+ftsString(searchTermToken(t.taxonomy, t.key)))
	}
	f.narrow = strings.Join(narrow, " AND ")
	if !q.From.IsZero() {
		f.keyMin = q.From.Unix() << 24
	}
	if !q.To.IsZero() {
		f.keyMax = q.To.Unix() << 24
	}
	return f, true, nil
}

func (s *Store) termExists(ctx context.Context, taxonomy, key string) (bool, error) {
	var exists bool
	err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM terms WHERE taxonomy = ? AND key = ?)", taxonomy, key).Scan(&exists)
	if err != nil {
		return false, fmt.Errorf("term %s/%s: %w", taxonomy, key, err)
	}
	return exists, nil
}

// rankSearch ranks a query's candidates. The rule, in order:
//  0. an article whose title is exactly what was typed (letter case aside);
//  1. articles with every word in the title or tags;
//  2. then, with the words side by side (a phrase), above the words scattered;
//  3. then, with every word in the lead or summary (what the story is about) above the body;
//  4. between articles equal on all three, the newest first.
//
// Each part reads at most searchDepth or partDepth of its newest matches from the index, walking it
// newest-first, so a search's cost has a ceiling whatever the query. complete is true when
// the first part (all matches) found every match.
func (s *Store) rankSearch(ctx context.Context, plan searchPlan, f searchFilter) ([]searchCandidate, bool, error) {
	main := searchIndex{"search_fts", plan.match}
	titles := searchIndex{"search_titles", plan.every}
	lead := searchIndex{"search_fts", plan.lead}
	if plan.pairs != "" {
		// Only phrases: the pair index finds them, and the lead among them, in short walks.
		// Title matches stay with the small title index: asked of the pair index, a common
		// pair's walk for the few titles that hold it would cover the whole archive.
		main = searchIndex{"search_pairs", plan.pairs}
		lead = searchIndex{"search_pairs", "{lead summary} : (" + plan.pairs + ")"}
	}
	order := "ORDER BY rowid DESC"
	if plan.few {
		order = "ORDER BY rowid" // fewer than searchDepth matches: all of them, in FTS5's order
	}
	all, err := s.walkIndex(ctx, main, f, order, searchDepth)
	if err != nil {
		return nil, false, err
	}
	complete := len(all) < searchDepth
	index := make(map[int64]int, len(all))
	for i, c := range all {
		index[c.key] = i
	}
	var exact []searchCandidate
	if len(all) > 0 {
		if exact, err = s.exactTitles(ctx, plan.title, f); err != nil {
			return nil, false, err
		}
	}
	if complete && len(all) <= checkDepth {
		// Every match is a candidate, and they are few: their text says which parts they
		// match (a title or lead match is a match, so none is missing).
		if err := s.checkCandidates(ctx, plan.input, plan.phrase != "", all); err != nil {
			return nil, false, err
		}
	} else {
		if len(exact) > 0 && len(plan.words) >= longQueryWords {
			// A long query that is an article's title: that article ranks first, and the
			// phrase and title walks (two walks over every article holding the words, 5-15 ms
			// each at 100,000 articles) would find it again and almost never another. The
			// other candidates are ordered by the lead mark and date.
			titles.match, plan.phrase, plan.phrasePairs = "", "", ""
		}
		if all, err = s.markParts(ctx, plan, titles, lead, f, all, index, complete); err != nil {
			return nil, false, err
		}
	}
	for _, c := range exact {
		i, ok := index[c.key]
		if !ok {
			i = len(all)
			index[c.key] = i
			all = append(all, c)
		}
		all[i].score |= isTitle | inTitle
	}
	slices.SortFunc(all, func(a, b searchCandidate) int {
		return cmp.Or(b.score-a.score, cmp.Compare(b.key, a.key))
	})
	return all, complete, nil
}

// markParts sets the phrase, lead and title bits through the indexes, for many candidates
// (complete: every match of the words). Phrase and title matches are read on their own (the
// pair and title indexes walk them quickly) and added when older than the candidates: the
// newest of them rank first even when scattered matches are far more numerous and newer.
func (s *Store) markParts(ctx context.Context, plan searchPlan, titles, lead searchIndex, f searchFilter, all []searchCandidate, index map[int64]int, complete bool) ([]searchCandidate, error) {
	if len(all) == 0 {
		return all, nil
	}
	oldest, newest := all[0].key, all[0].key
	for _, c := range all {
		oldest, newest = min(oldest, c.key), max(newest, c.key)
	}
	mark := func(keys []int64, bit int) {
		for _, key := range keys {
			if i, ok := index[key]; ok {
				all[i].score |= bit
			}
		}
	}
	if lead.match != "" {
		// Lead matches are looked for among the candidates only, within their date range: a
		// walk as long as the one that found them, never the whole archive's.
		found, err := s.matchInRange(ctx, lead, f, oldest, newest, len(all))
		if err != nil {
			return nil, err
		}
		mark(found, inLead)
	}
	if plan.phrase != "" && plan.phrasePairs == "" {
		// With exclusions the phrase is only marked among the candidates, which obey them.
		found, err := s.matchInRange(ctx, searchIndex{"search_fts", plan.phrase}, f, oldest, newest, len(all))
		if err != nil {
			return nil, err
		}
		mark(found, asPhrase)
	}
	for _, p := range []struct {
		idx searchIndex
		bit int
	}{{searchIndex{"search_pairs", plan.phrasePairs}, asPhrase}, {titles, inTitle}} {
		if p.idx.match == "" {
			continue
		}
		if complete && plan.pairs == "" {
			// A title or phrase match is a match of the words, so every one is a candidate
			// (not so for a query of phrases, which the pair index matched unstemmed):
			// they are walked among the candidates' dates in FTS5's order (ascending), which
			// skips through an AND's long doclists. Newest first, FTS5 reads them whole: 6-14 ms
			// for a 7-word title no published article has at 100,000 articles, against 1-2.
			found, err := s.matchInRange(ctx, p.idx, f, oldest, newest, len(all))
			if err != nil {
				return nil, err
			}
			mark(found, p.bit)
			continue
		}
		found, err := s.searchCandidates(ctx, p.idx, f, partDepth)
		if err != nil {
			return nil, err
		}
		for _, c := range found {
			i, ok := index[c.key]
			if !ok {
				i = len(all)
				index[c.key] = i
				all = append(all, c)
			}
			all[i].score |= p.bit
		}
	}
	return all, nil
}

// exactTitles is the published articles whose title is the query, letter case aside
// (migration 0016 indexes titles so), wherever they are in the archive.
func (s *Store) exactTitles(ctx context.Context, title string, f searchFilter) ([]searchCandidate, error) {
	if title == "" {
		return nil, nil
	}
	where := "a.title = ?2 COLLATE NOCASE AND " + publishedWhere + f.where
	if f.keyMin != 0 {
		where += fmt.Sprintf(" AND coalesce(a.date_unix, 0) >= %d", f.keyMin>>24)
	}
	if f.keyMax != 0 {
		where += fmt.Sprintf(" AND coalesce(a.date_unix, 0) < %d", f.keyMax>>24)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT coalesce(a.date_unix, 0) * 16777216 + (a.id & `+searchKeyIDMask+`), a.section
		FROM articles a INDEXED BY articles_title_nocase WHERE `+where+" LIMIT 20", append([]any{f.gate.now, title}, f.args...)...)
	if err != nil {
		return nil, fmt.Errorf("exact title: %w", err)
	}
	defer rows.Close()
	var found []searchCandidate
	for rows.Next() {
		var c searchCandidate
		if err := rows.Scan(&c.key, &c.section); err != nil {
			return nil, fmt.Errorf("exact title: %w", err)
		}
		found = append(found, c)
	}
	return found, rows.Err()
}

// matchInRange is the keys of the matches of idx with keys from oldest to newest (inclusive),
// at most depth: the candidates that also match idx, when the range is theirs. (Seeking each
// candidate by key instead costs FTS5 a fresh set of segment readers per candidate: about a
// millisecond each for a query of several common words.) The walk goes in FTS5's own order,
// oldest first: asked for newest first, FTS5 reads a column-filtered AND (the lead part) many
// times slower, 107 ms against 1.2 ms for a 7-word lead at 100,000 articles. Every match in
// the candidates' range is a candidate (idx asks no more words than the walk that found them),
// so there are at most as many as candidates.
func (s *Store) matchInRange(ctx context.Context, idx searchIndex, f searchFilter, oldest, newest int64, depth int) ([]int64, error) {
	f.keyMin = max(f.keyMin, oldest)
	if f.keyMax == 0 || f.keyMax > newest+1 {
		f.keyMax = newest + 1
	}
	found, err := s.walkIndex(ctx, idx, f, "", depth)
	keys := make([]int64, len(found))
	for i, c := range found {
		keys[i] = c.key
	}
	return keys, err
}

// searchCandidates is the newest depth published articles matching idx and the filter.
// FTS5 walks its doclists newest-first when asked for rowid order, so this stops after
// depth rows that pass the filter.
func (s *Store) searchCandidates(ctx context.Context, idx searchIndex, f searchFilter, depth int) ([]searchCandidate, error) {
	return s.walkIndex(ctx, idx, f, "ORDER BY rowid DESC", depth)
}

// walkIndex is up to depth published articles matching idx and the filter, in the order
// asked. It reads the index alone and checks each match against the gate.
func (s *Store) walkIndex(ctx context.Context, idx searchIndex, f searchFilter, order string, depth int) ([]searchCandidate, error) {
	table, match := idx.table, idx.match
	where, args := table+" MATCH ?1", []any{match}
	if f.narrow != "" && table != "search_pairs" {
		args[0] = "(" + match + ") AND " + f.narrow
	} else if f.terms != "" {
		where += strings.ReplaceAll(f.terms, "{table}", table)
		args = append(args, f.termArgs...)
	}
	if f.keyMin != 0 {
		where += fmt.Sprintf(" AND %s.rowid >= %d", table, f.keyMin)
	}
	if f.keyMax != 0 {
		where += fmt.Sprintf(" AND %s.rowid < %d", table, f.keyMax)
	}
	order = strings.ReplaceAll(order, "rowid", table+".rowid")
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf("SELECT %s.rowid FROM %[1]s WHERE %s %s", table, where, order), args...)
	if err != nil {
		return nil, fmt.Errorf("candidates in %s: %w", table, err)
	}
	defer rows.Close()
	var found []searchCandidate
	for len(found) < depth && rows.Next() {
		var c searchCandidate
		if err := rows.Scan(&c.key); err != nil {
			return nil, fmt.Errorf("candidates in %s: %w", table, err)
		}
		var ok bool
		if c.section, ok = s.gate.pass(c.key, f.gate); ok {
			found = append(found, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("candidates in %s: %w", table, err)
	}
	return found, nil
}
