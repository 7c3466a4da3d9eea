package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CommentStatus is where a comment stands in moderation.
type CommentStatus string

// Comment statuses: readers see approved ones; the author also sees their own pending (and
// spam, shown as pending, so a spammer learns nothing). Nothing is ever dropped silently.
const (
	CommentPending  CommentStatus = "pending"
	CommentApproved CommentStatus = "approved"
	CommentSpam     CommentStatus = "spam"
	CommentTrash    CommentStatus = "trash"
)

// CommentStatuses are the moderation folders in the order the queue shows them.
var CommentStatuses = []CommentStatus{CommentPending, CommentApproved, CommentSpam, CommentTrash}

// ValidCommentStatus reports whether s names a status.
func ValidCommentStatus(s CommentStatus) bool {
	for _, x := range CommentStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// Comment is one reader's (or the newsroom's) comment under an article.
type Comment struct {
	ID         int64
	ArticleID  int64
	ParentID   int64 // 0 = top level; replies nest one level only
	Status     CommentStatus
	SpamReason string // the spam rule that caught it
	Name       string
	Email      string // never shown to readers
	URL        string
	EditorID   int64 // non-zero: written on the desk, shown with an editor badge
	Body       string
	BodyHTML   string // escaped and linkified when written
	IP         string
	ReaderHash string // the author's reader session (hashed); "" for editors
	CreatedAt  time.Time
	UpdatedAt  time.Time

	// Filled by the moderation queue's listing.
	ArticleTitle     string
	ArticlePermalink string
}

// NewComment is what adding a comment needs. ReaderID and Token are the raw values; the store
// keeps only their hashes.
type NewComment struct {
	ArticleID  int64
	ParentID   int64
	Status     CommentStatus
	SpamReason string
	Name       string
	Email      string
	URL        string
	EditorID   int64
	Body       string
	IP         string
	ReaderID   string
	Token      string
}

const commentColumns = `c.id, c.article_id, coalesce(c.parent_id, 0), c.status, c.spam_reason, c.author_name,
	c.author_email, c.author_url, coalesce(c.editor_id, 0), c.body, c.body_html, c.ip, c.reader_hash, c.created_at, c.updated_at`

func scanComment(row interface{ Scan(...any) error }, extra ...any) (Comment, error) {
	var c Comment
	var status string
	var created, updated int64
	dest := append([]any{&c.ID, &c.ArticleID, &c.ParentID, &status, &c.SpamReason, &c.Name, &c.Email, &c.URL,
		&c.EditorID, &c.Body, &c.BodyHTML, &c.IP, &c.ReaderHash, &created, &updated}, extra...)
	if err := row.Scan(dest...); err != nil {
		return c, err
	}
	c.Status, c.CreatedAt, c.UpdatedAt = CommentStatus(status), time.Unix(created, 0).UTC(), time.Unix(updated, 0).UTC()
	return c, nil
}

// AddComments stores several comments in one transaction (a burst of spam costs one write,
// not one per post) and returns their ids in order.
func (s *Store) AddComments(ctx context.Context, list []NewComment) ([]int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("add comments: %w", err)
	}
	defer tx.Rollback()
	now := s.now().Unix()
	ids := make([]int64, 0, len(list))
	for _, n := range list {
		id, err := insertComment(ctx, tx, n, now)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, s.commit(ctx, tx)
}

// insertComment writes one comment inside a write transaction.
func insertComment(ctx context.Context, tx *sql.Tx, n NewComment, now int64) (int64, error) {
	if !ValidCommentStatus(n.Status) {
		return 0, fmt.Errorf("add comment: unknown status %q", n.Status)
	}
	var parent, editor any
	if n.ParentID != 0 {
		parent = n.ParentID
	}
	if n.EditorID != 0 {
		editor = n.EditorID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO comments (article_id, parent_id, status, spam_reason, author_name,
		author_email, author_url, editor_id, body, body_html, body_hash, ip, reader_hash, token_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.ArticleID, parent, string(n.Status), n.SpamReason, n.Name, strings.ToLower(n.Email), n.URL, editor,
		n.Body, CommentHTML(n.Body), bodyHash(n.Body), n.IP, hashOrEmpty(n.ReaderID), hashOrEmpty(n.Token), now, now)
	if err != nil {
		return 0, fmt.Errorf("add comment to article %d: %w", n.ArticleID, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("add comment: %w", err)
	}
	return id, nil
}

func hashOrEmpty(s string) string {
	if s == "" {
		return ""
	}
	return tokenHash(s)
}

// bodyHash identifies a body regardless of case and spacing, for duplicate detection.
func bodyHash(body string) string {
	return tokenHash(strings.Join(strings.Fields(strings.ToLower(body)), " "))
}

// Comment returns one comment; ErrNotFound when there is none.
func (s *Store) Comment(ctx context.Context, id int64) (Comment, error) {
	c, err := scanComment(s.db.QueryRowContext(ctx, "SELECT "+commentColumns+" FROM comments c WHERE c.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("comment %d: %w", id, err)
	}
	return c, nil
}

// ArticleComments returns what readers of an article may see, oldest first: approved comments,
// plus the pending and spam ones of the reader whose session id is readerID (shown to them as
// awaiting moderation).
//
// Without a reader (every cached page) the answer is kept until a change names the article:
// approving, editing or deleting a visible comment does. The slice is shared with the memo:
// callers must not modify it.
func (s *Store) ArticleComments(ctx context.Context, articleID int64, readerID string) ([]Comment, error) {
	if readerID != "" {
		return s.articleComments(ctx, articleID, readerID)
	}
	id := strconv.FormatInt(articleID, 10)
	return memoGet(ctx, s.memo, "comments\x00"+id, []string{"a:" + id}, func() ([]Comment, int, []string, error) {
		list, err := s.articleComments(ctx, articleID, "")
		size := 8
		for _, c := range list {
			size += 16 + (len(c.Body)+len(c.BodyHTML))/8
		}
		return list, size, nil, err
	})
}

func (s *Store) articleComments(ctx context.Context, articleID int64, readerID string) ([]Comment, error) {
	reader := hashOrEmpty(readerID)
	rows, err := s.db.QueryContext(ctx, "SELECT "+commentColumns+` FROM comments c
		WHERE c.article_id = ? AND (c.status = 'approved' OR (? <> '' AND c.reader_hash = ? AND c.status IN ('pending', 'spam')))
		ORDER BY c.created_at, c.id LIMIT 2000`, articleID, reader, reader)
	if err != nil {
		return nil, fmt.Errorf("comments of article %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, fmt.Errorf("comments of article %d: %w", articleID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ApprovedCommentCounts returns how many approved comments each article has (absent = none).
func (s *Store) ApprovedCommentCounts(ctx context.Context, articleIDs []int64) (map[int64]int, error) {
	return s.approvedCounts(ctx, articleIDs, "")
}

// ShownCommentCounts returns, in one query, the comment counts readers see beside a page of
// articles: approved comments, none for an article whose discussion an editor hid (absent =
// none). The article's own flag and the site mode are the caller's to apply.
func (s *Store) ShownCommentCounts(ctx context.Context, articleIDs []int64) (map[int64]int, error) {
	return s.approvedCounts(ctx, articleIDs,
		" AND NOT EXISTS (SELECT 1 FROM discussions d WHERE d.article_id = c.article_id AND d.hidden)")
}

func (s *Store) approvedCounts(ctx context.Context, articleIDs []int64, where string) (map[int64]int, error) {
	out := map[int64]int{}
	if len(articleIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(articleIDs))
	for i, id := range articleIDs {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.article_id, count(*) FROM comments c WHERE c.status = 'approved'
		AND c.article_id IN (?`+strings.Repeat(", ?", len(args)-1)+`)`+where+` GROUP BY c.article_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("comment counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("comment counts: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// CommentFilter picks comments for the moderation queue.
type CommentFilter struct {
	Status    CommentStatus // "" = every status
	ArticleID int64         // 0 = every article
	Limit     int
	Offset    int
}

// ListComments returns comments newest first, with their article's title and permalink.
func (s *Store) ListComments(ctx context.Context, f CommentFilter) ([]Comment, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+commentColumns+`, a.title, a.permalink FROM comments c
		JOIN articles a ON a.id = c.article_id
		WHERE (? = '' OR c.status = ?) AND (? = 0 OR c.article_id = ?)
		ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?`,
		string(f.Status), string(f.Status), f.ArticleID, f.ArticleID, f.Limit, max(f.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		var c Comment
		var title, permalink string
		c, err := scanComment(rows, &title, &permalink)
		if err != nil {
			return nil, fmt.Errorf("list comments: %w", err)
		}
		c.ArticleTitle, c.ArticlePermalink = title, permalink
		out = append(out, c)
	}
	return out, rows.Err()
}

// CommentCounts returns how many comments each status holds, for one article or all (0).
func (s *Store) CommentCounts(ctx context.Context, articleID int64) (map[CommentStatus]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT status, count(*) FROM comments WHERE (? = 0 OR article_id = ?)
		GROUP BY status`, articleID, articleID)
	if err != nil {
		return nil, fmt.Errorf("comment counts: %w", err)
	}
	defer rows.Close()
	out := map[CommentStatus]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("comment counts: %w", err)
		}
		out[CommentStatus(st)] = n
	}
	return out, rows.Err()
}

// PendingCommentCount is the number the desk menu shows.
func (s *Store) PendingCommentCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM comments WHERE status = 'pending'").Scan(&n); err != nil {
		return 0, fmt.Errorf("pending comments: %w", err)
	}
	return n, nil
}

// SetCommentStatus moves comments to a folder. Marking one "not spam" is moving it out of spam.
func (s *Store) SetCommentStatus(ctx context.Context, ids []int64, status CommentStatus) error {
	if !ValidCommentStatus(status) {
		return fmt.Errorf("set comment status: unknown status %q", status)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set comment status: %w", err)
	}
	defer tx.Rollback()
	now := s.now().Unix()
	for _, id := range ids {
		reason := "spam_reason"
		if status != CommentSpam {
			reason = "''" // a comment let out of spam no longer carries the rule that caught it
		}
		if _, err := tx.ExecContext(ctx, "UPDATE comments SET status = ?, spam_reason = "+reason+", updated_at = ? WHERE id = ?",
			string(status), now, id); err != nil {
			return fmt.Errorf("set status of comment %d: %w", id, err)
		}
	}
	return s.commit(ctx, tx)
}

// DeleteComments removes comments for good; their replies become top-level comments.
func (s *Store) DeleteComments(ctx context.Context, ids []int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("delete comments: %w", err)
	}
	defer tx.Rollback()
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, "DELETE FROM comments WHERE id = ?", id); err != nil {
			return fmt.Errorf("delete comment %d: %w", id, err)
		}
	}
	return s.commit(ctx, tx)
}

// CommentEdit is a change to a comment's text (and, from the desk, its author's name and site).
type CommentEdit struct {
	ID     int64
	Name   string
	URL    string
	Body   string
	Status CommentStatus
	Reason string
}

// EditComment rewrites a comment from the desk.
func (s *Store) EditComment(ctx context.Context, e CommentEdit) error {
	res, err := s.db.ExecContext(ctx, `UPDATE comments SET author_name = ?, author_url = ?, body = ?, body_html = ?,
		body_hash = ?, updated_at = ? WHERE id = ?`, e.Name, e.URL, e.Body, CommentHTML(e.Body), bodyHash(e.Body), s.now().Unix(), e.ID)
	return s.writtenRow(ctx, res, err, "edit comment")
}

// EditOwnComment lets a reader rewrite their comment while it is younger than window; e.Status
// and e.Reason say where the new text stands. ErrNotFound when the comment is not theirs, is
// too old, or was removed.
func (s *Store) EditOwnComment(ctx context.Context, readerID string, window time.Duration, e CommentEdit) error {
	now := s.now()
	res, err := s.db.ExecContext(ctx, `UPDATE comments SET body = ?, body_html = ?, body_hash = ?, status = ?, spam_reason = ?,
		updated_at = ? WHERE id = ? AND reader_hash = ? AND reader_hash <> '' AND created_at > ? AND status IN ('pending', 'approved', 'spam')`,
		e.Body, CommentHTML(e.Body), bodyHash(e.Body), string(e.Status), e.Reason, now.Unix(), e.ID, hashOrEmpty(readerID), now.Add(-window).Unix())
	return s.writtenRow(ctx, res, err, "edit own comment")
}

// DeleteOwnComment moves a reader's comment to the trash while it is younger than window.
func (s *Store) DeleteOwnComment(ctx context.Context, readerID string, window time.Duration, id int64) error {
	now := s.now()
	res, err := s.db.ExecContext(ctx, `UPDATE comments SET status = 'trash', spam_reason = 'deleted by its author', updated_at = ?
		WHERE id = ? AND reader_hash = ? AND reader_hash <> '' AND created_at > ? AND status <> 'trash'`,
		now.Unix(), id, hashOrEmpty(readerID), now.Add(-window).Unix())
	return s.writtenRow(ctx, res, err, "delete own comment")
}

// writtenRow is oneRow for a write readers may see: the caches hear of it before it returns.
func (s *Store) writtenRow(ctx context.Context, res sql.Result, err error, what string) error {
	if err := oneRow(res, err, what); err != nil {
		return err
	}
	s.written(ctx)
	return nil
}

func oneRow(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrNotFound
	}
	return nil
}

// HasApprovedComment reports whether someone with this name and email has an approved comment:
// the "trusted" mode publishes such commenters at once.
func (s *Store) HasApprovedComment(ctx context.Context, name, email string) (bool, error) {
	if email == "" {
		return false, nil
	}
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM comments WHERE author_email = ? AND status = 'approved'
		AND author_name = ? AND editor_id IS NULL LIMIT 1)`, strings.ToLower(email), name).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("trusted commenter: %w", err)
	}
	return n > 0, nil
}

// ClaimFormToken marks a comment form token used; false when it already was. One insert on a
// primary key, so of parallel posts with one token exactly one wins.
func (s *Store) ClaimFormToken(ctx context.Context, token string) (bool, error) {
	res, err := s.db.ExecContext(ctx, "INSERT INTO comment_form_uses (token_hash, used_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
		tokenHash(token), s.now().Unix())
	if err != nil {
		return false, fmt.Errorf("claim form token: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim form token: %w", err)
	}
	return n == 1, nil
}

// DuplicateComment reports whether the same text (ignoring case and spacing) was posted on the
// article, or from the address anywhere, since the given time.
func (s *Store) DuplicateComment(ctx context.Context, articleID int64, ip, body string, since time.Time) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM comments WHERE body_hash = ? AND created_at >= ?
		AND (article_id = ? OR ip = ?) LIMIT 1)`, bodyHash(body), since.Unix(), articleID, ip).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("duplicate comment: %w", err)
	}
	return n > 0, nil
}
