package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// RecoveryCodeCount is how many one-time codes setting up two-factor sign-in gives.
const RecoveryCodeCount = 10

// EnableTwoFactor stores an editor's authenticator secret (already checked against a code from
// their app) and returns fresh recovery codes, replacing any older ones. The codes are shown
// once; the store keeps only their hashes.
func (s *Store) EnableTwoFactor(ctx context.Context, editorID int64, secret string) ([]string, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("enable two-factor: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE editors SET totp_secret = ?, totp_last_step = 0, updated_at = ? WHERE id = ?", secret, s.now().Unix(), editorID)
	if err := oneRow(res, err, "enable two-factor"); err != nil {
		return nil, err
	}
	codes, err := replaceRecoveryCodes(ctx, tx, editorID)
	if err != nil {
		return nil, err
	}
	return codes, s.commit(ctx, tx)
}

// NewRecoveryCodes replaces an editor's recovery codes.
func (s *Store) NewRecoveryCodes(ctx context.Context, editorID int64) ([]string, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("recovery codes: %w", err)
	}
	defer tx.Rollback()
	codes, err := replaceRecoveryCodes(ctx, tx, editorID)
	if err != nil {
		return nil, err
	}
	return codes, s.commit(ctx, tx)
}

func replaceRecoveryCodes(ctx context.Context, tx *sql.Tx, editorID int64) ([]string, error) {
	if _, err := tx.ExecContext(ctx, "DELETE FROM recovery_codes WHERE editor_id = ?", editorID); err != nil {
		return nil, fmt.Errorf("recovery codes: %w", err)
	}
	codes := make([]string, RecoveryCodeCount)
	for i := range codes {
		b := make([]byte, 5)
		rand.Read(b) // 40 bits each: ten guesses at most before the throttle pauses them
		raw := hex.EncodeToString(b)
		codes[i] = raw[:5] + "-" + raw[5:]
		if _, err := tx.ExecContext(ctx, "INSERT INTO recovery_codes (editor_id, code_hash) VALUES (?, ?)",
			editorID, tokenHash(normalRecoveryCode(codes[i]))); err != nil {
			return nil, fmt.Errorf("recovery codes: %w", err)
		}
	}
	return codes, nil
}

// normalRecoveryCode forgives case, spaces and dashes in a typed recovery code.
func normalRecoveryCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(code)))
}

// DisableTwoFactor removes an editor's authenticator and recovery codes (by email: for the
// command line, when a phone is lost with its codes).
func (s *Store) DisableTwoFactor(ctx context.Context, email string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("disable two-factor: %w", err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, "UPDATE editors SET totp_secret = '', totp_last_step = 0, updated_at = ? WHERE email = ? RETURNING id",
		s.now().Unix(), strings.TrimSpace(email)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("disable two-factor: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM recovery_codes WHERE editor_id = ?", id); err != nil {
		return fmt.Errorf("disable two-factor: %w", err)
	}
	return s.commit(ctx, tx)
}

// TwoFactorSecret returns an editor's authenticator secret; "" when none is set up.
func (s *Store) TwoFactorSecret(ctx context.Context, editorID int64) (string, error) {
	var secret string
	err := s.db.QueryRowContext(ctx, "SELECT totp_secret FROM editors WHERE id = ?", editorID).Scan(&secret)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("two-factor secret: %w", err)
	}
	return secret, nil
}

// UseTwoFactorStep records that a code of the given 30-second step was accepted; false when a
// code of that step or a later one already was (a replayed code).
func (s *Store) UseTwoFactorStep(ctx context.Context, editorID, step int64) (bool, error) {
	res, err := s.db.ExecContext(ctx, "UPDATE editors SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", step, editorID, step)
	if err != nil {
		return false, fmt.Errorf("use two-factor code: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// UseRecoveryCode spends one of an editor's recovery codes; false when it is not one of theirs
// or was used.
func (s *Store) UseRecoveryCode(ctx context.Context, editorID int64, code string) (bool, error) {
	res, err := s.db.ExecContext(ctx, "UPDATE recovery_codes SET used_at = ? WHERE editor_id = ? AND code_hash = ? AND used_at IS NULL",
		s.now().Unix(), editorID, tokenHash(normalRecoveryCode(code)))
	if err != nil {
		return false, fmt.Errorf("use recovery code: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RecoveryCodesLeft is how many unused recovery codes an editor has.
func (s *Store) RecoveryCodesLeft(ctx context.Context, editorID int64) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM recovery_codes WHERE editor_id = ? AND used_at IS NULL", editorID).Scan(&n); err != nil {
		return 0, fmt.Errorf("recovery codes left: %w", err)
	}
	return n, nil
}

// CreateLoginChallenge remembers, for ttl, that an editor's password matched and their second
// factor is awaited; next is where to go after. It returns the id for the browser's cookie.
func (s *Store) CreateLoginChallenge(ctx context.Context, editorID int64, next string, ttl time.Duration) (string, error) {
	id := RandomToken()
	if _, err := s.db.ExecContext(ctx, "INSERT INTO login_challenges (id_hash, editor_id, next, expires_at) VALUES (?, ?, ?, ?)",
		tokenHash(id), editorID, next, s.now().Add(ttl).Unix()); err != nil {
		return "", fmt.Errorf("create login challenge: %w", err)
	}
	return id, nil
}

// LoginChallenge returns the editor and next path of a live challenge; ErrNotFound otherwise.
func (s *Store) LoginChallenge(ctx context.Context, id string) (Editor, string, error) {
	if id == "" || len(id) > 100 {
		return Editor{}, "", ErrNotFound
	}
	var editorID int64
	var next string
	err := s.db.QueryRowContext(ctx, "SELECT editor_id, next FROM login_challenges WHERE id_hash = ? AND expires_at > ?",
		tokenHash(id), s.now().Unix()).Scan(&editorID, &next)
	if errors.Is(err, sql.ErrNoRows) {
		return Editor{}, "", ErrNotFound
	}
	if err != nil {
		return Editor{}, "", fmt.Errorf("login challenge: %w", err)
	}
	e, err := s.EditorByID(ctx, editorID)
	return e, next, err
}

// DeleteLoginChallenge ends a challenge (answered, or abandoned).
func (s *Store) DeleteLoginChallenge(ctx context.Context, id string) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM login_challenges WHERE id_hash = ?", tokenHash(id)); err != nil {
		return fmt.Errorf("delete login challenge: %w", err)
	}
	return nil
}
