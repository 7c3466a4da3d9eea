package data

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Note kinds: a correction says something published was wrong; an update adds to the story.
const (
	NoteCorrection = "correction"
	NoteUpdate     = "update"
)

// ArticleNote is a correction or update an editor noted on an article, shown to readers.
type ArticleNote struct {
	ID        int64
	ArticleID int64
	Kind      string // NoteCorrection or NoteUpdate
	Note      string
	At        time.Time // when, in the zone the editor gave it
	Created   time.Time // when it was written (the page's Last-Modified)
}

// ArticleNotes returns an article's notes, oldest first, kept until the article changes.
func (s *Store) ArticleNotes(ctx context.Context, articleID int64) ([]ArticleNote, error) {
	id := strconv.FormatInt(articleID, 10)
	return memoGet(ctx, s.memo, "notes\x00"+id, []string{"a:" + id}, func() ([]ArticleNote, int, []string, error) {
		out, err := s.readNotes(ctx, "article_id = ?1", articleID)
		return out, 8*len(out) + 1, nil, err
	})
}

// LatestNotes returns the newest note of each of articles ids that has one (a list page's
// "Updated" labels, a feed's changed entries).
func (s *Store) LatestNotes(ctx context.Context, ids []int64) (map[int64]ArticleNote, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	notes, err := s.readNotes(ctx, `id IN (SELECT (SELECT n.id FROM article_notes n WHERE n.article_id = j.value
		ORDER BY n.noted_unix DESC, n.id DESC LIMIT 1) FROM json_each(?1) AS j)`, jsonText(ids))
	if err != nil {
		return nil, err
	}
	out := make(map[int64]ArticleNote, len(notes))
	for _, n := range notes {
		out[n.ArticleID] = n
	}
	return out, nil
}

func (s *Store) readNotes(ctx context.Context, where string, args ...any) ([]ArticleNote, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, article_id, kind, note, noted_at, created_at FROM article_notes WHERE "+where+
		" ORDER BY noted_unix, id", args...)
	if err != nil {
		return nil, fmt.Errorf("article notes: %w", err)
	}
	defer rows.Close()
	var out []ArticleNote
	for rows.Next() {
		var n ArticleNote
		var at string
		var created int64
		if err := rows.Scan(&n.ID, &n.ArticleID, &n.Kind, &n.Note, &at, &created); err != nil {
			return nil, fmt.Errorf("article notes: %w", err)
		}
		n.At, n.Created = parseDateText(at), time.Unix(created, 0).UTC()
		out = append(out, n)
	}
	return out, rows.Err()
}

// AddArticleNote records a note by an editor (0 = none) and returns its id.
func (s *Store) AddArticleNote(ctx context.Context, n ArticleNote, editorID int64) (int64, error) {
	if n.Kind != NoteCorrection && n.Kind != NoteUpdate {
		return 0, &ValidationError{Fields: map[string]string{"note_kind": "Pick correction or update."}}
	}
	var editor any
	if editorID != 0 {
		editor = editorID
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO article_notes (article_id, kind, note, noted_at, noted_unix, editor_id, created_at)
		SELECT id, ?, ?, ?, ?, ?, ? FROM articles WHERE id = ?`,
		n.Kind, n.Note, dateText(n.At), n.At.Unix(), editor, s.now().Unix(), n.ArticleID)
	if err != nil {
		return 0, describeFault("note", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return 0, ErrNotFound
	}
	s.written(ctx)
	return res.LastInsertId()
}

// DeleteArticleNote removes a note of an article.
func (s *Store) DeleteArticleNote(ctx context.Context, articleID, noteID int64) error {
	res, err := s.db.ExecContext(ctx, "DELETE FROM article_notes WHERE id = ? AND article_id = ?", noteID, articleID)
	if err != nil {
		return describeFault("note", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return ErrNotFound
	}
	s.written(ctx)
	return nil
}
