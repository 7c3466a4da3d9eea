package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Discussion is an editor's per-article switches for comments, beyond the article's own
// `comments` flag: Closed keeps existing comments visible and takes no new ones, Hidden shows
// nothing at all, CloseAfterDays (nil = the site default, 0 = never) closes it that many days
// after publication.
type Discussion struct {
	ArticleID      int64
	Closed         bool
	Hidden         bool
	CloseAfterDays *int
}

// Discussion returns an article's switches (all off when an editor never touched them).
// ErrNotFound when the article does not exist.
//
// It is kept in the memo until a change names the article: every article page asks for it.
func (s *Store) Discussion(ctx context.Context, articleID int64) (Discussion, error) {
	id := strconv.FormatInt(articleID, 10)
	return memoGet(ctx, s.memo, "discussion\x00"+id, []string{"a:" + id}, func() (Discussion, int, []string, error) {
		d, err := s.readDiscussion(ctx, articleID)
		return d, 8, nil, err
	})
}

func (s *Store) readDiscussion(ctx context.Context, articleID int64) (Discussion, error) {
	d := Discussion{ArticleID: articleID}
	var days sql.NullInt64
	var exists int
	err := s.db.QueryRowContext(ctx, `SELECT 1, coalesce(d.closed, 0), coalesce(d.hidden, 0), d.close_after_days
		FROM articles a LEFT JOIN discussions d ON d.article_id = a.id WHERE a.id = ?`, articleID).Scan(&exists, &d.Closed, &d.Hidden, &days)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("discussion of article %d: %w", articleID, err)
	}
	if days.Valid {
		n := int(days.Int64)
		d.CloseAfterDays = &n
	}
	return d, nil
}

// SaveDiscussion stores an article's switches.
func (s *Store) SaveDiscussion(ctx context.Context, d Discussion) error {
	var days any
	if d.CloseAfterDays != nil {
		days = *d.CloseAfterDays
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO discussions (article_id, closed, hidden, close_after_days) VALUES (?, ?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET closed = excluded.closed, hidden = excluded.hidden,
		close_after_days = excluded.close_after_days`, d.ArticleID, d.Closed, d.Hidden, days)
	if err != nil {
		if isForeignKeyError(err) {
			return ErrNotFound
		}
		return fmt.Errorf("save discussion of article %d: %w", d.ArticleID, err)
	}
	s.written(ctx)
	return nil
}

func isForeignKeyError(err error) bool {
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

// CommentSettings are the newsroom's spam defences, kept in the settings table as one JSON
// document beside the site settings (whose CommentsMode says who is published at once).
type CommentSettings struct {
	BlockedWords   []string `json:"blocked_words"`
	BlockedDomains []string `json:"blocked_domains"`
	BlockedIPs     []string `json:"blocked_ips"` // addresses or CIDR ranges
	MaxLinks       int      `json:"max_links"`   // more links than this is spam
	MinSeconds     int      `json:"min_seconds"` // a form sent sooner after it was shown is a robot's
	CloseAfterDays int      `json:"close_after_days"`
	// The storage budget (see CommentBudget): held + spam per address per hour, held and spam
	// each per article per hour, spam rows in all; spam and trash are purged after PurgeAfterDays.
	PerAddressHour int `json:"per_address_hour"`
	PerArticleHour int `json:"per_article_hour"`
	MaxSpam        int `json:"max_spam"`
	PurgeAfterDays int `json:"purge_after_days"`
}

// DefaultCommentSettings are a new site's defences.
func DefaultCommentSettings() CommentSettings {
	return CommentSettings{MaxLinks: 2, MinSeconds: 3, PerAddressHour: 20, PerArticleHour: 100, MaxSpam: 10000, PurgeAfterDays: 30}
}

// Budget is the storage budget the settings give readers' posts.
func (set CommentSettings) Budget() CommentBudget {
	return CommentBudget{PerAddress: set.PerAddressHour, PerArticle: set.PerArticleHour, Window: time.Hour, MaxSpam: set.MaxSpam}
}

const (
	commentSettingsName = "comments"
	commentSecretName   = "comment_form_secret"
)

// CommentSettings returns the stored spam defences, or the defaults.
//
// They are kept in the memo until the settings change (key *): every article page asks.
func (s *Store) CommentSettings(ctx context.Context) (CommentSettings, error) {
	return memoGet(ctx, s.memo, "comment settings", []string{"*"}, func() (CommentSettings, int, []string, error) {
		set, err := s.readCommentSettings(ctx)
		return set, 64, nil, err
	})
}

func (s *Store) readCommentSettings(ctx context.Context) (CommentSettings, error) {
	set := DefaultCommentSettings()
	var raw string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE name = ?", commentSettingsName).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return set, nil
	}
	if err != nil {
		return set, fmt.Errorf("comment settings: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), &set); err != nil {
		return DefaultCommentSettings(), fmt.Errorf("comment settings: %w", err)
	}
	return set, nil
}

// SaveCommentSettings replaces the spam defences.
func (s *Store) SaveCommentSettings(ctx context.Context, set CommentSettings) error {
	b, err := json.Marshal(set)
	if err != nil {
		return fmt.Errorf("save comment settings: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, commentSettingsName, string(b)); err != nil {
		return fmt.Errorf("save comment settings: %w", err)
	}
	s.written(ctx)
	return nil
}

// CommentFormSecret returns the key that signs comment form tokens, made on first use and kept
// so that forms shown before a restart still work after it.
//
// It is read on every article page with a comment form: kept in the memo until the settings
// change (every settings write names "*").
func (s *Store) CommentFormSecret(ctx context.Context) ([]byte, error) {
	return memoGet(ctx, s.memo, "comment-form-secret", nil, func() ([]byte, int, []string, error) {
		key, err := s.commentFormSecret(ctx)
		return key, 8, nil, err
	})
}

func (s *Store) commentFormSecret(ctx context.Context) ([]byte, error) {
	var raw string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE name = ?", commentSecretName).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		// Written only once: every write moves the page caches to a new generation.
		b := make([]byte, 32)
		rand.Read(b)
		if _, err := s.db.ExecContext(ctx, "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
			commentSecretName, base64.RawStdEncoding.EncodeToString(b)); err != nil {
			return nil, fmt.Errorf("comment form secret: %w", err)
		}
		err = s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE name = ?", commentSecretName).Scan(&raw)
	}
	if err != nil {
		return nil, fmt.Errorf("comment form secret: %w", err)
	}
	key, err := base64.RawStdEncoding.DecodeString(raw)
	if err != nil || len(key) < 32 {
		return nil, fmt.Errorf("comment form secret: malformed")
	}
	return key, nil
}
