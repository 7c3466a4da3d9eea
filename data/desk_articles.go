package data

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Status is where an article stands in the desk's workflow.
type Status string

// The statuses, as the desk's filters name them.
const (
	StatusDraft     Status = "draft"
	StatusScheduled Status = "scheduled"
	StatusPublished Status = "published"
	StatusExpired   Status = "expired"
	StatusTrash     Status = "trash"
)

// Statuses are every status in the order the desk shows them.
var Statuses = []Status{StatusDraft, StatusScheduled, StatusPublished, StatusExpired, StatusTrash}

// statusWhere is each status in SQL at the store's clock (?1). Trashed articles are drafts too.
var statusWhere = map[Status]string{
	StatusTrash:     "a.trashed_at IS NOT NULL",
	StatusDraft:     "a.trashed_at IS NULL AND (a.draft = 1 OR a.headless = 1)",
	StatusScheduled: "a.trashed_at IS NULL AND a.draft = 0 AND a.headless = 0 AND a.publish_unix > ?1",
	StatusExpired: "a.trashed_at IS NULL AND a.draft = 0 AND a.headless = 0 AND (a.publish_unix IS NULL OR a.publish_unix <= ?1)" +
		" AND a.expiry_unix <= ?1",
	StatusPublished: "a.trashed_at IS NULL AND " + publishedWhere,
}

// StatusOf says where an article stands at now.
func StatusOf(a *Article, trashed bool, now time.Time) Status {
	switch {
	case trashed:
		return StatusTrash
	case a.Draft || a.Headless:
		return StatusDraft
	case !a.PublishDate.IsZero() && a.PublishDate.After(now):
		return StatusScheduled
	case !a.ExpiryDate.IsZero() && !a.ExpiryDate.After(now):
		return StatusExpired
	}
	return StatusPublished
}

// DeskQuery selects articles for the desk's list; zero values mean "any".
type DeskQuery struct {
	Status   Status
	Lang     string
	Tag      string // term key
	Category string // term key
	Author   string // term key of the authors taxonomy
	Text     string // in the title or the body
	Sort     string // "updated" (default), "date", "title"
	Limit    int
	Offset   int
}

// DeskRow is one article in the desk's list.
type DeskRow struct {
	Article Article
	Status  Status
	Version int
}

// DeskArticles returns one page of articles for the desk and how many match in all.
func (s *Store) DeskArticles(ctx context.Context, q DeskQuery) ([]DeskRow, int, error) {
	where := []string{"1 = 1"}
	args := []any{s.now().Unix()}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("?%d", len(args))))
	}
	if w, ok := statusWhere[q.Status]; ok {
		where = append(where, "("+w+")")
	}
	if q.Lang != "" {
		add("a.lang = ?", q.Lang)
	}
	for tax, key := range map[string]string{"tags": q.Tag, "categories": q.Category, AuthorsTaxonomy: q.Author} {
		if key != "" {
			add("a.id IN (SELECT at.article_id FROM article_terms at JOIN terms t ON t.id = at.term_id WHERE t.taxonomy = '"+tax+"' AND t.key = ?)", key)
		}
	}
	if t := strings.TrimSpace(q.Text); t != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(t) + "%"
		// One parameter serves both columns: the placeholder is numbered.
		add(`(a.title LIKE ? ESCAPE '\' OR a.plain_text LIKE ? ESCAPE '\')`, like)
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM articles a WHERE "+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("desk articles: %w", err)
	}
	order := map[string]string{"date": "a.date_unix DESC", "title": "a.title COLLATE NOCASE, a.id", "updated": "a.updated_at DESC"}[q.Sort]
	if order == "" {
		order = "a.updated_at DESC"
	}
	limit := q.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	list, err := s.queryArticles(ctx, false, "SELECT "+listColumns+" FROM articles a WHERE "+cond+" ORDER BY "+order+
		fmt.Sprintf(", a.id DESC LIMIT %d OFFSET %d", limit, max(q.Offset, 0)), args...)
	if err != nil {
		return nil, 0, err
	}
	rows := make([]DeskRow, len(list))
	for i := range list {
		st, err := s.ArticleDeskState(ctx, list[i].ID)
		if err != nil {
			return nil, 0, err
		}
		rows[i] = DeskRow{Article: list[i], Status: StatusOf(&list[i], st.Trashed, s.now()), Version: st.Version}
	}
	return rows, total, nil
}

// StatusCounts counts articles per status.
func (s *Store) StatusCounts(ctx context.Context) (map[Status]int, error) {
	out := map[Status]int{}
	for _, st := range Statuses {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM articles a WHERE "+statusWhere[st], s.now().Unix()).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", st, err)
		}
		out[st] = n
	}
	return out, nil
}

// SetTrashed moves an article to the trash (a draft readers cannot see) or back out of it
// (still a draft, to be published on purpose). The version moves on, so an open form conflicts.
func (s *Store) SetTrashed(ctx context.Context, id int64, trashed bool) error {
	q := "UPDATE articles SET trashed_at = NULL, version = version + 1, updated_at = ?1 WHERE id = ?2"
	if trashed {
		q = "UPDATE articles SET trashed_at = ?1, draft = 1, version = version + 1, updated_at = ?1 WHERE id = ?2"
	}
	res, err := s.db.ExecContext(ctx, q, s.now().Unix(), id)
	if err != nil {
		return fmt.Errorf("trash article %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	s.written(ctx)
	return nil
}

// DeleteArticle removes an article for good, with its paths, terms links and revisions.
func (s *Store) DeleteArticle(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, "DELETE FROM articles WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("delete article %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	s.written(ctx)
	return nil
}

// TermNames lists the names of a taxonomy's terms, for the form's suggestions.
func (s *Store) TermNames(ctx context.Context, taxonomy string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT name FROM terms WHERE taxonomy = ? ORDER BY name COLLATE NOCASE LIMIT 500", taxonomy)
	if err != nil {
		return nil, fmt.Errorf("term names: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("term names: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// DeskSections lists every section articles live in, published or not, for the form.
func (s *Store) DeskSections(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT section FROM articles WHERE section <> '' ORDER BY section")
	if err != nil {
		return nil, fmt.Errorf("sections: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("sections: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
