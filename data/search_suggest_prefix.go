package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// The index stems every token, a typed prefix too: "zephy*" is asked as "zephi*" (the porter
// stemmer turns a last "y" into "i"), which no word starting "zephy" is indexed under, so
// "Zephyrine Lighthouse" was not suggested while "zeph" and "zephyrine" were. A prefix with an
// ending the stemmer rewrites (rather than drops: a dropped ending leaves a shorter prefix of
// the same words) is asked shorter (stemSafePrefix), and the titles found are kept when their
// title or tags hold a word starting with what was typed.

// porterRewrites are the endings the porter stemmer replaces with other letters, as FTS5's
// porter tokenizer applies its rules (step 1c's "y", steps 2 and 3).
var porterRewrites = []string{"y", "ational", "tional", "enci", "anci", "izer", "bli", "alli",
	"entli", "eli", "ousli", "ization", "ation", "ator", "alism", "iveness", "fulness", "ousness",
	"aliti", "iviti", "biliti", "logi", "icate", "alize", "iciti", "ical"}

// stemSafePrefix is the longest start of a folded word that ends in none of porterRewrites
// (the stemmer leaves words of one or two letters alone). Only plain ASCII letters are
// stemmed; other words are returned as they are.
func stemSafePrefix(word string) string {
	for _, r := range word {
		if r < 'a' || r > 'z' {
			return word
		}
	}
	for len(word) > 2 && slices.ContainsFunc(porterRewrites, func(e string) bool { return strings.HasSuffix(word, e) }) {
		word = word[:len(word)-1]
	}
	return word
}

// suggestScanMax is how many published title matches a suggestion list reads at most when it
// checks them for the typed prefix: the list is the newest that hold it among those.
const suggestScanMax = 100

// suggestKeysHolding is suggestKeys for a match asked with a shorter prefix: the keys of the
// newest n published articles whose title or tags hold a word starting with prefix (folded),
// among the newest suggestScanMax that match.
func (s *Store) suggestKeysHolding(ctx context.Context, match, prefix string, f gateFilter, n int) ([]int64, error) {
	found, err := s.suggestKeys(ctx, match, f, suggestScanMax)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT page.value, a.title, a.search_tags FROM json_each(?) page
		CROSS JOIN articles a ON a.id = (page.value & `+searchKeyIDMask+") ORDER BY page.key", jsonText(found))
	if err != nil {
		return nil, fmt.Errorf("suggest: %w", err)
	}
	defer rows.Close()
	var keys []int64
	for len(keys) < n && rows.Next() {
		var key int64
		var title, tags string
		if err := rows.Scan(&key, &title, &tags); err != nil {
			return nil, fmt.Errorf("suggest: %w", err)
		}
		if holdsPrefix(pairWords(title), prefix) || holdsPrefix(pairWords(tags), prefix) {
			keys = append(keys, key)
		}
	}
	return keys, rows.Err()
}

// holdsPrefix reports whether a word (not a per-term token) starts with prefix.
func holdsPrefix(words []string, prefix string) bool {
	return slices.ContainsFunc(words, func(w string) bool {
		return strings.HasPrefix(w, prefix) && !strings.HasPrefix(w, termTokenPrefix)
	})
}
