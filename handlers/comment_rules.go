package handlers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"sync"
	"time"

	"gazette/data"
	"gazette/views"
)

// discussionState is what an article's discussion allows at a moment.
type discussionState int

const (
	discussionOff    discussionState = iota // nothing shown, posts refused
	discussionHidden                        // an editor hid it: nothing shown, posts refused
	discussionClosed                        // comments shown, no form, posts refused
	discussionOpen
)

// discussionOf decides an article's discussion. The site mode "off" and "closed" win over
// everything (they are the newsroom's switch for the whole site); then the article's own
// `comments` flag (absent = on: the site default); then the editor's per-article switches and
// the auto-close after N days (the article's own number, else the site's; 0 = never). The
// notice is in English, for the desk; readers get theirs from discussionIn.
func discussionOf(a *data.Article, d data.Discussion, mode string, cs data.CommentSettings, now time.Time) (discussionState, string) {
	return discussionIn("en", a, d, mode, cs, now)
}

// discussionIn is discussionOf with the notice in a reader's language.
func discussionIn(lang string, a *data.Article, d data.Discussion, mode string, cs data.CommentSettings, now time.Time) (discussionState, string) {
	switch {
	case a.ID == 0 || mode == "off" || (a.Comments != nil && !*a.Comments):
		return discussionOff, views.T(lang, "discussion_off")
	case d.Hidden:
		return discussionHidden, views.T(lang, "discussion_hidden")
	case mode == "closed":
		return discussionClosed, views.T(lang, "discussion_site_closed")
	case d.Closed:
		return discussionClosed, views.T(lang, "discussion_closed")
	}
	days := cs.CloseAfterDays
	if d.CloseAfterDays != nil {
		days = *d.CloseAfterDays
	}
	if days > 0 {
		from := a.PublishDate
		if from.IsZero() {
			from = a.Date
		}
		if !from.IsZero() && !now.Before(from.AddDate(0, 0, days)) {
			return discussionClosed, views.Tf(lang, "discussion_closed_after", "days", views.Tn(lang, "day", days))
		}
	}
	return discussionOpen, ""
}

// commentModeLabel is the mode in effect: "" reads as moderated.
func commentMode(set data.SiteSettings) string {
	if set.CommentsMode == "" {
		return "moderated"
	}
	return set.CommentsMode
}

// Form tokens: the comment form carries "<article>.<issued unix>.<nonce>.<signature>". The
// signature proves the server issued it for this article; the time lets a post that comes
// sooner than a person could type be caught. Tokens are only ever written into uncached pages
// (the form page, a reader's personal article page), so the time is when this reader got the
// form, and the nonce makes each token one post's (Store.ClaimFormToken).
type formSigner struct{ key []byte }

func (f formSigner) sign(payload string) string {
	m := hmac.New(sha256.New, f.key)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

func (f formSigner) issue(articleID int64, at time.Time) string {
	payload := strconv.FormatInt(articleID, 10) + "." + strconv.FormatInt(at.Unix(), 10) + "." + data.RandomToken()[:12]
	return payload + "." + f.sign(payload)
}

// verify returns the issue time of a token made for the article; ok is false for anything else.
func (f formSigner) verify(token string, articleID int64) (time.Time, bool) {
	if len(token) > 200 {
		return time.Time{}, false
	}
	parts := strings.Split(token, ".")
	if len(parts) != 4 {
		return time.Time{}, false
	}
	payload := strings.Join(parts[:3], ".")
	if !hmac.Equal([]byte(parts[3]), []byte(f.sign(payload))) || parts[0] != strconv.FormatInt(articleID, 10) {
		return time.Time{}, false
	}
	unix, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(unix, 0), true
}

// readerToken is the token of a reader session's edit and delete forms; those pages are
// personal, so it can be tied to the session.
func (f formSigner) readerToken(readerID string) string { return f.sign("reader." + readerID) }

// rateLimiter is a token bucket per key (an address, an article): burst posts at once, then
// one per every. It reads the store's clock, so tests can move time.
type rateLimiter struct {
	now   func() time.Time
	every time.Duration
	burst float64

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// maxBuckets bounds the limiter's memory; past it, full buckets (keys idle long enough to be
// forgiven anyway) are dropped.
const maxBuckets = 20000

func newRateLimiter(now func() time.Time, every time.Duration, burst int) *rateLimiter {
	return &rateLimiter{now: now, every: every, burst: float64(burst), buckets: map[string]*bucket{}}
}

// allow takes one token for key, reporting whether there was one.
func (l *rateLimiter) allow(key string) bool { return l.take(key) == 0 }

// take takes one token for key; without one it returns how long until the next (and takes
// nothing).
func (l *rateLimiter) take(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+float64(now.Sub(b.last))/float64(l.every))
	b.last = now
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) * float64(l.every))
	}
	b.tokens--
	return 0
}

func (l *rateLimiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+float64(now.Sub(b.last))/float64(l.every) >= l.burst {
			delete(l.buckets, k)
		}
	}
}
