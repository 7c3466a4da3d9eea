package handlers

import (
	"context"
	"fmt"
	"math"
	"time"

	"gazette/data"
)

// loginThrottle slows password guessing without letting a guesser lock the owner out. Each
// attempt touches three records, kept in SQLite so that a restart forgives nothing:
//   - the address: failures on any account from it slow it and then lock it (one address
//     guessing many accounts);
//   - the account from that address: a few free tries, then 1 s, 2 s, 4 s …, locked after 10;
//   - the account from anywhere: past 10 failures (a guesser spread over many addresses) every
//     address that has failed before waits for the account's own back-off, while an address
//     without failures, the owner's, goes straight in.
//
// No record ever stops an attempt from an address that has not failed: that is what keeps the
// owner in.
type loginThrottle struct {
	store *data.Store
}

// throttlePolicy is how many failures pass freely, how long the back-off may grow, and when
// (if ever) a key locks.
type throttlePolicy struct {
	free, lockAfter int
	lockFor         time.Duration
	maxDelay        time.Duration
}

var (
	pairPolicy    = throttlePolicy{free: 3, lockAfter: 10, lockFor: 15 * time.Minute, maxDelay: 15 * time.Minute}
	addressPolicy = throttlePolicy{free: 10, lockAfter: 50, lockFor: 15 * time.Minute, maxDelay: 15 * time.Minute}
	accountPolicy = throttlePolicy{free: 10, maxDelay: time.Minute} // slows, never locks
)

func newLoginThrottle(store *data.Store) *loginThrottle { return &loginThrottle{store: store} }

// throttleKeys are an attempt's three records: account from address, address, account.
func throttleKeys(email, ip string) []data.ThrottleKey {
	account := data.ThrottleAccount(email)
	return []data.ThrottleKey{{Account: account, Address: ip}, {Address: ip}, {Account: account}}
}

func policyOf(k data.ThrottleKey) throttlePolicy {
	switch {
	case k.Account == "":
		return addressPolicy
	case k.Address == "":
		return accountPolicy
	}
	return pairPolicy
}

// wait returns how long the caller must wait before trying again; zero means "go ahead".
func (t *loginThrottle) wait(ctx context.Context, email, ip string) (time.Duration, error) {
	keys := throttleKeys(email, ip)
	recs, err := t.store.LoginThrottle(ctx, keys...)
	if err != nil {
		return 0, err
	}
	pair, address, account := recs[0], recs[1], recs[2]
	until := []time.Time{pair.LockUntil, pair.NextTry, address.LockUntil, address.NextTry}
	if account.Failures > accountPolicy.free && address.Failures > 0 {
		until = append(until, account.NextTry)
	}
	now := t.store.Now()
	var longest time.Duration
	for _, u := range until {
		longest = max(longest, u.Sub(now))
	}
	return longest, nil
}

// fail records a failed attempt on each of the attempt's keys.
func (t *loginThrottle) fail(ctx context.Context, email, ip string) error {
	now := t.store.Now()
	return t.store.RecordLoginFailure(ctx, throttleKeys(email, ip), func(k data.ThrottleKey, r data.ThrottleRecord) data.ThrottleRecord {
		return policyOf(k).after(r, now)
	})
}

// after is a record once one more failure happened at now.
func (p throttlePolicy) after(r data.ThrottleRecord, now time.Time) data.ThrottleRecord {
	r.Failures++
	r.LastFail = now
	if p.lockAfter > 0 && r.Failures >= p.lockAfter {
		r.LockUntil = now.Add(p.lockFor)
		r.Failures = p.free // after the lock, rising delays start again
	} else if over := r.Failures - p.free; over > 0 {
		r.NextTry = now.Add(min(time.Duration(math.Pow(2, float64(min(over-1, 20))))*time.Second, p.maxDelay))
	}
	return r
}

// succeed forgets the account's failures, from this address and overall (the address keeps
// its record: it may be guessing other accounts).
func (t *loginThrottle) succeed(ctx context.Context, email, ip string) error {
	keys := throttleKeys(email, ip)
	return t.store.ForgetLoginFailures(ctx, keys[0], keys[2])
}

// throttleMessage says how long to wait, in words.
func throttleMessage(d time.Duration) string {
	secs := int(math.Ceil(d.Seconds()))
	if secs >= 120 {
		return fmt.Sprintf("Too many failed attempts from your address: sign-in from it is paused for %d minutes. Wait, or sign in from another network, or ask an admin to run `gazette user unlock`.", (secs+59)/60)
	}
	if secs <= 1 {
		return "Too many failed attempts. Try again in a second."
	}
	return fmt.Sprintf("Too many failed attempts. Try again in %d seconds.", secs)
}
