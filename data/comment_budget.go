package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// CommentBudget bounds what anonymous posts may store, so no flood can fill the disk: held
// (pending) and caught (spam) comments per reader address and per article over a rolling
// window, and spam rows overall (the oldest are evicted first). Approved comments are not
// counted: only the per-address rate limit in front of the store bounds those.
type CommentBudget struct {
	PerAddress int           // held + spam from one address within Window
	PerArticle int           // held within Window on one article, and separately spam
	Window     time.Duration // how far back the counts reach
	MaxSpam    int           // spam rows kept in all; 0 = no cap
}

// BudgetError says a post was not stored because its budget is spent; RetryAfter is when the
// oldest counted comment leaves the window.
type BudgetError struct {
	Scope      string // "address" or "article"
	RetryAfter time.Duration
}

func (e *BudgetError) Error() string {
	return "comment budget of the " + e.Scope + " spent; retry after " + e.RetryAfter.String()
}

// CommentResult is what became of one comment of AddCommentsWithin: stored with ID, or refused
// with Err (a *BudgetError).
type CommentResult struct {
	ID  int64
	Err error
}

// AddCommentsWithin stores readers' comments in one transaction, each held or spam one only
// while its address's and article's budget allows, and evicts the oldest spam past the cap.
// The counts are taken inside the write transaction, so parallel posts cannot overrun them.
func (s *Store) AddCommentsWithin(ctx context.Context, list []NewComment, b CommentBudget) ([]CommentResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("add comments: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	out := make([]CommentResult, len(list))
	spam := false
	for i, n := range list {
		if n.Status == CommentPending || n.Status == CommentSpam {
			if berr, err := overBudget(ctx, tx, n, b, now); err != nil {
				return nil, err
			} else if berr != nil {
				out[i].Err = berr
				continue
			}
		}
		id, err := insertComment(ctx, tx, n, now.Unix())
		if err != nil {
			return nil, err
		}
		out[i].ID = id
		spam = spam || n.Status == CommentSpam
	}
	if spam && b.MaxSpam > 0 {
		if err := evictSpam(ctx, tx, b.MaxSpam); err != nil {
			return nil, err
		}
	}
	if err := s.commit(ctx, tx); err != nil {
		return nil, fmt.Errorf("add comments: %w", err)
	}
	return out, nil
}

// overBudget counts what the comment's address and article stored within the window; a
// *BudgetError when one is full.
func overBudget(ctx context.Context, tx *sql.Tx, n NewComment, b CommentBudget, now time.Time) (*BudgetError, error) {
	since := now.Add(-b.Window).Unix()
	for _, q := range []struct {
		scope, sql string
		limit      int
		args       []any
	}{
		{"address", `SELECT count(*), coalesce(min(created_at), 0) FROM comments
			WHERE ip = ? AND created_at > ? AND status IN ('pending', 'spam')`, b.PerAddress, []any{n.IP, since}},
		{"article", `SELECT count(*), coalesce(min(created_at), 0) FROM comments
			WHERE article_id = ? AND status = ? AND created_at > ?`, b.PerArticle, []any{n.ArticleID, string(n.Status), since}},
	} {
		var count int
		var oldest int64
		if err := tx.QueryRowContext(ctx, q.sql, q.args...).Scan(&count, &oldest); err != nil {
			return nil, fmt.Errorf("comment budget of the %s: %w", q.scope, err)
		}
		if count >= q.limit {
			wait := time.Unix(oldest, 0).Add(b.Window).Sub(now)
			return &BudgetError{Scope: q.scope, RetryAfter: max(wait, time.Second)}, nil
		}
	}
	return nil, nil
}

// evictSpam deletes the oldest spam rows past max.
func evictSpam(ctx context.Context, tx *sql.Tx, max int) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM comments WHERE id IN (SELECT id FROM comments WHERE status = 'spam'
		ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?)`, max); err != nil {
		return fmt.Errorf("evict spam past %d rows: %w", max, err)
	}
	return nil
}

// FormTokenLife is how long a comment form token may be posted with; a used token is
// remembered that long.
const FormTokenLife = 7 * 24 * time.Hour

// PurgeComments deletes spam and trash that have lain there for the settings' PurgeAfterDays,
// the oldest spam past MaxSpam, and used form tokens past their life. The server runs it every
// hour.
func (s *Store) PurgeComments(ctx context.Context) error {
	set, err := s.CommentSettings(ctx)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("purge comments: %w", err)
	}
	defer tx.Rollback()
	if set.PurgeAfterDays > 0 {
		before := s.now().AddDate(0, 0, -set.PurgeAfterDays).Unix()
		if _, err := tx.ExecContext(ctx, `DELETE FROM comments WHERE status IN ('spam', 'trash') AND updated_at < ?`, before); err != nil {
			return fmt.Errorf("purge spam and trash older than %s days: %w", strconv.Itoa(set.PurgeAfterDays), err)
		}
	}
	if set.MaxSpam > 0 {
		if err := evictSpam(ctx, tx, set.MaxSpam); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM comment_form_uses WHERE used_at < ?", s.now().Add(-FormTokenLife-time.Hour).Unix()); err != nil {
		return fmt.Errorf("purge used form tokens: %w", err)
	}
	return s.commit(ctx, tx)
}
