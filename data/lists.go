package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
)

// ArticleRef is the little a link to an article needs.
type ArticleRef struct {
	ID        int64
	Title     string
	Permalink string
	Lang      string
	Date      string // RFC 3339 as written; "" when the article has no date
	Menus     map[string]MenuEntry
}

const refColumns = "a.id, a.title, a.permalink, a.lang, a.date"

func (s *Store) queryRefs(ctx context.Context, query string, args ...any) ([]ArticleRef, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ArticleRef
	for rows.Next() {
		var r ArticleRef
		if err := rows.Scan(&r.ID, &r.Title, &r.Permalink, &r.Lang, &r.Date); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SectionCount is a section and how many published articles it holds.
type SectionCount struct {
	Section string
	Type    string
	Count   int
}

// Sections returns the sections of a language with published articles, largest first. They
// are read again only after a change in the language.
func (s *Store) Sections(ctx context.Context, lang string) ([]SectionCount, error) {
	return memoGet(ctx, s.memo, "sections\x00"+lang, []string{"home:" + lang}, func() ([]SectionCount, int, []string, error) {
		out, err := s.readSections(ctx, lang)
		return out, 4*len(out) + 1, nil, err
	})
}

func (s *Store) readSections(ctx context.Context, lang string) ([]SectionCount, error) {
	// INDEXED BY: the planner would pick the section-and-date index and read every row.
	rows, err := s.db.QueryContext(ctx, `SELECT a.section, min(a.type), count(*) AS n FROM articles a INDEXED BY articles_sections
		WHERE a.lang = ?2 AND a.section <> '' AND `+publishedWhere+` GROUP BY a.section ORDER BY n DESC, a.section`,
		s.now().Unix(), lang)
	if err != nil {
		return nil, fmt.Errorf("sections: %w", err)
	}
	defer rows.Close()
	var out []SectionCount
	for rows.Next() {
		var c SectionCount
		if err := rows.Scan(&c.Section, &c.Type, &c.Count); err != nil {
			return nil, fmt.Errorf("sections: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ArchivePeriod is a year ("2026") or a month ("2026-11") of the archive and how many articles
// it holds.
type ArchivePeriod struct {
	Period string
	Count  int
}

// ArchiveYears returns the years with published, dated articles in a language, newest first.
// Periods are read from the dates as written, so an article sits in the month its readers see.
func (s *Store) ArchiveYears(ctx context.Context, lang string) ([]ArchivePeriod, error) {
	return s.archivePeriods(ctx, 4, lang, "")
}

// ArchiveMonths returns the months of a year with published articles, newest first.
func (s *Store) ArchiveMonths(ctx context.Context, lang, year string) ([]ArchivePeriod, error) {
	return s.archivePeriods(ctx, 7, lang, year)
}

// archivePeriods are read again only after a change to a dated article of the language.
func (s *Store) archivePeriods(ctx context.Context, length int, lang, within string) ([]ArchivePeriod, error) {
	key := fmt.Sprintf("archive\x00%d\x00%s\x00%s", length, lang, within)
	return memoGet(ctx, s.memo, key, []string{"arch:" + lang}, func() ([]ArchivePeriod, int, []string, error) {
		out, err := s.readArchivePeriods(ctx, length, lang, within)
		return out, 2*len(out) + 1, nil, err
	})
}

func (s *Store) readArchivePeriods(ctx context.Context, length int, lang, within string) ([]ArchivePeriod, error) {
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(`SELECT substr(a.date, 1, %d) AS p, count(*) FROM articles a
		WHERE a.lang = ?2 AND a.date >= ?3 AND a.date < ?3 || '~' AND `+publishedWhere+` GROUP BY p ORDER BY p DESC`, length),
		s.now().Unix(), lang, within)
	if err != nil {
		return nil, fmt.Errorf("archive periods: %w", err)
	}
	defer rows.Close()
	var out []ArchivePeriod
	for rows.Next() {
		var p ArchivePeriod
		if err := rows.Scan(&p.Period, &p.Count); err != nil {
			return nil, fmt.Errorf("archive periods: %w", err)
		}
		if p.Period != "" {
			out = append(out, p)
		}
	}
	return out, rows.Err()
}

// ArchiveOfMonth returns a month's ("2026-11") published articles in a language, newest first,
// read again only after a change to the month.
func (s *Store) ArchiveOfMonth(ctx context.Context, lang, month string) ([]ArticleRef, error) {
	return memoGet(ctx, s.memo, "archive-month\x00"+lang+"\x00"+month, []string{"arch:" + lang + ":" + month},
		func() ([]ArticleRef, int, []string, error) {
			refs, err := s.readArchiveOfMonth(ctx, lang, month)
			return refs, 8*len(refs) + 1, nil, err
		})
}

func (s *Store) readArchiveOfMonth(ctx context.Context, lang, month string) ([]ArticleRef, error) {
	refs, err := s.queryRefs(ctx, "SELECT "+refColumns+" FROM articles a WHERE a.lang = ?2 AND a.date >= ?3 AND a.date < ?3 || '~' AND "+
		publishedWhere+" ORDER BY a.date_unix DESC, a.title", s.now().Unix(), lang, month+"-")
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", month, err)
	}
	return refs, nil
}

// hugoOrder is Hugo's default page order as a row value: weighted pages first by weight, then
// newest, then title and path. Undated articles sort after dated ones.
const hugoOrder = "(a.weight = 0, a.weight, -coalesce(a.date_unix, -9223372036854775807), a.title, a.source_path)"

// Neighbours returns the published articles before and after a in its section and language, in
// Hugo's order: older is the next-older article ("« Previous"), newer the next-newer. Either is
// nil at an end of the section.
// They are kept until the section (or, for an article outside any section, the language)
// changes.
func (s *Store) Neighbours(ctx context.Context, a *Article) (older, newer *ArticleRef, err error) {
	dep := "sec:" + a.Lang + ":" + a.Section
	if a.Section == "" {
		dep = "home:" + a.Lang
	}
	id := strconv.FormatInt(a.ID, 10)
	pair, err := memoGet(ctx, s.memo, "neighbours\x00"+id, []string{dep, "a:" + id}, func() ([2]*ArticleRef, int, []string, error) {
		older, newer, err := s.readNeighbours(ctx, a)
		return [2]*ArticleRef{older, newer}, 16, nil, err
	})
	return pair[0], pair[1], err
}

func (s *Store) readNeighbours(ctx context.Context, a *Article) (older, newer *ArticleRef, err error) {
	if a.Weight == 0 && !a.Date.IsZero() {
		older, newer, err = s.datedNeighbours(ctx, a)
	} else {
		older, newer, err = s.orderedNeighbours(ctx, a)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("neighbours of %d: %w", a.ID, err)
	}
	return older, newer, nil
}

// neighbourWhere limits a neighbour search to a's published section; ?1 is the clock.
const neighbourWhere = "a.lang = ?2 AND a.section = ?3 AND a.id <> ?4 AND " + publishedWhere

func (s *Store) firstRef(ctx context.Context, query string, args ...any) (*ArticleRef, error) {
	refs, err := s.queryRefs(ctx, "SELECT "+refColumns+" FROM articles a WHERE "+neighbourWhere+" AND "+query+" LIMIT 1", args...)
	if err != nil || len(refs) == 0 {
		return nil, err
	}
	return &refs[0], nil
}

// datedNeighbours covers nearly every article (no weight, a date) with index seeks by date:
// past the oldest dated article come the undated ones, before the newest the weighted ones.
func (s *Store) datedNeighbours(ctx context.Context, a *Article) (older, newer *ArticleRef, err error) {
	args := []any{s.now().Unix(), a.Lang, a.Section, a.ID, a.Date.Unix(), a.Title, a.SourcePath}
	older, err = s.firstRef(ctx, `a.weight = 0 AND a.date_unix <= ?5 AND (a.date_unix < ?5 OR (a.title, a.source_path) > (?6, ?7))
		ORDER BY a.date_unix DESC, a.title, a.source_path`, args...)
	if err == nil && older == nil {
		older, err = s.firstRef(ctx, "a.weight = 0 AND a.date_unix IS NULL ORDER BY a.title, a.source_path", args[:4]...)
	}
	if err != nil {
		return nil, nil, err
	}
	newer, err = s.firstRef(ctx, `a.weight = 0 AND a.date_unix >= ?5 AND (a.date_unix > ?5 OR (a.title, a.source_path) < (?6, ?7))
		ORDER BY a.date_unix, a.title DESC, a.source_path DESC`, args...)
	if err == nil && newer == nil {
		newer, err = s.firstRef(ctx, `a.weight <> 0 ORDER BY a.weight DESC, a.date_unix IS NULL DESC, a.date_unix,
			a.title DESC, a.source_path DESC`, args[:4]...)
	}
	return older, newer, err
}

// orderedNeighbours compares whole sort keys; it serves weighted and undated articles, which
// are few.
func (s *Store) orderedNeighbours(ctx context.Context, a *Article) (older, newer *ArticleRef, err error) {
	var dateUnix any
	if !a.Date.IsZero() {
		dateUnix = a.Date.Unix()
	}
	args := []any{s.now().Unix(), a.Lang, a.Section, a.ID, a.Weight, dateUnix, a.Title, a.SourcePath}
	const mine = "(?5 = 0, ?5, -coalesce(?6, -9223372036854775807), ?7, ?8)"
	if older, err = s.firstRef(ctx, hugoOrder+" > "+mine+" ORDER BY "+hugoOrderAsc, args...); err != nil {
		return nil, nil, err
	}
	newer, err = s.firstRef(ctx, hugoOrder+" < "+mine+" ORDER BY "+hugoOrderDesc, args...)
	return older, newer, err
}

const (
	hugoOrderAsc  = "a.weight = 0, a.weight, -coalesce(a.date_unix, -9223372036854775807), a.title, a.source_path"
	hugoOrderDesc = "a.weight = 0 DESC, a.weight DESC, -coalesce(a.date_unix, -9223372036854775807) DESC, a.title DESC, a.source_path DESC"
)

// relatedCandidates bounds how many articles per shared term are considered, so a category
// holding half the site costs no more than a rare tag.
const relatedCandidates = 200

// Related returns up to limit published articles in a's language sharing the most tags and
// categories with it (a shared tag counts double: tags say more than broad categories), newer
// first among equals. They are kept until one of its terms, it or one of them changes.
func (s *Store) Related(ctx context.Context, a *Article, limit int) ([]ArticleRef, error) {
	id := strconv.FormatInt(a.ID, 10)
	return memoGet(ctx, s.memo, "related\x00"+id+"\x00"+strconv.Itoa(limit), []string{"a:" + id},
		func() ([]ArticleRef, int, []string, error) {
			refs, terms, err := s.readRelated(ctx, a, limit)
			deps := make([]string, 0, len(refs)+len(terms))
			for _, t := range terms {
				deps = append(deps, "t:"+strconv.FormatInt(t, 10))
			}
			for _, r := range refs {
				deps = append(deps, "a:"+strconv.FormatInt(r.ID, 10))
			}
			return refs, 8 * (len(refs) + 1), deps, err
		})
}

// readRelated is Related read from the store, with the ids of the article's terms.
func (s *Store) readRelated(ctx context.Context, a *Article, limit int) ([]ArticleRef, []int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at.term_id, t.taxonomy FROM article_terms at JOIN terms t ON t.id = at.term_id
		WHERE at.article_id = ?`, a.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("related to %d: %w", a.ID, err)
	}
	type termRef struct {
		id     int64
		weight int
	}
	var terms []termRef
	for rows.Next() {
		var tr termRef
		var taxonomy string
		if err := rows.Scan(&tr.id, &taxonomy); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("related to %d: %w", a.ID, err)
		}
		tr.weight = 1
		if taxonomy == "tags" {
			tr.weight = 2
		}
		terms = append(terms, tr)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("related to %d: %w", a.ID, err)
	}
	score := map[int64]int{}
	for _, tr := range terms {
		ids, err := s.termArticleIDs(ctx, tr.id, a.ID)
		if err != nil {
			return nil, nil, fmt.Errorf("related to %d: %w", a.ID, err)
		}
		for _, id := range ids {
			score[id] += tr.weight
		}
	}
	termIDs := make([]int64, len(terms))
	for i, tr := range terms {
		termIDs[i] = tr.id
	}
	if len(score) == 0 {
		return nil, termIDs, nil
	}
	// Read only the best-scored candidates (newer ids first among equals), a few more than
	// asked for since some may be unpublished; reading all of them cost more than the page.
	cands := make([]int64, 0, len(score))
	for id := range score {
		cands = append(cands, id)
	}
	sort.Slice(cands, func(i, j int) bool {
		if score[cands[i]] != score[cands[j]] {
			return score[cands[i]] > score[cands[j]]
		}
		return cands[i] > cands[j]
	})
	var refs []ArticleRef
	for start := 0; start < len(cands) && len(refs) < limit; start += 4 * limit {
		batch := cands[start:min(start+4*limit, len(cands))]
		// CROSS JOIN keeps SQLite from scanning the language's articles: it looks each id up.
		got, err := s.queryRefs(ctx, "SELECT "+refColumns+" FROM json_each(?3) AS j CROSS JOIN articles a ON a.id = j.value"+
			" WHERE a.lang = ?2 AND "+publishedWhere+" ORDER BY a.date_unix DESC", s.now().Unix(), a.Lang, jsonText(batch))
		if err != nil {
			return nil, nil, fmt.Errorf("related to %d: %w", a.ID, err)
		}
		refs = append(refs, got...)
	}
	sort.SliceStable(refs, func(i, j int) bool { return score[refs[i].ID] > score[refs[j].ID] })
	return refs[:min(limit, len(refs))], termIDs, nil
}

func (s *Store) termArticleIDs(ctx context.Context, termID, except int64) ([]int64, error) {
	return s.queryIDs(ctx, fmt.Sprintf(`SELECT article_id FROM article_terms WHERE term_id = ? AND article_id <> ?
		ORDER BY article_id DESC LIMIT %d`, relatedCandidates), termID, except)
}

// queryIDs runs a query whose rows are one id each.
func (s *Store) queryIDs(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// MenuArticles returns the published articles that put themselves in a menu (front matter
// `menu`), in every language. They are read again only after a menu changed.
func (s *Store) MenuArticles(ctx context.Context) ([]ArticleRef, error) {
	return memoGet(ctx, s.memo, "menus", []string{"menu"}, func() ([]ArticleRef, int, []string, error) {
		out, err := s.readMenuArticles(ctx)
		return out, 8*len(out) + 1, nil, err
	})
}

func (s *Store) readMenuArticles(ctx context.Context) ([]ArticleRef, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+refColumns+", a.menus FROM articles a WHERE a.menus IS NOT NULL AND a.menus <> '{}' AND "+
		publishedWhere+" ORDER BY a.id", s.now().Unix())
	if err != nil {
		return nil, fmt.Errorf("menu articles: %w", err)
	}
	defer rows.Close()
	var out []ArticleRef
	for rows.Next() {
		var r ArticleRef
		var menus sql.NullString
		if err := rows.Scan(&r.ID, &r.Title, &r.Permalink, &r.Lang, &r.Date, &menus); err != nil {
			return nil, fmt.Errorf("menu articles: %w", err)
		}
		if err := unmarshalNull(menus, &r.Menus); err != nil {
			return nil, fmt.Errorf("menu articles: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("menu articles: %w", err)
	}
	lists, err := s.menuListPages(ctx)
	return append(out, lists...), err
}
