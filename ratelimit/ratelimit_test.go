package ratelimit

import (
	"testing"
	"time"
)

// TestBurstThenOnePerEvery: a key gets burst tokens at once, then one per every; another key
// has its own bucket; a refusal says how long until the next token.
func TestBurstThenOnePerEvery(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_800_000_000, 0)
	l := New(func() time.Time { return now }, 20*time.Second, 5)
	for i := range 5 {
		if !l.Allow("a") {
			t.Fatalf("post %d of the burst refused", i+1)
		}
	}
	if wait := l.Take("a"); wait != 20*time.Second {
		t.Errorf("sixth post: wait %v, want 20s", wait)
	}
	if !l.Allow("b") {
		t.Error("another key shares the first one's bucket")
	}
	now = now.Add(10 * time.Second)
	if wait := l.Take("a"); wait != 10*time.Second {
		t.Errorf("half way: wait %v, want 10s", wait)
	}
	now = now.Add(10 * time.Second)
	if !l.Allow("a") {
		t.Error("a token did not come back after every")
	}
}
