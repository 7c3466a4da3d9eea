// Package ratelimit is an in-memory token bucket per key (a reader's address, an article),
// for the comment posts and searches a reader may send.
package ratelimit

import (
	"sync"
	"time"
)

// Limiter is a token bucket per key (an address, an article): burst posts at once, then
// one per every. It reads the store's clock, so tests can move time.
type Limiter struct {
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

// New makes a limiter of burst tokens at once, then one per every, on the clock now.
func New(now func() time.Time, every time.Duration, burst int) *Limiter {
	return &Limiter{now: now, every: every, burst: float64(burst), buckets: map[string]*bucket{}}
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

func (l *Limiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+float64(now.Sub(b.last))/float64(l.every) >= l.burst {
			delete(l.buckets, k)
		}
	}
}
