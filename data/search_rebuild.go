package data

import (
	"context"
	"database/sql"
	"fmt"
)

// RebuildSearchIndex rebuilds every search index from the articles table, in one write
// transaction: search_fts and search_titles (FTS5's own rebuild over the search_docs view)
// and the word-pair index (its pairs made again by search_word_pairs). Triggers keep the
// indexes right on every write; a bulk writer that drops or bypasses them calls this once at
// the end instead. At 100,000 articles it takes minutes, most of it tokenizing.
func (s *Store) RebuildSearchIndex(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	defer tx.Rollback()
	if err := rebuildSearchIndex(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	return nil
}

// rebuildSearchIndex is RebuildSearchIndex inside a transaction of the caller's.
func rebuildSearchIndex(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		"INSERT INTO search_fts (search_fts) VALUES ('rebuild')",
		"INSERT INTO search_titles (search_titles) VALUES ('rebuild')",
		"INSERT INTO search_pairs (search_pairs) VALUES ('delete-all')",
		`INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags)
		SELECT search_key, search_word_pairs(title), search_word_pairs(lead), search_word_pairs(summary),
			search_word_pairs(plain_text), search_word_pairs(search_tags)
		FROM search_docs`,
		// One segment each, as a first import leaves them (BulkImport): a search reads each
		// of its words in every segment.
		"INSERT INTO search_fts (search_fts) VALUES ('optimize')",
		"INSERT INTO search_titles (search_titles) VALUES ('optimize')",
		"INSERT INTO search_pairs (search_pairs) VALUES ('optimize')",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuild search index: %w", err)
		}
	}
	return nil
}
