package data

import (
	"context"
	"math"
	"time"
)

// The login throttle slows password guessing without letting a guesser lock the owner out. Each
// attempt touches three records, kept in SQLite so that a restart forgives nothing:
//   - the address: failures on any account from it slow it and then lock it (one address
//     guessing many accounts);
//   - the account from that address: a few free tries, then 1 s, 2 s, 4 s …, locked after 10;
//   - the account from anywhere: past 10 failures (a guesser spread over many addresses) every
//     address that has failed before waits for the account's own back-off, while an address
//     without failures, the owner's, goes straight in.
//
// No record ever stops an attempt from an address that has not failed: that is what keeps the
// owner in. LoginWait, LoginFailed and LoginSucceeded are the throttle; its records are read
// and written by LoginThrottle, RecordLoginFailure and ForgetLoginFailures.

// throttlePolicy is how many failures pass freely, how long the back-off may grow, and when
// (if ever) a key locks.
type throttlePolicy struct {
	free, lockAfter int
	lockFor         time.Duration
	maxDelay        time.Duration
}

// How many failed sign-ins pass before the throttle slows them: of one account from one
// address (locked after LoginLockAfter), of one address on any accounts, of one account from
// anywhere.
const (
	LoginFreeFailures           = 3
	LoginLockAfter              = 10
	LoginFreeFailuresPerAddress = 10
	LoginFreeFailuresPerAccount = 10
)

var (
	pairPolicy    = throttlePolicy{free: LoginFreeFailures, lockAfter: LoginLockAfter, lockFor: 15 * time.Minute, maxDelay: 15 * time.Minute}
	addressPolicy = throttlePolicy{free: LoginFreeFailuresPerAddress, lockAfter: 50, lockFor: 15 * time.Minute, maxDelay: 15 * time.Minute}
	accountPolicy = throttlePolicy{free: LoginFreeFailuresPerAccount, maxDelay: time.Minute} // slows, never locks
)

// throttleKeys are an attempt's three records: account from address, address, account.
func throttleKeys(email, ip string) []ThrottleKey {
	account := ThrottleAccount(email)
	return []ThrottleKey{{Account: account, Address: ip}, {Address: ip}, {Account: account}}
}

func policyOf(k ThrottleKey) throttlePolicy {
	switch {
	case k.Account == "":
		return addressPolicy
	case k.Address == "":
		return accountPolicy
	}
	return pairPolicy
}

// LoginWait returns how long the caller must wait before trying again; zero means "go ahead".
func (s *Store) LoginWait(ctx context.Context, email, ip string) (time.Duration, error) {
	keys := throttleKeys(email, ip)
	recs, err := s.LoginThrottle(ctx, keys...)
	if err != nil {
		return 0, err
	}
	pair, address, account := recs[0], recs[1], recs[2]
	until := []time.Time{pair.LockUntil, pair.NextTry, address.LockUntil, address.NextTry}
	if account.Failures > accountPolicy.free && address.Failures > 0 {
		until = append(until, account.NextTry)
	}
	now := s.Now()
	var longest time.Duration
	for _, u := range until {
		longest = max(longest, u.Sub(now))
	}
	return longest, nil
}

// LoginFailed records a failed attempt on each of the attempt's keys.
func (s *Store) LoginFailed(ctx context.Context, email, ip string) error {
	now := s.Now()
	return s.RecordLoginFailure(ctx, throttleKeys(email, ip), func(k ThrottleKey, r ThrottleRecord) ThrottleRecord {
		return policyOf(k).after(r, now)
	})
}

// after is a record once one more failure happened at now.
func (p throttlePolicy) after(r ThrottleRecord, now time.Time) ThrottleRecord {
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

// LoginSucceeded forgets the account's failures, from this address and overall (the address keeps
// its record: it may be guessing other accounts).
func (s *Store) LoginSucceeded(ctx context.Context, email, ip string) error {
	keys := throttleKeys(email, ip)
	return s.ForgetLoginFailures(ctx, keys[0], keys[2])
}
