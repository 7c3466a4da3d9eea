package data

import (
	"context"
	"fmt"
	"time"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID       int64
	At       time.Time
	EditorID int64 // 0: nobody signed in (a failed sign-in), or the account is gone
	Actor    string
	Action   string
	Target   string
	Detail   string
	IP       string
}

// AuditActions are the actions the desk records, in the order its filter lists them.
var AuditActions = []string{"sign-in", "sign-in failed", "two-factor", "publish", "retract", "save", "trash", "restore",
	"delete", "settings", "editor", "password"}

// AddAudit appends an entry; its time is the store's clock.
func (s *Store) AddAudit(ctx context.Context, e AuditEntry) error {
	var editor any
	if e.EditorID != 0 {
		editor = e.EditorID
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO audit_log (at, editor_id, actor, action, target, detail, ip)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, s.now().Unix(), editor, e.Actor, e.Action, e.Target, e.Detail, e.IP); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// AuditFilter picks entries: by action, by actor (exact email), and by address, newest first.
type AuditFilter struct {
	Action, Actor, IP string
	Limit, Offset     int
}

// AuditEntries returns the entries the filter picks, newest first.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, coalesce(editor_id, 0), actor, action, target, detail, ip FROM audit_log
		WHERE (? = '' OR action = ?) AND (? = '' OR actor = ?) AND (? = '' OR ip = ?)
		ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`, f.Action, f.Action, f.Actor, f.Actor, f.IP, f.IP, f.Limit, max(f.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.EditorID, &e.Actor, &e.Action, &e.Target, &e.Detail, &e.IP); err != nil {
			return nil, fmt.Errorf("audit log: %w", err)
		}
		e.At = time.Unix(at, 0).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// PurgeAuditLog deletes entries older than the security settings keep them.
func (s *Store) PurgeAuditLog(ctx context.Context) error {
	set, err := s.SecuritySettings(ctx)
	if err != nil || set.AuditKeepDays <= 0 {
		return err
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM audit_log WHERE at < ?", s.now().AddDate(0, 0, -set.AuditKeepDays).Unix()); err != nil {
		return fmt.Errorf("purge audit log: %w", err)
	}
	return nil
}
