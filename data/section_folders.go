package data

import (
	"context"
	"fmt"
	"path"
	"strings"
)

// SectionFoldersBelow are the content folders ("content/cn/kids/", as source paths begin) of
// the sections nested below the section at dir ("cn", or a nested one's "cn/kids") in a
// language: every folder below it that has its own _index file, outermost only. In Hugo a page
// belongs to its nearest section, so a section's list and feed leave these folders' pages out.
// Kept until the list pages change (they change at import only, under the "*" key).
func (s *Store) SectionFoldersBelow(ctx context.Context, lang, dir string) ([]string, error) {
	all, err := memoGet(ctx, s.memo, "sectionfolders\x00"+lang, []string{"*"}, func() ([][2]string, int, []string, error) {
		rows, err := s.db.QueryContext(ctx, "SELECT dir, source_path FROM list_pages WHERE lang = ? AND kind = ? ORDER BY dir", lang, KindSection)
		if err != nil {
			return nil, 0, nil, fmt.Errorf("section folders: %w", err)
		}
		defer rows.Close()
		var out [][2]string
		for rows.Next() {
			var d, src string
			if err := rows.Scan(&d, &src); err != nil {
				return nil, 0, nil, fmt.Errorf("section folders: %w", err)
			}
			out = append(out, [2]string{strings.ToLower(d), path.Dir(src) + "/"})
		}
		return out, 8 + len(out)*8, nil, rows.Err()
	})
	if err != nil {
		return nil, err
	}
	prefix := strings.ToLower(strings.Trim(dir, "/")) + "/"
	var below []string
	for _, f := range all {
		if !strings.HasPrefix(f[0], prefix) {
			continue
		}
		if n := len(below); n > 0 && strings.HasPrefix(f[1], below[n-1]) {
			continue // inside a nested section already left out
		}
		below = append(below, f[1])
	}
	return below, nil
}
