package data

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// checkDepth is how many candidates a search ranks by reading their text in Go rather than
// asking FTS5 again. FTS5 seeks a row at about a millisecond for a query of several common
// words, and its walks cover the candidates' whole date range, which for a few old ones is
// most of the archive; reading a few dozen articles' text costs less than either.
const checkDepth = 40

// textTerm is one include term of a query, folded as pairWords folds: a word, a prefix, or
// words that must stand side by side (a quoted phrase, or "well-known").
type textTerm struct {
	words  []string
	prefix bool
}

func textTermsOf(input string) []textTerm {
	var terms []textTerm
	for _, t := range splitSearchTerms(input) {
		if words := pairWords(t.text); !t.exclude && len(words) > 0 {
			terms = append(terms, textTerm{words: words, prefix: t.prefix && !t.phrase && len(words) == 1})
		}
	}
	return terms
}

// in reports whether the term is in the folded words of a text. A lone word matches its
// commoner English forms (markStem, as the marks do); words side by side match as written,
// as the pair index does.
func (t textTerm) in(words []string) bool {
	switch {
	case t.prefix:
		return slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, t.words[0]) })
	case len(t.words) == 1:
		stem := string(markStem([]byte(t.words[0])))
		return slices.ContainsFunc(words, func(w string) bool { return string(markStem([]byte(w))) == stem })
	}
	return hasRun(words, t.words)
}

// hasRun reports whether run stands in words, word for word.
func hasRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

func allIn(terms []textTerm, words []string) bool {
	for _, t := range terms {
		if !t.in(words) {
			return false
		}
	}
	return len(terms) > 0
}

// checkCandidates sets the title, phrase and lead bits of a few candidates from their text
// (the rule of rankSearch): every term in the title or tags; the plain words side by side in
// any field; every term in the lead or summary.
func (s *Store) checkCandidates(ctx context.Context, input string, phrase bool, cands []searchCandidate) error {
	list := make([]string, len(cands))
	for i, c := range cands {
		list[i] = strconv.FormatInt(c.key, 10)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT page.key, a.title, a.search_tags, a.lead, a.summary, a.plain_text
		FROM json_each(?1) page CROSS JOIN articles a ON a.id = (page.value & `+searchKeyIDMask+`)`,
		"["+strings.Join(list, ",")+"]")
	if err != nil {
		return fmt.Errorf("check candidates: %w", err)
	}
	defer rows.Close()
	terms := textTermsOf(input)
	var plain []string
	if phrase {
		for _, t := range terms {
			plain = append(plain, t.words...)
		}
	}
	for rows.Next() {
		var i int
		var title, tags, lead, summary, body string
		if err := rows.Scan(&i, &title, &tags, &lead, &summary, &body); err != nil {
			return fmt.Errorf("check candidates: %w", err)
		}
		titleWords, tagWords := pairWords(title), pairWords(tags)
		if allIn(terms, slices.Concat(titleWords, tagWords)) {
			cands[i].score |= inTitle
		}
		leadWords, summaryWords := pairWords(lead), pairWords(summary)
		if allIn(terms, slices.Concat(leadWords, summaryWords)) {
			cands[i].score |= inLead
		}
		if len(plain) > 1 {
			for _, field := range [][]string{titleWords, leadWords, summaryWords, tagWords, pairWords(body)} {
				if hasRun(field, plain) {
					cands[i].score |= asPhrase
					break
				}
			}
		}
	}
	return rows.Err()
}
