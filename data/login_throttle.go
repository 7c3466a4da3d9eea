package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ThrottleKey names a login throttle record: an address alone (Account ""), an account alone
// (Address ""), or an account tried from an address.
type ThrottleKey struct {
	Account string // a lower-cased email
	Address string
}

// ThrottleRecord is what failed sign-ins left on a key.
type ThrottleRecord struct {
	Failures  int
	LastFail  time.Time
	NextTry   time.Time // no attempt before this
	LockUntil time.Time
}

// ThrottleAccount is the account part of a key: the email as typed, trimmed and lower-cased.
func ThrottleAccount(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// LoginThrottle returns the records of the keys, in order; a key never seen has a zero record.
func (s *Store) LoginThrottle(ctx context.Context, keys ...ThrottleKey) ([]ThrottleRecord, error) {
	out := make([]ThrottleRecord, len(keys))
	for i, k := range keys {
		r, err := throttleRecord(ctx, s.db.QueryRowContext, k)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

func throttleRecord(ctx context.Context, query func(context.Context, string, ...any) *sql.Row, k ThrottleKey) (ThrottleRecord, error) {
	var r ThrottleRecord
	var last, next, lock int64
	err := query(ctx, `SELECT failures, last_fail, next_try, lock_until FROM login_throttle WHERE account = ? AND address = ?`,
		k.Account, k.Address).Scan(&r.Failures, &last, &next, &lock)
	if errors.Is(err, sql.ErrNoRows) {
		return ThrottleRecord{}, nil
	}
	if err != nil {
		return r, fmt.Errorf("login throttle: %w", err)
	}
	r.LastFail, r.NextTry, r.LockUntil = time.Unix(last, 0), time.Unix(next, 0), time.Unix(lock, 0)
	return r, nil
}

// RecordLoginFailure updates each key's record with next (given the record as it was) in one
// write transaction, so parallel failures are all counted.
func (s *Store) RecordLoginFailure(ctx context.Context, keys []ThrottleKey, next func(ThrottleKey, ThrottleRecord) ThrottleRecord) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record login failure: %w", err)
	}
	defer tx.Rollback()
	for _, k := range keys {
		old, err := throttleRecord(ctx, tx.QueryRowContext, k)
		if err != nil {
			return err
		}
		r := next(k, old)
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_throttle (account, address, failures, last_fail, next_try, lock_until)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account, address) DO UPDATE SET failures = excluded.failures,
			last_fail = excluded.last_fail, next_try = excluded.next_try, lock_until = excluded.lock_until`,
			k.Account, k.Address, r.Failures, r.LastFail.Unix(), r.NextTry.Unix(), r.LockUntil.Unix()); err != nil {
			return fmt.Errorf("record login failure: %w", err)
		}
	}
	if err := s.commit(ctx, tx); err != nil {
		return fmt.Errorf("record login failure: %w", err)
	}
	return nil
}

// ForgetLoginFailures deletes the records of the keys (a sign-in that worked).
func (s *Store) ForgetLoginFailures(ctx context.Context, keys ...ThrottleKey) error {
	for _, k := range keys {
		if _, err := s.db.ExecContext(ctx, "DELETE FROM login_throttle WHERE account = ? AND address = ?", k.Account, k.Address); err != nil {
			return fmt.Errorf("forget login failures: %w", err)
		}
	}
	return nil
}

// UnlockAccount deletes every throttle record of an account (from any address) and reports
// how many there were.
func (s *Store) UnlockAccount(ctx context.Context, email string) (int64, error) {
	res, err := s.db.ExecContext(ctx, "DELETE FROM login_throttle WHERE account = ? AND account <> ''", ThrottleAccount(email))
	if err != nil {
		return 0, fmt.Errorf("unlock %s: %w", email, err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
