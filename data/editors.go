package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// Role is what an editor may do.
type Role string

// The two roles: an admin also manages editors, site settings and permanent deletion.
const (
	RoleAdmin  Role = "admin"
	RoleEditor Role = "editor"
)

// ValidRole reports whether r names a role.
func ValidRole(r Role) bool { return r == RoleAdmin || r == RoleEditor }

// Editor is a person who may log in to the desk.
type Editor struct {
	ID           int64
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	Disabled     bool
	TwoFactor    bool // an authenticator app is set up
	CreatedAt    time.Time
}

// IsAdmin reports whether the editor has the admin role.
func (e Editor) IsAdmin() bool { return e.Role == RoleAdmin }

// NewEditor is what creating an account needs.
type NewEditor struct {
	Email    string
	Name     string
	Role     Role
	Password string
}

// validate checks the fields and normalises the email.
func (n *NewEditor) validate() error {
	var v ValidationError
	n.Email = strings.TrimSpace(n.Email)
	n.Name = strings.TrimSpace(n.Name)
	if addr, err := mail.ParseAddress(n.Email); err != nil || addr.Address != n.Email || len(n.Email) > 254 {
		v.Add("email", "Enter an email address such as name@example.com.")
	}
	if n.Name == "" || len(n.Name) > 100 {
		v.Add("name", "Enter a name of 1 to 100 characters.")
	}
	if !ValidRole(n.Role) {
		v.Add("role", `Role must be "admin" or "editor".`)
	}
	if err := CheckPasswordRules(n.Password); err != nil {
		v.Add("password", "Choose a password of 10 to 256 characters.")
	}
	return v.Err()
}

// CreateEditor adds an account. A taken email is a ValidationError on "email".
func (s *Store) CreateEditor(ctx context.Context, n NewEditor) (Editor, error) {
	if err := n.validate(); err != nil {
		return Editor{}, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return Editor{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Editor{}, fmt.Errorf("create editor: %w", err)
	}
	defer tx.Rollback()
	e, err := createEditor(ctx, tx, n, hash, s.now())
	if err != nil {
		return Editor{}, err
	}
	return e, s.commit(ctx, tx)
}

func createEditor(ctx context.Context, tx *sql.Tx, n NewEditor, hash string, now time.Time) (Editor, error) {
	var taken int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM editors WHERE email = ?", n.Email).Scan(&taken); err != nil {
		return Editor{}, fmt.Errorf("create editor: %w", err)
	}
	if taken > 0 {
		return Editor{}, &ValidationError{Fields: map[string]string{"email": "An account with this email already exists."}}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO editors (email, name, role, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, n.Email, n.Name, string(n.Role), hash, now.Unix(), now.Unix())
	if err != nil {
		return Editor{}, fmt.Errorf("create editor: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return Editor{}, fmt.Errorf("create editor: %w", err)
	}
	return Editor{ID: id, Email: n.Email, Name: n.Name, Role: n.Role, PasswordHash: hash, CreatedAt: now.UTC()}, nil
}

const editorColumns = "id, email, name, role, password_hash, disabled, totp_secret <> '', created_at"

func scanEditor(sc scanner) (Editor, error) {
	var e Editor
	var role string
	var created int64
	err := sc.Scan(&e.ID, &e.Email, &e.Name, &role, &e.PasswordHash, &e.Disabled, &e.TwoFactor, &created)
	e.Role, e.CreatedAt = Role(role), time.Unix(created, 0).UTC()
	return e, err
}

// EditorByEmail finds an account by email (any case). ErrNotFound when there is none.
func (s *Store) EditorByEmail(ctx context.Context, email string) (Editor, error) {
	return s.queryEditor(ctx, "SELECT "+editorColumns+" FROM editors WHERE email = ?", strings.TrimSpace(email))
}

// EditorByID finds an account by id.
func (s *Store) EditorByID(ctx context.Context, id int64) (Editor, error) {
	return s.queryEditor(ctx, "SELECT "+editorColumns+" FROM editors WHERE id = ?", id)
}

func (s *Store) queryEditor(ctx context.Context, q string, arg any) (Editor, error) {
	e, err := scanEditor(s.db.QueryRowContext(ctx, q, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNotFound
	}
	if err != nil {
		return e, fmt.Errorf("editor: %w", err)
	}
	return e, nil
}

// Editors lists every account, by email.
func (s *Store) Editors(ctx context.Context) ([]Editor, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+editorColumns+" FROM editors ORDER BY email")
	if err != nil {
		return nil, fmt.Errorf("list editors: %w", err)
	}
	defer rows.Close()
	var out []Editor
	for rows.Next() {
		e, err := scanEditor(rows)
		if err != nil {
			return nil, fmt.Errorf("list editors: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CountEditors returns how many accounts exist, disabled ones included.
func (s *Store) CountEditors(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM editors").Scan(&n); err != nil {
		return 0, fmt.Errorf("count editors: %w", err)
	}
	return n, nil
}

// SetPassword replaces an account's password and ends all its sessions.
func (s *Store) SetPassword(ctx context.Context, email, pw string) error {
	if err := CheckPasswordRules(pw); err != nil {
		return err
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	return s.updateEditor(ctx, email, "password_hash = ?", hash)
}

// SetEditorDisabled disables (or re-enables) an account; disabling ends its sessions at once.
func (s *Store) SetEditorDisabled(ctx context.Context, email string, disabled bool) error {
	return s.updateEditor(ctx, email, "disabled = ?", disabled)
}

// SetEditorRole changes an account's role and ends its sessions, so the new rights apply at once.
func (s *Store) SetEditorRole(ctx context.Context, email string, role Role) error {
	if !ValidRole(role) {
		return &ValidationError{Fields: map[string]string{"role": `Role must be "admin" or "editor".`}}
	}
	return s.updateEditor(ctx, email, "role = ?", string(role))
}

func (s *Store) updateEditor(ctx context.Context, email, set string, arg any) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("update editor: %w", err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, "UPDATE editors SET "+set+", updated_at = ? WHERE email = ? RETURNING id",
		arg, s.now().Unix(), strings.TrimSpace(email)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("update editor: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE editor_id = ?", id); err != nil {
		return fmt.Errorf("end sessions: %w", err)
	}
	return s.commit(ctx, tx)
}
