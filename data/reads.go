package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// PathReads is one counted batch entry: views of a request path from one referring domain.
type PathReads struct {
	Path     string
	Referrer string // host without "www."; "" = none
	Views    int64
}

// ArticleReads is an article's views over a period.
type ArticleReads struct {
	ID        int64
	Title     string
	Permalink string
	Views     int64
}

// DayReads is one day's views.
type DayReads struct {
	Day   string // YYYY-MM-DD, UTC
	Views int64
}

// DomainReads is the views that came from one referring domain.
type DomainReads struct {
	Domain string // "" = none given (typed, bookmarked, an app); OtherDomains = too few each to name
	Views  int64
}

// OtherDomains is the referrer row that sums domains too small to name on their own.
const OtherDomains = "\x00other"

// ReadsDay is the day a view counted at t belongs to.
func ReadsDay(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// AddReads writes a batch of counted views for day in one transaction. Paths are resolved
// here, not on the serving path: a path that is an article's own page counts for it; any other
// (a list, a redirect, a 404) is dropped. It returns the views that counted.
func (s *Store) AddReads(ctx context.Context, day string, batch []PathReads) (int64, error) {
	if len(batch) == 0 {
		return 0, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("add reads: %w", err)
	}
	defer tx.Rollback()
	w := newWriteTx(ctx, tx)
	ids := map[string]int64{}
	var counted int64
	for _, pr := range batch {
		id, ok := ids[pr.Path]
		if !ok {
			err := w.queryRow("SELECT article_id FROM paths WHERE path = ? AND is_redirect = 0", pr.Path).Scan(&id)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return 0, fmt.Errorf("add reads: %w", err)
			}
			ids[pr.Path] = id
		}
		if id == 0 || pr.Views <= 0 {
			continue
		}
		if _, err := w.exec(`INSERT INTO article_reads (article_id, day, views) VALUES (?, ?, ?)
			ON CONFLICT (article_id, day) DO UPDATE SET views = views + excluded.views`, id, day, pr.Views); err != nil {
			return 0, fmt.Errorf("add reads: %w", err)
		}
		if _, err := w.exec(`INSERT INTO article_referrers (article_id, day, domain, views) VALUES (?, ?, ?, ?)
			ON CONFLICT (article_id, day, domain) DO UPDATE SET views = views + excluded.views`, id, day, pr.Referrer, pr.Views); err != nil {
			return 0, fmt.Errorf("add reads: %w", err)
		}
		counted += pr.Views
	}
	// Not s.commit: views change no page, so no cache hears of them.
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("add reads: %w", err)
	}
	return counted, nil
}

// PruneReads deletes the figures of days before the first day kept.
func (s *Store) PruneReads(ctx context.Context, firstKept string) error {
	for _, table := range []string{"article_reads", "article_referrers"} {
		if _, err := s.db.ExecContext(ctx, "DELETE FROM "+table+" WHERE day < ?", firstKept); err != nil {
			return fmt.Errorf("prune %s: %w", table, err)
		}
	}
	return nil
}

// MostRead lists the articles read most since a day (inclusive), most first.
func (s *Store) MostRead(ctx context.Context, since string, limit int) ([]ArticleReads, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.title, a.permalink, r.views FROM
		(SELECT article_id, sum(views) AS views FROM article_reads WHERE day >= ? GROUP BY article_id) r
		JOIN articles a ON a.id = r.article_id ORDER BY r.views DESC, a.id DESC LIMIT ?`, since, limit)
	if err != nil {
		return nil, fmt.Errorf("most read: %w", err)
	}
	defer rows.Close()
	var out []ArticleReads
	for rows.Next() {
		var r ArticleReads
		if err := rows.Scan(&r.ID, &r.Title, &r.Permalink, &r.Views); err != nil {
			return nil, fmt.Errorf("most read: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ArticleReadsByDay is an article's views per day since a day, oldest first (days without
// views are absent).
func (s *Store) ArticleReadsByDay(ctx context.Context, id int64, since string) ([]DayReads, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT day, views FROM article_reads WHERE article_id = ? AND day >= ? ORDER BY day", id, since)
	if err != nil {
		return nil, fmt.Errorf("reads by day: %w", err)
	}
	defer rows.Close()
	var out []DayReads
	for rows.Next() {
		var d DayReads
		if err := rows.Scan(&d.Day, &d.Views); err != nil {
			return nil, fmt.Errorf("reads by day: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// ArticleReferrers is where an article's readers came from since a day, most first. A domain
// with fewer than minViews views in the period is not named but summed into OtherDomains, so
// a rare referrer (a private page, one person's site) cannot point at a reader.
func (s *Store) ArticleReferrers(ctx context.Context, id int64, since string, minViews int64) ([]DomainReads, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT domain, sum(views) AS v FROM article_referrers
		WHERE article_id = ? AND day >= ? GROUP BY domain ORDER BY v DESC, domain`, id, since)
	if err != nil {
		return nil, fmt.Errorf("referrers: %w", err)
	}
	defer rows.Close()
	var out []DomainReads
	var other int64
	for rows.Next() {
		var d DomainReads
		if err := rows.Scan(&d.Domain, &d.Views); err != nil {
			return nil, fmt.Errorf("referrers: %w", err)
		}
		if d.Domain != "" && d.Views < minViews {
			other += d.Views
			continue
		}
		out = append(out, d)
	}
	if other > 0 {
		out = append(out, DomainReads{Domain: OtherDomains, Views: other})
	}
	return out, rows.Err()
}

// CleanDomain is a referring host as stored: lower case, without "www." and a port, at most
// 100 characters of letters, digits, dots and hyphens; "" when it is not a host name.
func CleanDomain(host string) string {
	host = strings.ToLower(strings.TrimPrefix(strings.ToLower(host), "www."))
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	if len(host) == 0 || len(host) > 100 {
		return ""
	}
	for _, r := range host {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return ""
		}
	}
	return host
}
