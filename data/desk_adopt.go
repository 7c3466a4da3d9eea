package data

import (
	"context"
	"fmt"
)

// AdoptDeskArticles gives articles written in the desk (source paths under deskPrefix) the
// source path of the file an export wrote them to, when an import brings that file back into
// the same store: matched by language and URL, the article is then updated in place instead of
// added a second time. An article already at that source path is never displaced. It returns
// how many were adopted.
func (s *Store) AdoptDeskArticles(ctx context.Context, deskPrefix string, incoming []Article) (int, error) {
	desk := map[string]int64{}
	rows, err := s.db.QueryContext(ctx, `SELECT id, lang, permalink FROM articles
		WHERE source_path >= ? AND source_path < ? AND trashed_at IS NULL`, deskPrefix, deskPrefix+"\U0010FFFF")
	if err != nil {
		return 0, fmt.Errorf("desk articles: %w", err)
	}
	for rows.Next() {
		var id int64
		var lang, permalink string
		if err := rows.Scan(&id, &lang, &permalink); err != nil {
			rows.Close()
			return 0, fmt.Errorf("desk articles: %w", err)
		}
		desk[lang+" "+permalink] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(desk) == 0 {
		return 0, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("adopt desk articles: %w", err)
	}
	defer tx.Rollback()
	w := newWriteTx(ctx, tx)
	adopted := 0
	for _, a := range incoming {
		id, ok := desk[a.Lang+" "+a.Permalink]
		if !ok || a.SourcePath >= deskPrefix && a.SourcePath < deskPrefix+"\U0010FFFF" {
			continue
		}
		res, err := w.exec(`UPDATE articles SET source_path = ?1 WHERE id = ?2
			AND NOT EXISTS (SELECT 1 FROM articles WHERE source_path = ?1)`, a.SourcePath, id)
		if err != nil {
			return 0, fmt.Errorf("adopt %s: %w", a.SourcePath, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			adopted++
			delete(desk, a.Lang+" "+a.Permalink)
		}
	}
	if err := s.commit(ctx, tx); err != nil {
		return 0, fmt.Errorf("adopt desk articles: %w", err)
	}
	return adopted, nil
}
