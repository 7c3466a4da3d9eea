package data

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// SuggestQuery is what a reader has typed so far into a search field.
type SuggestQuery struct {
	Text string
	// TagKey is Text as a term key would spell it (the handlers urlize it); "" = no tags.
	TagKey string
	Lang   string // "" = every language
	Limit  int
}

// Suggestion is a published article whose title (or tags) start with what was typed, or a tag
// whose key does.
type Suggestion struct {
	Tag       bool
	Title     string // the article's title or the tag's name
	Permalink string // the article's
	Lang, Key string // the tag's
}

// maxSuggestTags is how many of a suggestion list's entries may be tags.
const maxSuggestTags = 3

// Suggest lists tags, then the newest published articles whose title or tags hold every
// typed word, the last one as a prefix. It reads the small title index (prefix indexes of
// one to six letters), so it costs about the same whatever was typed.
func (s *Store) Suggest(ctx context.Context, q SuggestQuery) ([]Suggestion, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 8
	}
	var out []Suggestion
	if q.TagKey != "" {
		tags, err := s.suggestTags(ctx, q.TagKey, q.Lang, min(limit, maxSuggestTags))
		if err != nil {
			return nil, err
		}
		out = tags
	}
	match, prefix := suggestMatch(q.Text)
	if match == "" {
		return out, nil
	}
	f, err := s.gate.ready(ctx, q.Lang, "")
	if err != nil || f.lang == noName {
		return out, err
	}
	var keys []int64
	if prefix != "" {
		keys, err = s.suggestKeysHolding(ctx, match, prefix, f, limit-len(out))
	} else {
		keys, err = s.suggestKeys(ctx, match, f, limit-len(out))
	}
	if err != nil || len(keys) == 0 {
		return out, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.title, a.permalink FROM json_each(?2) page
		CROSS JOIN articles a ON a.id = (page.value & `+searchKeyIDMask+`)
		WHERE `+publishedWhere+" ORDER BY page.key", f.now, jsonText(keys))
	if err != nil {
		return nil, fmt.Errorf("suggest %q: %w", q.Text, err)
	}
	defer rows.Close()
	for rows.Next() {
		var sg Suggestion
		if err := rows.Scan(&sg.Title, &sg.Permalink); err != nil {
			return nil, fmt.Errorf("suggest %q: %w", q.Text, err)
		}
		out = append(out, sg)
	}
	return out, rows.Err()
}

// suggestKeys is the search keys of the newest n published articles whose title or tags
// match, read from the title index alone and checked against the gate.
func (s *Store) suggestKeys(ctx context.Context, match string, f gateFilter, n int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT rowid FROM search_titles WHERE search_titles MATCH ? ORDER BY rowid DESC", match)
	if err != nil {
		return nil, fmt.Errorf("suggest: %w", err)
	}
	defer rows.Close()
	var keys []int64
	for len(keys) < n && rows.Next() {
		var key int64
		if err := rows.Scan(&key); err != nil {
			return nil, fmt.Errorf("suggest: %w", err)
		}
		if _, ok := s.gate.pass(key, f); ok {
			keys = append(keys, key)
		}
	}
	return keys, rows.Err()
}

// suggestMatch is the title-index query for typed text: every word, the last as a prefix
// (the reader is still typing it). Quotes and operators are text, as in a search. When the
// last word is asked shorter than typed (stemSafePrefix), prefix is the word as typed, folded,
// which the titles found must hold; else it is "".
func suggestMatch(text string) (match, prefix string) {
	terms := splitSearchTerms(strings.ReplaceAll(text, `"`, " "))
	var parts []string
	for i, t := range terms {
		if t.exclude {
			continue
		}
		p := ftsString(t.text)
		if i == len(terms)-1 && utf8.RuneCountInString(t.text) >= 1 {
			if words := pairWords(t.text); len(words) == 1 {
				if safe := stemSafePrefix(words[0]); safe != words[0] {
					p, prefix = ftsString(safe), words[0]
				}
			}
			p += " *"
			t.prefix = true
		}
		parts = append(parts, outsideTermTokens(t, p))
	}
	return strings.Join(parts, " AND "), prefix
}

func (s *Store) suggestTags(ctx context.Context, key, lang string, limit int) ([]Suggestion, error) {
	where, args := "t.taxonomy = 'tags' AND t.key >= ? AND t.key < ?", []any{key, key + "\U0010FFFF"}
	if lang != "" {
		where += " AND t.lang = ?"
		args = append(args, lang)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT t.lang, t.key, t.name FROM terms t WHERE `+where+`
		AND EXISTS (SELECT 1 FROM article_terms at WHERE at.term_id = t.id)
		ORDER BY length(t.key), t.key LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("suggest tags %q: %w", key, err)
	}
	defer rows.Close()
	var out []Suggestion
	for rows.Next() {
		sg := Suggestion{Tag: true}
		if err := rows.Scan(&sg.Lang, &sg.Key, &sg.Title); err != nil {
			return nil, fmt.Errorf("suggest tags %q: %w", key, err)
		}
		out = append(out, sg)
	}
	return out, rows.Err()
}
