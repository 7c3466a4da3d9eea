package data

import (
	"context"
	"sync"
)

// memo keeps the answers of reader queries whose cost grows with the archive (a list's order
// and count, a taxonomy's counts, related articles) until a change names one of the keys they
// depend on (data/migrations/0010). A page then costs work proportional to the page; after a
// publish, only what the publish touched is read again, once.
type memo struct {
	store *Store
	once  sync.Once

	mu    sync.Mutex
	vals  map[string]memoEntry
	byDep map[string]map[string]bool
	size  int
	// inval counts changes; a value computed while one arrived is not kept.
	inval uint64
}

type memoEntry struct {
	val  any
	deps []string
	size int
}

// memoMaxSize bounds what the memo holds, in rough units of one id or one row (8 bytes each).
const memoMaxSize = 4 << 20

func newMemo(s *Store) *memo {
	return &memo{store: s, vals: map[string]memoEntry{}, byDep: map[string]map[string]bool{}}
}

// memoGet returns the kept value of key, or builds it. deps are the dependency keys it is
// built from, and build may name more that it found while building; size is its weight for
// the bound.
func memoGet[T any](ctx context.Context, m *memo, key string, deps []string, build func() (T, int, []string, error)) (T, error) {
	return memoGetSince(ctx, m, m.version(ctx), key, deps, build)
}

// version is the memo's change count, after any scheduled instant that has passed: a value
// built from other kept values read after it is only kept if no change came in between (see
// memoGetSince).
func (m *memo) version(ctx context.Context) uint64 {
	m.once.Do(func() { m.store.Changes().Subscribe(m.invalidate) })
	w := m.store.Changes()
	if w.Due(m.store.now()) {
		if err := w.Sync(ctx); err != nil {
			m.store.log("store changes", err)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.inval
}

// memoGetSince is memoGet for a value built from what was read at version start.
func memoGetSince[T any](ctx context.Context, m *memo, start uint64, key string, deps []string, build func() (T, int, []string, error)) (T, error) {
	m.mu.Lock()
	if e, ok := m.vals[key]; ok {
		m.mu.Unlock()
		return e.val.(T), nil
	}
	m.mu.Unlock()
	v, size, more, err := build()
	if err != nil {
		return v, err
	}
	m.keep(start, key, v, size, append(deps[:len(deps):len(deps)], more...))
	return v, nil
}

// peek returns the kept value of key, if any.
func (m *memo) peek(key string) (any, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.vals[key]
	return e.val, ok
}

// keep stores v under key unless a change came in since version start: then v is right for the
// caller that built it, but not to keep.
func (m *memo) keep(start uint64, key string, v any, size int, deps []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.inval != start {
		return
	}
	if m.size+size > memoMaxSize {
		m.evictLocked(m.size + size - memoMaxSize + memoMaxSize/8)
	}
	m.dropLocked(key)
	m.vals[key] = memoEntry{val: v, deps: deps, size: size}
	m.size += size
	for _, d := range deps {
		if m.byDep[d] == nil {
			m.byDep[d] = map[string]bool{}
		}
		m.byDep[d][key] = true
	}
}

func (m *memo) invalidate(c ChangeSet) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inval++
	for _, k := range c.Keys {
		if k == "*" {
			m.vals, m.byDep, m.size = map[string]memoEntry{}, map[string]map[string]bool{}, 0
			return
		}
		for key := range m.byDep[k] {
			m.dropLocked(key)
		}
	}
}

// evictLocked frees at least n units in Go's random map order.
func (m *memo) evictLocked(n int) {
	for key, e := range m.vals {
		if n <= 0 {
			return
		}
		n -= e.size
		m.dropLocked(key)
	}
}

func (m *memo) dropLocked(key string) {
	e, ok := m.vals[key]
	if !ok {
		return
	}
	delete(m.vals, key)
	m.size -= e.size
	for _, d := range e.deps {
		if set := m.byDep[d]; set != nil {
			delete(set, key)
			if len(set) == 0 {
				delete(m.byDep, d)
			}
		}
	}
}
