package data

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what a reader's query may ask of the index. Past them the rest of the input is
// ignored rather than refused: a pasted paragraph still finds something.
const (
	maxQueryBytes = 1000
	maxQueryTerms = 12
	// minPrefixRunes keeps "a*" from expanding to half the vocabulary.
	minPrefixRunes = 2
)

// searchTerm is one unit of a reader's query: a word or a quoted phrase.
type searchTerm struct {
	text    string
	prefix  bool // written with a trailing *
	exclude bool // written with a leading -
	phrase  bool // written in double quotes
}

// ParseSearchQuery turns what a reader typed into an FTS5 query. It understands "quoted
// phrases", prefix* matching and -exclusion; everything else is text to find, never syntax:
// each word is passed to FTS5 as a quoted string, so operators (AND, OR, NEAR, column:,
// parentheses, ^) in the input are searched for, not obeyed. The result is "" when nothing
// searchable is left (empty input, only punctuation or emoji, only exclusions), which callers
// show as "nothing found"; any non-empty result is a valid FTS5 query.
func ParseSearchQuery(input string) string { return planSearch(input).match }

// searchPlan is a reader's query as the index runs it.
type searchPlan struct {
	match string // FTS5 query: every term required, exclusions subtracted; "" = nothing to search
	// phrase is the query's plain words as one phrase (with the same exclusions), set when
	// there are two or more of them: articles with the words side by side rank above
	// articles where they are scattered.
	phrase string
	// lead is the match asked of the lead and summary only ("" when match is ""): news puts
	// what a story is about in its first lines.
	lead string
	// title is the input as a title would be written (spaces collapsed), for the exact-title
	// lookup.
	title string
	// pairs is match asked of the word-pair index (migration 0080) instead, set when the
	// query is only quoted phrases of two or more words: a phrase of common words is a walk
	// over their rare pairs there. phrasePairs is phrase asked of that index.
	pairs       string
	phrasePairs string
	// input is what the reader typed, for checking a few candidates' text (checkCandidates).
	input string
	// every is match with every word required, as the title part asks it (match may have
	// dropped common words, withoutCommonWords).
	every string
	// include and exclude are the FTS5 strings match is made of; words are the indexes in
	// include of the plain words (not phrases, not prefixes), which requireWords may drop.
	include, exclude []string
	words            []int
	// few is set when a required word has fewer than commonSample matches in the whole
	// archive (withoutCommonWords): every match is read, and the walk goes in FTS5's own
	// order, oldest first, where an AND skips through the longer doclists instead of reading
	// them (newest first it read every match of the commonest word).
	few bool
}

// requireWords is the plan with only some of its plain words required in match and lead
// (keep is indexed like words); the phrase, title and marks still use them all.
func (p searchPlan) requireWords(keep []bool) searchPlan {
	var include []string
	for i, q := range p.include {
		if at := slices.Index(p.words, i); at < 0 || keep[at] {
			include = append(include, q)
		}
	}
	if len(include) == 0 || len(include) == len(p.include) {
		return p
	}
	p.match = ftsQuery(include, p.exclude)
	p.lead = ftsQuery([]string{"{lead summary} : (" + strings.Join(include, " AND ") + ")"}, p.exclude)
	return p
}

// searchIndex is where a part of a search looks: the FTS5 table and the query for it.
type searchIndex struct {
	table, match string
}

func planSearch(input string) searchPlan {
	var include, exclude, plain, pairs []string
	var words []int
	for _, t := range splitSearchTerms(input) {
		if p := wordPairs(t.text); t.phrase && !t.exclude && p != "" {
			pairs = append(pairs, ftsString(p))
		}
		q := ftsString(t.text)
		if t.prefix && !t.phrase && utf8.RuneCountInString(t.text) >= minPrefixRunes {
			q += " *"
		}
		q = outsideTermTokens(t, q)
		switch {
		case t.exclude:
			exclude = append(exclude, q)
		default:
			if !t.prefix && !t.phrase {
				plain = append(plain, t.text)
				words = append(words, len(include))
			}
			include = append(include, q)
		}
	}
	// FTS5's NOT needs something to subtract from; a query of exclusions alone finds nothing.
	if len(include) == 0 {
		return searchPlan{}
	}
	p := searchPlan{match: ftsQuery(include, exclude), every: ftsQuery(include, exclude), input: input, include: include, exclude: exclude, words: words, title: strings.Join(strings.Fields(strings.ToValidUTF8(input, "")), " ")}
	p.lead = ftsQuery([]string{"{lead summary} : (" + strings.Join(include, " AND ") + ")"}, exclude)
	if len(plain) > 1 && len(plain) == len(include) {
		p.phrase = ftsQuery([]string{ftsString(strings.Join(plain, " "))}, exclude)
		// Phrase matches are added from the pair index, which cannot subtract exclusions.
		if words := wordPairs(strings.Join(plain, " ")); words != "" && len(exclude) == 0 {
			p.phrasePairs = ftsString(words)
		}
	}
	if len(pairs) == len(include) && len(exclude) == 0 {
		p.pairs = strings.Join(pairs, " AND ")
	}
	return p
}

// termTokenPrefix begins the per-term tokens in search_tags (searchTermToken, migration 0100).
const termTokenPrefix = "gzterm"

// outsideTermTokens keeps a term that could match a per-term token (a prefix such as "gz*",
// or a word spelled like a token) out of the search_tags column: the tokens are real index
// tokens, and "gz*" would otherwise find every tagged article. The cost is that a tag name
// starting with those letters is not found by that prefix (titles and text still are). Every
// search table (search_fts, search_titles, search_pairs) has the search_tags column.
func outsideTermTokens(t searchTerm, q string) string {
	if t.phrase {
		return q
	}
	folded := strings.Join(pairWords(t.text), "")
	if strings.HasPrefix(folded, termTokenPrefix) || t.prefix && strings.HasPrefix(termTokenPrefix, folded) && folded != "" {
		return "(- search_tags : " + q + ")"
	}
	return q
}

func ftsQuery(include, exclude []string) string {
	q := strings.Join(include, " AND ")
	if len(exclude) > 0 {
		q = "(" + q + ") NOT " + strings.Join(exclude, " NOT ")
	}
	return q
}

// splitSearchTerms reads words, "phrases", prefix* and -exclusions. An unbalanced quote runs
// to the end of the input. Terms with no letter or digit are dropped: the tokenizer would
// make nothing of them, and an empty phrase is not worth a query.
func splitSearchTerms(input string) []searchTerm {
	if len(input) > maxQueryBytes {
		input = input[:maxQueryBytes]
	}
	input = strings.ToValidUTF8(input, " ")
	var terms []searchTerm
	rest := input
	for len(terms) < maxQueryTerms {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			break
		}
		var t searchTerm
		if rest[0] == '-' {
			t.exclude = true
			rest = rest[1:]
		}
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				t.text, rest = rest[1:], ""
			} else {
				t.text, rest = rest[1:end+1], rest[end+2:]
			}
			t.phrase = true
		} else {
			end := strings.IndexFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
			if end < 0 {
				end = len(rest)
			}
			t.text, rest = rest[:end], rest[end:]
			t.text, t.prefix = strings.CutSuffix(t.text, "*")
		}
		t.text = strings.Join(strings.Fields(t.text), " ")
		if hasWordRune(t.text) {
			terms = append(terms, t)
		}
	}
	return terms
}

func hasWordRune(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

// ftsString quotes text as an FTS5 string: inside double quotes only a double quote is
// special, and it is escaped by doubling. NUL bytes would end the string early, so they go.
func ftsString(s string) string {
	s = strings.ReplaceAll(s, "\x00", "")
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
