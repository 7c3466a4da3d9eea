package handlers

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
)

// loginThrottle slows down password guessing, per account and per client address: after a few
// failures each attempt must wait longer (1s, 2s, 4s …), and past a limit the key is locked for
// a while. It lives in memory: a restart forgives, which a one-binary newsroom can afford.
type loginThrottle struct {
	now func() time.Time

	mu   sync.Mutex
	keys map[string]*throttleState
}

type throttleState struct {
	failures  int
	nextTry   time.Time
	lastFail  time.Time
	lockUntil time.Time
}

// throttlePolicy is how many failures pass freely, and when a key locks.
type throttlePolicy struct {
	free, lockAfter int
	lockFor         time.Duration
}

var (
	// An account is locked sooner than an address: many people may share one address.
	accountPolicy = throttlePolicy{free: 3, lockAfter: 10, lockFor: 15 * time.Minute}
	addressPolicy = throttlePolicy{free: 10, lockAfter: 50, lockFor: 15 * time.Minute}
)

func newLoginThrottle(now func() time.Time) *loginThrottle {
	return &loginThrottle{now: now, keys: map[string]*throttleState{}}
}

func accountKey(email string) string { return "account:" + strings.ToLower(strings.TrimSpace(email)) }
func addressKey(ip string) string    { return "address:" + ip }

// wait returns how long the caller must wait before trying again; zero means "go ahead".
func (t *loginThrottle) wait(keys ...string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	var longest time.Duration
	for _, k := range keys {
		st, ok := t.keys[k]
		if !ok {
			continue
		}
		for _, until := range []time.Time{st.lockUntil, st.nextTry} {
			if d := until.Sub(now); d > longest {
				longest = d
			}
		}
	}
	return longest
}

// fail records a failed attempt on each key.
func (t *loginThrottle) fail(account, address string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.prune(now)
	for _, k := range []struct {
		key string
		pol throttlePolicy
	}{{account, accountPolicy}, {address, addressPolicy}} {
		st := t.keys[k.key]
		if st == nil {
			st = &throttleState{}
			t.keys[k.key] = st
		}
		st.failures++
		st.lastFail = now
		if st.failures >= k.pol.lockAfter {
			st.lockUntil = now.Add(k.pol.lockFor)
			st.failures = k.pol.free // after the lock, rising delays start again
		} else if over := st.failures - k.pol.free; over > 0 {
			st.nextTry = now.Add(time.Duration(math.Pow(2, float64(over-1))) * time.Second)
		}
	}
}

// succeed forgets an account's failures (the address keeps its record).
func (t *loginThrottle) succeed(account string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.keys, account)
}

// prune drops records untouched for a day, so the map cannot grow without bound.
func (t *loginThrottle) prune(now time.Time) {
	if len(t.keys) < 10_000 {
		return
	}
	for k, st := range t.keys {
		if now.Sub(st.lastFail) > 24*time.Hour && now.After(st.lockUntil) {
			delete(t.keys, k)
		}
	}
}

// throttleMessage says how long to wait, in words.
func throttleMessage(d time.Duration) string {
	secs := int(math.Ceil(d.Seconds()))
	if secs >= 120 {
		return fmt.Sprintf("Too many failed attempts: login is locked for %d minutes. Wait, or ask an admin to reset your password.", (secs+59)/60)
	}
	return fmt.Sprintf("Too many failed attempts. Try again in %d seconds.", secs)
}
