package data

import (
	"context"
	"fmt"
)

// Placement is where an editor put a published article on the front pages: the lead story or
// a featured story of the home page and of its section (front matter `leadstory`, `featured`,
// `sectionlead`, `sectionfeatured`).
type Placement struct {
	ID              int64
	Section         string
	Lead, Featured  bool
	SectionLead     bool
	SectionFeatured bool
}

// maxPlacements bounds the placed articles read per language: a front page shows a handful, and
// a newsroom that never unflags old stories still reads only its newest.
const maxPlacements = 200

// placedWhere matches the partial index articles_placed (migration 0120) word for word.
const placedWhere = `(json_extract(a.front_matter, '$.leadstory') = 1 OR json_extract(a.front_matter, '$.featured') = 1
       OR json_extract(a.front_matter, '$.sectionlead') = 1 OR json_extract(a.front_matter, '$.sectionfeatured') = 1)`

// Placements returns a language's published placed articles, newest first. They are read again
// after any change in the language (an article's flags are in its row).
func (s *Store) Placements(ctx context.Context, lang string) ([]Placement, error) {
	return memoGet(ctx, s.memo, "placements\x00"+lang, []string{"home:" + lang}, func() ([]Placement, int, []string, error) {
		out, err := s.readPlacements(ctx, lang)
		return out, 4*len(out) + 1, nil, err
	})
}

func (s *Store) readPlacements(ctx context.Context, lang string) ([]Placement, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.section,
			coalesce(json_extract(a.front_matter, '$.leadstory') = 1, 0), coalesce(json_extract(a.front_matter, '$.featured') = 1, 0),
			coalesce(json_extract(a.front_matter, '$.sectionlead') = 1, 0), coalesce(json_extract(a.front_matter, '$.sectionfeatured') = 1, 0)
		FROM articles a INDEXED BY articles_placed
		WHERE a.lang = ?2 AND `+placedWhere+` AND `+publishedWhere+`
		ORDER BY a.date_unix DESC, a.id DESC LIMIT ?3`, s.now().Unix(), lang, maxPlacements)
	if err != nil {
		return nil, fmt.Errorf("placements: %w", err)
	}
	defer rows.Close()
	var out []Placement
	for rows.Next() {
		var p Placement
		if err := rows.Scan(&p.ID, &p.Section, &p.Lead, &p.Featured, &p.SectionLead, &p.SectionFeatured); err != nil {
			return nil, fmt.Errorf("placements: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ListItems returns the list items of articles ids in that order (what list pages show of an
// article), skipping ids since deleted.
func (s *Store) ListItems(ctx context.Context, ids []int64) ([]Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := s.listItems(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("list items: %w", err)
	}
	return list, nil
}
