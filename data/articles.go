package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// SaveOutcome says what saving one article did.
type SaveOutcome int

// The outcomes of SaveArticles, per article.
const (
	Unchanged SaveOutcome = iota
	Inserted
	Updated
	// KeptDeskEdit: the article was changed in the editor desk since it was imported, so an
	// import does not overwrite it (nor republish one an editor retracted).
	KeptDeskEdit
)

// SaveArticles writes articles keyed by SourcePath in one transaction: new ones are inserted,
// changed ones (by ContentHash) updated, identical ones left alone. Either all are written or
// none, so an interrupted import never leaves half an article behind. The batch's change keys
// and search entries are written once for the batch, not row by row (articles_import.go).
func (s *Store) SaveArticles(ctx context.Context, articles []Article) ([]SaveOutcome, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("save articles: %w", err)
	}
	defer tx.Rollback()
	outcomes := make([]SaveOutcome, len(articles))
	wtx := newWriteTx(ctx, tx)
	if err := wtx.deferIndexing(); err != nil {
		return nil, fmt.Errorf("save articles: %w", err)
	}
	besideBulk, err := wtx.searchBesideBulkImport()
	if err != nil {
		return nil, fmt.Errorf("save articles: %w", err)
	}
	for i := range articles {
		o, err := s.saveArticle(wtx, &articles[i])
		if err != nil {
			return nil, fmt.Errorf("save %s: %w", articles[i].SourcePath, err)
		}
		outcomes[i] = o
	}
	if besideBulk {
		if err := wtx.markBulkImportTouched(); err != nil {
			return nil, fmt.Errorf("save articles: %w", err)
		}
	}
	if err := wtx.indexDeferred(); err != nil {
		return nil, fmt.Errorf("save articles: %w", err)
	}
	if err := s.commit(ctx, tx); err != nil {
		return nil, fmt.Errorf("save articles: commit: %w", err)
	}
	return outcomes, nil
}

func (s *Store) saveArticle(tx *writeTx, a *Article) (SaveOutcome, error) {
	var id int64
	var version int
	var hash, oldPermalink string
	var hadText bool
	err := tx.queryRow("SELECT id, content_hash, permalink, version, front_matter_text <> '' FROM articles WHERE source_path = ?", a.SourcePath).
		Scan(&id, &hash, &oldPermalink, &version, &hadText)
	now := s.now().Unix()
	switch {
	case errors.Is(err, sql.ErrNoRows):
		cols := append(append([]string{}, articleColumns...), "created_at", "updated_at")
		args := append(articleArgs(a), now, now)
		res, err := tx.exec("INSERT INTO articles ("+strings.Join(cols, ", ")+") VALUES ("+placeholders(len(cols))+")", args...)
		if err != nil {
			return 0, err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return 0, err
		}
		tx.written(a.ID)
		return Inserted, writeIndexes(tx, a, "", true)
	case err != nil:
		return 0, err
	case hash == a.ContentHash && (hadText || a.FrontMatterText == ""):
		// Same file; rows stored before the front matter text was kept take it on the next import.
		a.ID = id
		return Unchanged, nil
	case version > 1 && !tx.desk:
		a.ID = id
		return KeptDeskEdit, nil
	}
	a.ID = id
	if err := tx.beforeDeferredUpdate(id); err != nil {
		return 0, err
	}
	set := make([]string, len(articleColumns))
	for i, c := range articleColumns {
		set[i] = c + " = ?"
	}
	args := append(articleArgs(a), now, id)
	if _, err := tx.exec("UPDATE articles SET "+strings.Join(set, ", ")+", updated_at = ? WHERE id = ?", args...); err != nil {
		return 0, err
	}
	tx.written(id)
	return Updated, writeIndexes(tx, a, oldPermalink, false)
}

// writeIndexes rewrites an article's terms and paths. A permalink that changed stays as a
// redirect, so links to the old URL keep working. A fresh row has no terms or paths to clear.
func writeIndexes(tx *writeTx, a *Article, oldPermalink string, fresh bool) error {
	if !fresh {
		if _, err := tx.exec("DELETE FROM article_terms WHERE article_id = ?", a.ID); err != nil {
			return err
		}
	}
	for i, t := range a.Terms {
		termID, err := tx.termID(a.Lang, t, a.TreeKey)
		if err != nil {
			return fmt.Errorf("term %s/%s: %w", t.Taxonomy, t.Key, err)
		}
		if _, err := tx.exec("INSERT OR IGNORE INTO article_terms (article_id, term_id, position) VALUES (?, ?, ?)", a.ID, termID, i); err != nil {
			return err
		}
	}
	if !fresh {
		if _, err := tx.exec("DELETE FROM paths WHERE article_id = ? AND is_redirect = 0", a.ID); err != nil {
			return err
		}
	}
	if oldPermalink != "" && oldPermalink != a.Permalink {
		if _, err := tx.exec("INSERT OR IGNORE INTO paths (path, article_id, is_redirect) VALUES (?, ?, 1)", oldPermalink, a.ID); err != nil {
			return err
		}
	}
	// The permalink takes its path back from a redirect of this article; another article's
	// page at the same path keeps it (first come, as Hugo serves one of two).
	if !fresh {
		if _, err := tx.exec("DELETE FROM paths WHERE path = ? AND article_id = ? AND is_redirect = 1", a.Permalink, a.ID); err != nil {
			return err
		}
	}
	if _, err := tx.exec("INSERT OR IGNORE INTO paths (path, article_id, is_redirect) VALUES (?, ?, 0)", a.Permalink, a.ID); err != nil {
		return err
	}
	if a.Draft {
		return nil // Hugo never publishes a draft's aliases; they are written when it is published
	}
	for _, al := range a.Aliases {
		// An alias a draft holds (stored before this rule) goes to the published page.
		if _, err := tx.exec(`INSERT INTO paths (path, article_id, is_redirect) VALUES (?, ?, 1)
			ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id
			WHERE paths.is_redirect = 1 AND (SELECT draft FROM articles WHERE id = paths.article_id) = 1`, al, a.ID); err != nil {
			return err
		}
	}
	return nil
}

// PathTarget is what a URL path leads to.
type PathTarget struct {
	ArticleID  int64
	IsRedirect bool
	Permalink  string // the article's canonical path (where a redirect goes)
}

// ResolvePath looks a URL path up in the path index. ErrNotFound when nothing lives there.
//
// A path found is kept in the memo until a change names its article (a path added or dropped
// names the article it belongs to); a path not found is asked again each time.
func (s *Store) ResolvePath(ctx context.Context, path string) (PathTarget, error) {
	return memoGet(ctx, s.memo, "path\x00"+path, nil, func() (PathTarget, int, []string, error) {
		t, err := s.readPath(ctx, path)
		return t, 4 + len(path)/8, []string{"a:" + strconv.FormatInt(t.ArticleID, 10)}, err
	})
}

func (s *Store) readPath(ctx context.Context, path string) (PathTarget, error) {
	var t PathTarget
	err := s.db.QueryRowContext(ctx, `SELECT p.article_id, p.is_redirect, a.permalink FROM paths p
		JOIN articles a ON a.id = p.article_id WHERE p.path = ?`, path).Scan(&t.ArticleID, &t.IsRedirect, &t.Permalink)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("resolve path %q: %w", path, err)
	}
	return t, nil
}

// Article returns one article with its body and terms.
func (s *Store) Article(ctx context.Context, id int64) (Article, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+fullColumns+" FROM articles a WHERE a.id = ?", id)
	a, err := scanArticle(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	if err != nil {
		return a, fmt.Errorf("article %d: %w", id, err)
	}
	if err := s.attachTerms(ctx, []*Article{&a}); err != nil {
		return a, err
	}
	return a, nil
}

// ArticleView is Article for reader pages and feeds: kept in the memo until a change names the
// article (its row, its terms, its paths: key a:<id>), so re-rendering a page whose sidebar
// moved costs no query for the article. The value's maps and slices are shared with the memo:
// callers must not modify them (the desk edits a copy from Article).
func (s *Store) ArticleView(ctx context.Context, id int64) (Article, error) {
	return memoGet(ctx, s.memo, "article\x00"+strconv.FormatInt(id, 10), []string{"a:" + strconv.FormatInt(id, 10)},
		func() (Article, int, []string, error) {
			a, err := s.Article(ctx, id)
			size := (len(a.BodyHTML) + len(a.BodyMarkdown) + len(a.PlainText) + len(a.FrontMatterText)) / 8
			return a, size + 64, nil, err
		})
}

// attachTerms fills Terms for a page of articles in one query (no query per article).
func (s *Store) attachTerms(ctx context.Context, articles []*Article) error {
	if len(articles) == 0 {
		return nil
	}
	byID := make(map[int64]*Article, len(articles))
	ids := make([]int64, 0, len(articles))
	for _, a := range articles {
		byID[a.ID] = a
		ids = append(ids, a.ID)
	}
	// One JSON parameter, not one per id: `list all` of a 100,000-article store passed SQLite's
	// limit of 32,766 parameters.
	rows, err := s.db.QueryContext(ctx, `SELECT at.article_id, t.taxonomy, t.key, t.name FROM json_each(?) AS j
		CROSS JOIN article_terms at ON at.article_id = j.value JOIN terms t ON t.id = at.term_id
		ORDER BY at.article_id, at.position`, jsonText(ids))
	if err != nil {
		return fmt.Errorf("terms: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t Term
		if err := rows.Scan(&id, &t.Taxonomy, &t.Key, &t.Name); err != nil {
			return fmt.Errorf("terms: %w", err)
		}
		byID[id].Terms = append(byID[id].Terms, t)
	}
	return rows.Err()
}

// AllArticles returns every stored article, published or not, newest first.
func (s *Store) AllArticles(ctx context.Context) ([]Article, error) {
	return s.queryArticles(ctx, true, "SELECT "+fullColumns+" FROM articles a ORDER BY a.date_unix DESC, a.source_path")
}

func (s *Store) queryArticles(ctx context.Context, full bool, query string, args ...any) ([]Article, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		a, err := scanArticle(rows, full)
		if err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	ptrs := make([]*Article, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, s.attachTerms(ctx, ptrs)
}

// ListQuery selects published articles for a list page.
type ListQuery struct {
	Lang    string
	Section string // "" = all sections
	// SourcePrefix, when set, keeps only articles whose source path starts with it (a nested
	// section's folder, "content/post/sub/").
	SourcePrefix string
	// ExceptPrefixes leaves out articles whose source path starts with one of them (the
	// folders of the sections nested below a section: their pages are theirs, not its).
	ExceptPrefixes []string
	Taxonomy       string // with TermKey: only articles carrying that term
	TermKey        string
	Limit          int
	Offset         int
	// Types, when set, keeps only articles of these types (Hugo's mainSections filter).
	Types []string
}

// publishedWhere is the publication rule in SQL, evaluated at the store's clock (?1).
const publishedWhere = `a.draft = 0 AND a.headless = 0 AND (a.publish_unix IS NULL OR a.publish_unix <= ?1)
	AND (a.expiry_unix IS NULL OR a.expiry_unix > ?1)`

// ListPublished returns one page of published articles in Hugo's order (weight first, unset
// weights last, then newest) and how many there are in all. The list's order is read once and
// kept until a change names the list (see memo), so page 500 of a 100,000-article home costs
// the ten articles it shows.
func (s *Store) ListPublished(ctx context.Context, q ListQuery) ([]Article, int, error) {
	ids, err := s.listIDs(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	from := min(max(q.Offset, 0), len(ids))
	page := ids[from:min(from+limit, len(ids))]
	if len(page) == 0 {
		return nil, len(ids), nil
	}
	list, err := s.listItems(ctx, page)
	return list, len(ids), err
}

// listItems returns the list items (list columns and terms) of the articles ids, in that order.
// Each item is kept in the memo until a change names its article, so a list page after a
// publish reads only the articles it has not shown before.
func (s *Store) listItems(ctx context.Context, ids []int64) ([]Article, error) {
	start := s.memo.version(ctx)
	list := make([]Article, len(ids))
	var missing []int64
	for i, id := range ids {
		if v, ok := s.memo.peek(listItemKey(id)); ok {
			list[i] = v.(Article)
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return list, nil
	}
	read, err := s.queryArticles(ctx, false, "SELECT "+listColumns+" FROM json_each(?1) AS j CROSS JOIN articles a ON a.id = j.value ORDER BY j.key",
		jsonText(missing))
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Article, len(read))
	for _, a := range read {
		byID[a.ID] = a
		s.memo.keep(start, listItemKey(a.ID), a, 16+(len(a.SummaryHTML)+len(a.Title))/8, []string{"a:" + strconv.FormatInt(a.ID, 10)})
	}
	out := list[:0]
	for i, id := range ids {
		if list[i].ID == 0 {
			a, ok := byID[id]
			if !ok {
				continue // deleted since the list was read
			}
			list[i] = a
		}
		out = append(out, list[i])
	}
	return out, nil
}

func listItemKey(id int64) string { return "item\x00" + strconv.FormatInt(id, 10) }

// listIDs is a list's published article ids in Hugo's order. The language's whole list is read
// once per change in the language (the articles_list index gives it in order, no sort); a
// section, term or type list is that list filtered by the set of ids the filter names, which
// an index gives in milliseconds, so a publish costs one ordered read, not one per list.
func (s *Store) listIDs(ctx context.Context, q ListQuery) ([]int64, error) {
	home := "home:" + q.Lang
	since := s.memo.version(ctx)
	all, err := memoGetSince(ctx, s.memo, since, "list\x00"+q.Lang, []string{home}, func() ([]int64, int, []string, error) {
		ids, err := s.queryIDs(ctx, "SELECT a.id FROM articles a WHERE "+publishedWhere+" AND a.lang = ?2"+
			" ORDER BY a.weight = 0, a.weight, a.date_unix DESC, a.title, a.source_path", s.now().Unix(), q.Lang)
		if err != nil {
			return nil, 0, nil, fmt.Errorf("list articles: %w", err)
		}
		return ids, len(ids) + 1, nil, nil
	})
	if err != nil || (q.Section == "" && q.SourcePrefix == "" && len(q.ExceptPrefixes) == 0 && q.TermKey == "" && len(q.Types) == 0) {
		return all, err
	}
	deps := []string{home}
	var filters []func() ([]int64, error)
	if q.Section != "" {
		deps = append(deps, "sec:"+q.Lang+":"+q.Section)
		filters = append(filters, func() ([]int64, error) {
			return s.queryIDs(ctx, "SELECT id FROM articles WHERE lang = ? AND section = ?", q.Lang, q.Section)
		})
	}
	if q.SourcePrefix != "" {
		filters = append(filters, func() ([]int64, error) {
			// A range on the source path's unique index: every path that starts with the prefix.
			return s.queryIDs(ctx, "SELECT id FROM articles WHERE source_path >= ? AND source_path < ? AND lang = ?",
				q.SourcePrefix, q.SourcePrefix+"\U0010FFFF", q.Lang)
		})
	}
	var except []func() ([]int64, error)
	for _, prefix := range q.ExceptPrefixes {
		except = append(except, func() ([]int64, error) {
			return s.queryIDs(ctx, "SELECT id FROM articles WHERE source_path >= ? AND source_path < ? AND lang = ?",
				prefix, prefix+"\U0010FFFF", q.Lang)
		})
	}
	if q.TermKey != "" {
		t, err := s.termID(ctx, q.Lang, q.Taxonomy, q.TermKey)
		if errors.Is(err, ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		deps = append(deps, "t:"+strconv.FormatInt(t, 10))
		filters = append(filters, func() ([]int64, error) {
			return s.queryIDs(ctx, "SELECT article_id FROM article_terms WHERE term_id = ?", t)
		})
	}
	if len(q.Types) > 0 {
		filters = append(filters, func() ([]int64, error) {
			return s.queryIDs(ctx, "SELECT id FROM articles WHERE lang = ? AND type IN (SELECT value FROM json_each(?))", q.Lang, jsonText(q.Types))
		})
	}
	key := fmt.Sprintf("list\x00%s\x00%s\x00%s\x00%s\x00%q\x00%s\x00%q", q.Lang, q.Section, q.Taxonomy, q.TermKey, q.Types, q.SourcePrefix, q.ExceptPrefixes)
	return memoGetSince(ctx, s.memo, since, key, deps, func() ([]int64, int, []string, error) {
		keep := all
		for _, f := range filters {
			ids, err := f()
			if err != nil {
				return nil, 0, nil, fmt.Errorf("list articles: %w", err)
			}
			in := make(map[int64]bool, len(ids))
			for _, id := range ids {
				in[id] = true
			}
			var next []int64
			for _, id := range keep {
				if in[id] {
					next = append(next, id)
				}
			}
			keep = next
		}
		for _, f := range except {
			ids, err := f()
			if err != nil {
				return nil, 0, nil, fmt.Errorf("list articles: %w", err)
			}
			out := make(map[int64]bool, len(ids))
			for _, id := range ids {
				out[id] = true
			}
			keep = slices.DeleteFunc(slices.Clone(keep), func(id int64) bool { return out[id] })
		}
		return keep, len(keep) + 1, nil, nil
	})
}

// Translations returns the other-language versions of an article that readers may see.
//
// The answer is kept until a change names the story (key tr:<translation key>, which every
// write of one of its articles records), so an article page does not read its group each time.
// The slice is shared with the memo: callers must not modify it.
func (s *Store) Translations(ctx context.Context, a *Article) ([]Article, error) {
	return memoGet(ctx, s.memo, "translations\x00"+a.TranslationKey+"\x00"+a.Lang, []string{"tr:" + a.TranslationKey},
		func() ([]Article, int, []string, error) {
			list, err := s.queryArticles(ctx, false, "SELECT "+listColumns+" FROM articles a WHERE "+publishedWhere+
				" AND a.translation_key = ?2 AND a.lang <> ?3 ORDER BY a.lang", s.now().Unix(), a.TranslationKey, a.Lang)
			size := 8
			for _, t := range list {
				size += 16 + (len(t.SummaryHTML)+len(t.Title))/8
			}
			return list, size, nil, err
		})
}

// TranslationGroup returns every stored article of a story (all languages, any status), for
// the editor's form; readers get Translations.
func (s *Store) TranslationGroup(ctx context.Context, key string) ([]Article, error) {
	return s.queryArticles(ctx, false, "SELECT "+listColumns+" FROM articles a WHERE a.translation_key = ? ORDER BY a.lang, a.id", key)
}

// CountArticles returns how many articles are stored.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}
