package data

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Session is a logged-in editor's server-side record. The cookie carries only the random id.
type Session struct {
	Editor    Editor
	CSRFToken string // the token every state-changing form of this session must carry
	CreatedAt time.Time
	LastSeen  time.Time
}

// SessionLimits are how long a session lives: Idle since its last request, Absolute since login.
type SessionLimits struct {
	Idle     time.Duration
	Absolute time.Duration
}

// RandomToken returns 32 random bytes, URL-safe base64 encoded.
func RandomToken() string {
	b := make([]byte, 32)
	// crypto/rand.Read never fails on supported platforms (it panics instead).
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession starts a session for an editor and returns the id for the cookie. Only its
// hash is stored.
func (s *Store) CreateSession(ctx context.Context, editorID int64) (string, error) {
	id := RandomToken()
	now := s.now().Unix()
	if _, err := s.db.ExecContext(ctx, `INSERT INTO sessions (id_hash, editor_id, csrf_token, created_at, last_seen)
		VALUES (?, ?, ?, ?, ?)`, tokenHash(id), editorID, RandomToken(), now, now); err != nil {
		return "", fmt.Errorf("create session: %w", err)
	}
	return id, nil
}

// SessionByID returns the live session with that cookie id and touches it. ErrNotFound when
// the id is unknown, the session expired, or its editor is disabled; an expired one is deleted.
func (s *Store) SessionByID(ctx context.Context, id string, lim SessionLimits) (Session, error) {
	if id == "" || len(id) > 100 {
		return Session{}, ErrNotFound
	}
	h := tokenHash(id)
	var sess Session
	var created, seen int64
	row := s.db.QueryRowContext(ctx, `SELECT s.csrf_token, s.created_at, s.last_seen, `+prefixed("e.", editorColumns)+`
		FROM sessions s JOIN editors e ON e.id = s.editor_id WHERE s.id_hash = ?`, h)
	var e Editor
	var role string
	var eCreated int64
	err := row.Scan(&sess.CSRFToken, &created, &seen, &e.ID, &e.Email, &e.Name, &role, &e.PasswordHash, &e.Disabled, &e.TwoFactor, &eCreated)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, ErrNotFound
	}
	if err != nil {
		return Session{}, fmt.Errorf("session: %w", err)
	}
	e.Role, e.CreatedAt = Role(role), time.Unix(eCreated, 0).UTC()
	sess.Editor, sess.CreatedAt, sess.LastSeen = e, time.Unix(created, 0).UTC(), time.Unix(seen, 0).UTC()
	now := s.now()
	if e.Disabled || now.Sub(sess.CreatedAt) > lim.Absolute || now.Sub(sess.LastSeen) > lim.Idle {
		if err := s.DeleteSession(ctx, id); err != nil {
			return Session{}, err
		}
		return Session{}, ErrNotFound
	}
	// One write a minute at most, so reading pages does not become writing the database.
	if now.Sub(sess.LastSeen) > time.Minute {
		if _, err := s.db.ExecContext(ctx, "UPDATE sessions SET last_seen = ? WHERE id_hash = ?", now.Unix(), h); err != nil {
			return Session{}, fmt.Errorf("touch session: %w", err)
		}
	}
	return sess, nil
}

// DeleteSession ends a session (logout).
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM sessions WHERE id_hash = ?", tokenHash(id)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// ReaderSessionIdle is how long a commenter's remembered name may go unused before it is
// forgotten: the cookie's own lifetime.
const ReaderSessionIdle = 365 * 24 * time.Hour

// PurgeStale deletes what can no longer be used: editor sessions past their limits, setup links
// that expired or were used, and readers' remembered details unused for a year. Nothing a
// reader or editor could still present is removed.
func (s *Store) PurgeStale(ctx context.Context, lim SessionLimits) error {
	now := s.now()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"DELETE FROM sessions WHERE created_at < ? OR last_seen < ?", []any{now.Add(-lim.Absolute).Unix(), now.Add(-lim.Idle).Unix()}},
		{"DELETE FROM setup_tokens WHERE expires_at < ? OR used_at IS NOT NULL", []any{now.Unix()}},
		{"DELETE FROM login_challenges WHERE expires_at < ?", []any{now.Unix()}},
		{"DELETE FROM reader_sessions WHERE last_seen < ?", []any{now.Add(-ReaderSessionIdle).Unix()}},
		// A day without failures forgives a key, once any lock has run out.
		{"DELETE FROM login_throttle WHERE last_fail < ? AND lock_until < ?", []any{now.Add(-24 * time.Hour).Unix(), now.Unix()}},
	} {
		if _, err := s.db.ExecContext(ctx, q.sql, q.args...); err != nil {
			return fmt.Errorf("purge stale rows: %w", err)
		}
	}
	return nil
}

// CreateSetupToken makes the one-time link that creates the first admin. It is valid for ttl
// and only while no editor exists.
func (s *Store) CreateSetupToken(ctx context.Context, ttl time.Duration) (string, error) {
	token := RandomToken()
	if _, err := s.db.ExecContext(ctx, "INSERT INTO setup_tokens (token_hash, expires_at) VALUES (?, ?)",
		tokenHash(token), s.now().Add(ttl).Unix()); err != nil {
		return "", fmt.Errorf("create setup token: %w", err)
	}
	return token, nil
}

// SetupTokenValid reports whether a setup token may still be used.
func (s *Store) SetupTokenValid(ctx context.Context, token string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM setup_tokens WHERE token_hash = ? AND used_at IS NULL
		AND expires_at > ? AND NOT EXISTS (SELECT 1 FROM editors)`, tokenHash(token), s.now().Unix()).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("setup token: %w", err)
	}
	return n > 0, nil
}

// CreateFirstAdmin uses a setup token to create the first account, in one transaction so two
// browsers racing with the same link cannot both succeed. ErrNotFound when the token is unknown,
// used or expired, or an editor already exists.
func (s *Store) CreateFirstAdmin(ctx context.Context, token string, n NewEditor) (Editor, error) {
	n.Role = RoleAdmin
	if err := n.validate(); err != nil {
		return Editor{}, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return Editor{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Editor{}, fmt.Errorf("first admin: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	res, err := tx.ExecContext(ctx, `UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL
		AND expires_at > ? AND NOT EXISTS (SELECT 1 FROM editors)`, now.Unix(), tokenHash(token), now.Unix())
	if err != nil {
		return Editor{}, fmt.Errorf("first admin: %w", err)
	}
	if k, _ := res.RowsAffected(); k != 1 {
		return Editor{}, ErrNotFound
	}
	e, err := createEditor(ctx, tx, n, hash, now)
	if err != nil {
		return Editor{}, err
	}
	return e, s.commit(ctx, tx)
}

func prefixed(p, cols string) string {
	list := strings.Split(cols, ", ")
	for i := range list {
		list[i] = p + list[i]
	}
	return strings.Join(list, ", ")
}
