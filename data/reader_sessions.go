package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ReaderSession is a commenter's browser: the name, email and website they gave last time. The
// cookie holds only a random id; its comments are linked to the id's hash.
type ReaderSession struct {
	ID    string // the raw id from the cookie
	Name  string
	Email string
	URL   string
}

// CreateReaderSession starts a reader session and returns its id for the cookie.
func (s *Store) CreateReaderSession(ctx context.Context, name, email, url string) (ReaderSession, error) {
	rs := ReaderSession{ID: RandomToken(), Name: name, Email: email, URL: url}
	now := s.now().Unix()
	if _, err := s.db.ExecContext(ctx, `INSERT INTO reader_sessions (id_hash, name, email, url, created_at, last_seen)
		VALUES (?, ?, ?, ?, ?, ?)`, tokenHash(rs.ID), name, email, url, now, now); err != nil {
		return ReaderSession{}, fmt.Errorf("create reader session: %w", err)
	}
	return rs, nil
}

// ReaderSessionByID returns a reader session; ErrNotFound when the id is unknown.
func (s *Store) ReaderSessionByID(ctx context.Context, id string) (ReaderSession, error) {
	if id == "" || len(id) > 100 {
		return ReaderSession{}, ErrNotFound
	}
	rs := ReaderSession{ID: id}
	err := s.db.QueryRowContext(ctx, "SELECT name, email, url FROM reader_sessions WHERE id_hash = ?", tokenHash(id)).
		Scan(&rs.Name, &rs.Email, &rs.URL)
	if errors.Is(err, sql.ErrNoRows) {
		return ReaderSession{}, ErrNotFound
	}
	if err != nil {
		return ReaderSession{}, fmt.Errorf("reader session: %w", err)
	}
	return rs, nil
}

// UpdateReaderSession remembers new details for a reader session.
func (s *Store) UpdateReaderSession(ctx context.Context, rs ReaderSession) error {
	res, err := s.db.ExecContext(ctx, "UPDATE reader_sessions SET name = ?, email = ?, url = ?, last_seen = ? WHERE id_hash = ?",
		rs.Name, rs.Email, rs.URL, s.now().Unix(), tokenHash(rs.ID))
	return oneRow(res, err, "update reader session")
}

// ReaderHash is how comments record their author's session: the hash of its id ("" for none).
func ReaderHash(id string) string { return hashOrEmpty(id) }
