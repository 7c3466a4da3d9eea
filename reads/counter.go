// Package reads counts first-party reading figures: page views per path and referring domain,
// counted in memory on the serving path (a cache hit included) and written to the store in
// batches, so counting costs a request a hash and a short lock, and the database a few
// writes a minute whatever the traffic. Nothing about a reader is kept: no address, no cookie,
// no time finer than the day a batch is written in.
package reads

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"

	"gazette/data"
)

const shardCount = 32 // a power of two; enough that two cores rarely wait on one lock

type key struct{ path, referrer string }

type shard struct {
	mu sync.Mutex
	m  map[key]int64
	_  [40]byte // keeps shards on separate cache lines
}

// Counter counts views in memory until Take hands them to the writer.
type Counter struct {
	seed    maphash.Seed
	shards  [shardCount]shard
	keys    atomic.Int64 // distinct keys held now
	maxKeys int64
	dropped atomic.Int64 // views not counted because the table was full
}

// NewCounter holds up to maxKeys distinct (path, referrer) pairs between two writes: a flood
// of made-up paths or referrers fills it, and what does not fit is dropped (and counted).
func NewCounter(maxKeys int) *Counter {
	c := &Counter{seed: maphash.MakeSeed(), maxKeys: int64(maxKeys)}
	for i := range c.shards {
		c.shards[i].m = map[key]int64{}
	}
	return c
}

// Count adds a view of path from referrer (a host, "" for none). A pair already counted since
// the last write allocates nothing; a new one copies its strings, so the request's memory is
// not kept alive.
func (c *Counter) Count(path, referrer string) {
	sh := &c.shards[maphash.String(c.seed, path)&(shardCount-1)]
	k := key{path, referrer}
	sh.mu.Lock()
	if n, ok := sh.m[k]; ok {
		sh.m[k] = n + 1
		sh.mu.Unlock()
		return
	}
	if c.keys.Load() >= c.maxKeys {
		sh.mu.Unlock()
		c.dropped.Add(1)
		return
	}
	sh.m[key{strings.Clone(path), strings.Clone(referrer)}] = 1
	c.keys.Add(1)
	sh.mu.Unlock()
}

// Take returns the views counted since the last Take and starts counting afresh.
func (c *Counter) Take() []data.PathReads {
	var out []data.PathReads
	for i := range c.shards {
		sh := &c.shards[i]
		sh.mu.Lock()
		m := sh.m
		sh.m = make(map[key]int64, len(m))
		sh.mu.Unlock()
		c.keys.Add(-int64(len(m)))
		for k, n := range m {
			out = append(out, data.PathReads{Path: k.path, Referrer: k.referrer, Views: n})
		}
	}
	return out
}

// Dropped is how many views did not fit since the counter was made.
func (c *Counter) Dropped() int64 { return c.dropped.Load() }
