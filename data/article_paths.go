package data

import (
	"context"
	"fmt"
)

// ArticlePath is where an article came from and where it lives: what ref/relref links need.
type ArticlePath struct {
	SourcePath string
	Lang       string
	Permalink  string
}

// ArticlePaths lists every article's source path, language and permalink, by source path (the
// order an import indexes pages in, so both resolve a shared name to the same page).
func (s *Store) ArticlePaths(ctx context.Context) ([]ArticlePath, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT source_path, lang, permalink FROM articles ORDER BY source_path")
	if err != nil {
		return nil, fmt.Errorf("article paths: %w", err)
	}
	defer rows.Close()
	var out []ArticlePath
	for rows.Next() {
		var p ArticlePath
		if err := rows.Scan(&p.SourcePath, &p.Lang, &p.Permalink); err != nil {
			return nil, fmt.Errorf("article paths: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
