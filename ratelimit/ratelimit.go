// Package ratelimit keeps a token bucket (golang.org/x/time/rate) per key — a reader's
// address, an article — for the comment posts and searches a reader may send.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter is a token bucket per key (an address, an article): burst posts at once, then
// one per every. It reads the store's clock, so tests can move time.
type Limiter struct {
	now   func() time.Time
	limit rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

// maxBuckets bounds the limiter's memory; past it, full buckets (keys idle long enough to be
// forgiven anyway) are dropped.
const maxBuckets = 20000

// New makes a limiter of burst tokens at once, then one per every, on the clock now.
func New(now func() time.Time, every time.Duration, burst int) *Limiter {
	return &Limiter{now: now, limit: rate.Every(every), burst: burst, buckets: map[string]*rate.Limiter{}}
}

// Allow takes one token for key, reporting whether there was one.
func (l *Limiter) Allow(key string) bool { return l.Take(key) == 0 }

// Take takes one token for key; without one it returns how long until the next (and takes
// nothing).
func (l *Limiter) Take(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = rate.NewLimiter(l.limit, l.burst)
		l.buckets[key] = b
	}
	r := b.ReserveN(now, 1)
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		return wait
	}
	return 0
}

func (l *Limiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.burst) {
			delete(l.buckets, k)
		}
	}
}
