package data

import (
	"container/list"
	"sync"
)

// searchCacheSize is how many recent searches keep their ranking. A news site's searches
// repeat (the day's story, page 2 of the same query); ranking a common word costs tens of
// milliseconds, reading a kept ranking none.
const searchCacheSize = 256

// maxRankedHits is how many ranked ids a search keeps: as deep as readers may page.
const maxRankedHits = 1000

// ranking is one search's result order and its total count.
type ranking struct {
	ids   []int64
	total int
}

// searchCache is a small LRU of rankings for one store generation: any change readers can
// see (or a scheduled instant) starts it afresh, so a ranking is never staler than the pages.
type searchCache struct {
	mu    sync.Mutex
	gen   uint64
	order *list.List // front = most recent; values are keys
	items map[string]*list.Element
	vals  map[string]ranking
}

func newSearchCache() *searchCache {
	return &searchCache{order: list.New(), items: map[string]*list.Element{}, vals: map[string]ranking{}}
}

func (c *searchCache) get(gen uint64, key string) (ranking, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		c.reset(gen)
		return ranking{}, false
	}
	e, ok := c.items[key]
	if !ok {
		return ranking{}, false
	}
	c.order.MoveToFront(e)
	return c.vals[key], true
}

func (c *searchCache) put(gen uint64, key string, r ranking) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return // the store changed while this search ran
	}
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
	} else {
		c.items[key] = c.order.PushFront(key)
	}
	c.vals[key] = r
	for c.order.Len() > searchCacheSize {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.items, old.Value.(string))
		delete(c.vals, old.Value.(string))
	}
}

func (c *searchCache) reset(gen uint64) {
	c.gen = gen
	c.order.Init()
	c.items = map[string]*list.Element{}
	c.vals = map[string]ranking{}
}
