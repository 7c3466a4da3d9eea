package data

// A batch import's change keys and search entries (words, titles, word pairs), written once per
// batch instead of by the per-row triggers (migrations 0090 and 0096 say why). A batch records what the triggers would have:
// the keys of every article row it replaces and of every row it writes, a search entry taken
// out for every replaced row and one put in for every written row.

import (
	"context"
	"encoding/json"
	"fmt"
)

// searchKeyOf is the search index's rowid of an article row (migration 0015).
const searchKeyOf = "coalesce(date_unix, 0) * 16777216 + (id & 16777215)"

// inKeyOrder hands FTS5 its rows in rowid order: it keeps pending terms in memory only while
// rowids rise, and writes a new segment at each step back (with dates in any order, one per row).
const inKeyOrder = " ORDER BY 1"

// deferIndexing quiets the per-row triggers for the rest of this transaction. The row it
// inserts is deleted again by indexDeferred before the commit, so it is never committed.
func (w *writeTx) deferIndexing() error {
	if _, err := w.exec("INSERT INTO import_defers_indexing (id) VALUES (1)"); err != nil {
		return fmt.Errorf("defer indexing: %w", err)
	}
	w.deferred, w.isPend = true, map[int64]bool{}
	return nil
}

// searchBesideBulkImport leaves the search entries to a first import still building the
// indexes beside the store (import_search_pending has its row): the store's indexes are empty
// or half copied. It reports whether one is; a batch that then writes an article marks the
// row touched (markBulkImportTouched), so that import rebuilds the indexes from the articles,
// this batch's included (migration 0180 does the same for every other writer).
func (w *writeTx) searchBesideBulkImport() (bool, error) {
	var pending bool
	if err := w.queryRow("SELECT EXISTS (SELECT 1 FROM import_search_pending)").Scan(&pending); err != nil {
		return false, fmt.Errorf("search beside a first import: %w", err)
	}
	if pending {
		w.searchElsewhere = true
	}
	return pending, nil
}

// markBulkImportTouched marks a first import's pending row when this batch wrote an article.
func (w *writeTx) markBulkImportTouched() error {
	if len(w.pending) == 0 {
		return nil
	}
	if _, err := w.exec("UPDATE import_search_pending SET touched = 1"); err != nil {
		return fmt.Errorf("search beside a first import: %w", err)
	}
	return nil
}

// written notes an article row the batch inserted or updated.
func (w *writeTx) written(id int64) {
	if w.deferred && !w.isPend[id] {
		w.isPend[id] = true
		w.pending = append(w.pending, id)
	}
}

// beforeDeferredUpdate records what the row about to be replaced showed: its change keys and
// its search entry, which must be deleted with the very values it was indexed with. A row
// this batch wrote itself is not in the search index yet.
func (w *writeTx) beforeDeferredUpdate(id int64) error {
	if !w.deferred {
		return nil
	}
	if err := w.recordKeys("article_id = ?", id); err != nil {
		return err
	}
	if w.isPend[id] || w.searchElsewhere {
		return nil
	}
	if _, err := w.exec(`INSERT INTO search_fts (search_fts, rowid, title, lead, summary, plain_text, search_tags)
		SELECT 'delete', `+searchKeyOf+`, title, lead, summary, plain_text, search_tags FROM articles WHERE id = ?`, id); err != nil {
		return fmt.Errorf("search entry of article %d: %w", id, err)
	}
	if _, err := w.exec(`INSERT INTO search_titles (search_titles, rowid, title, search_tags)
		SELECT 'delete', `+searchKeyOf+`, title, search_tags FROM articles WHERE id = ?`, id); err != nil {
		return fmt.Errorf("title entry of article %d: %w", id, err)
	}
	if _, err := w.exec(`DELETE FROM search_pairs WHERE rowid = (SELECT `+searchKeyOf+` FROM articles WHERE id = ?)`, id); err != nil {
		return fmt.Errorf("word pairs of article %d: %w", id, err)
	}
	return nil
}

// indexDeferred writes the keys and search entries of every row the batch wrote, in one
// statement each (a bulk import's search entries go to its side indexes instead), and lets
// the triggers speak again.
func (w *writeTx) indexDeferred() error {
	if len(w.pending) > 0 {
		ids, err := json.Marshal(w.pending)
		if err != nil {
			return err
		}
		const written = "IN (SELECT value FROM json_each(?))"
		if err := w.recordKeys("article_id "+written, string(ids)); err != nil {
			return err
		}
	}
	if len(w.pending) > 0 && !w.searchElsewhere {
		const written = "IN (SELECT value FROM json_each(?))"
		ids, _ := json.Marshal(w.pending) // marshalled above
		if _, err := w.exec(`INSERT INTO search_fts (rowid, title, lead, summary, plain_text, search_tags)
			SELECT `+searchKeyOf+`, title, lead, summary, plain_text, search_tags FROM articles WHERE id `+written+inKeyOrder, string(ids)); err != nil {
			return fmt.Errorf("search entries: %w", err)
		}
		if _, err := w.exec(`INSERT INTO search_titles (rowid, title, search_tags)
			SELECT `+searchKeyOf+`, title, search_tags FROM articles WHERE id `+written+inKeyOrder, string(ids)); err != nil {
			return fmt.Errorf("title entries: %w", err)
		}
		if _, err := w.exec(`INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags)
			SELECT `+searchKeyOf+`, search_word_pairs(title), search_word_pairs(lead), search_word_pairs(summary),
				search_word_pairs(plain_text), search_word_pairs(search_tags) FROM articles WHERE id `+written+inKeyOrder, string(ids)); err != nil {
			return fmt.Errorf("word pairs: %w", err)
		}
	}
	if _, err := w.exec("DELETE FROM import_defers_indexing"); err != nil {
		return fmt.Errorf("end deferred indexing: %w", err)
	}
	w.deferred, w.pending, w.isPend = false, nil, nil
	if err := w.applyTermRenames(); err != nil {
		return err
	}
	return nil
}

// recordKeys moves the change count and records the change keys of the articles where names,
// as the triggers of migration 0010 do for one row.
func (w *writeTx) recordKeys(where string, arg any) error {
	if _, err := w.exec("UPDATE public_changes SET n = n + 1 WHERE id = 1"); err != nil {
		return fmt.Errorf("change count: %w", err)
	}
	if _, err := w.exec("INSERT INTO change_log SELECT DISTINCT key FROM article_change_keys WHERE "+where, arg); err != nil {
		return fmt.Errorf("change keys: %w", err)
	}
	return nil
}

// termID finds or makes a term, once per transaction: an import's articles share their
// authors and categories, so most lookups are answered from memory. The article whose page
// comes first in Hugo's tree (treeKey) names it; a rename is put off to the end of a batch
// (applyTermRenames), where the triggers that follow a name into the search index speak.
//
// A desk save never renames a term: an editor who types an existing tag in other letters gets
// the tag as the site names it (as in Ghost or WordPress), and a save stays the size of one
// article — a rename rewrites the search entries of every article of the term, 35,000 for
// the largest tag at 100,000 articles, minutes inside the one write lock.
func (w *writeTx) termID(lang string, t Term, treeKey string) (int64, error) {
	if w.desk {
		treeKey = ""
	}
	k := lang + "\x00" + t.Taxonomy + "\x00" + t.Key
	seen, ok := w.terms[k]
	if !ok {
		err := w.queryRow(`INSERT INTO terms (lang, taxonomy, key, name, named_by) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (lang, taxonomy, key) DO UPDATE SET name = name RETURNING id, name, named_by`,
			lang, t.Taxonomy, t.Key, t.Name, treeKey).Scan(&seen.id, &seen.name, &seen.namedBy)
		if err != nil {
			return 0, err
		}
	}
	if treeKey != "" && (seen.namedBy == "" || treeKey < seen.namedBy) {
		if seen.name != t.Name {
			w.renames = append(w.renames, termRename{id: seen.id, name: t.Name, namedBy: treeKey})
		} else if _, err := w.exec("UPDATE terms SET named_by = ? WHERE id = ?", treeKey, seen.id); err != nil {
			return 0, err
		}
		seen.name, seen.namedBy = t.Name, treeKey
	}
	w.terms[k] = seen
	if !w.deferred {
		return seen.id, w.applyTermRenames()
	}
	return seen.id, nil
}

// applyQuietTermRenames writes the renames termID found while the per-row triggers are quiet
// (a bulk import, whose search entries are built beside the store): the renamed terms'
// articles get their new search_tags from the rename trigger, and their change keys are
// recorded here, as the quiet triggers would have. It returns how many terms were renamed.
func (w *writeTx) applyQuietTermRenames() (int, error) {
	n := len(w.renames)
	for _, r := range w.renames {
		if _, err := w.exec("UPDATE terms SET name = ?, named_by = ? WHERE id = ?", r.name, r.namedBy, r.id); err != nil {
			return 0, fmt.Errorf("rename term %d: %w", r.id, err)
		}
		if err := w.recordKeys("article_id IN (SELECT article_id FROM article_terms WHERE term_id = ?)", r.id); err != nil {
			return 0, fmt.Errorf("rename term %d: %w", r.id, err)
		}
	}
	w.renames = nil
	return n, nil
}

// termRename is a term's new name, from the article now first in Hugo's order.
type termRename struct {
	id            int64
	name, namedBy string
}

// applyTermRenames writes the renames termID found (outside a deferred batch, so the
// triggers of migrations 0090 and 0100 record the change keys and re-index the term's
// articles under the new name).
func (w *writeTx) applyTermRenames() error {
	for _, r := range w.renames {
		if _, err := w.exec("UPDATE terms SET name = ?, named_by = ? WHERE id = ?", r.name, r.namedBy, r.id); err != nil {
			return fmt.Errorf("rename term %d: %w", r.id, err)
		}
	}
	w.renames = nil
	return nil
}

// ArticleHashes maps each stored article's source path to its content hash, for an import to
// leave files it stored before unread. Rows stored before the front matter text was kept are
// left out, so their next import reads them and adds it.
func (s *Store) ArticleHashes(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT source_path, content_hash FROM articles WHERE front_matter_text <> ''")
	if err != nil {
		return nil, fmt.Errorf("article hashes: %w", err)
	}
	defer rows.Close()
	hashes := map[string]string{}
	for rows.Next() {
		var path, hash string
		if err := rows.Scan(&path, &hash); err != nil {
			return nil, fmt.Errorf("article hashes: %w", err)
		}
		hashes[path] = hash
	}
	return hashes, rows.Err()
}
