package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// searchGate holds, per article, what a search asks of a match besides the index: the
// publication rule's inputs (draft or headless, publish and expiry instants), its language,
// its section and its tag keys (for the tag facet), about 50 bytes an article (4.7 MiB of heap
// at 100,000). A search walks the FTS5 index alone and checks each match here: joined to the
// articles table instead, every match was a seek into an index on pages a first-time search
// rarely has in cache (half its CPU at 100,000 articles).
//
// It is built on first use and kept in step through the store's change watcher, the one the
// response cache and the memo follow: every write of an article row records its "a:<id>" key
// (a save, a batch or bulk import, a trash, a delete; another process's write too, found by
// the watcher's poll or the Sync each search makes), and the rows named are read again before
// the next search. Scheduled publish and expiry need no event: the instants are kept and
// compared with the store's clock at each search. The page a search shows is checked against
// the publication rule in SQL once more as it is loaded (searchHits), so even a write that
// lands between the check here and the page never shows a draft.
type searchGate struct {
	store *Store
	once  sync.Once

	refresh sync.Mutex // one refresh at a time; a search waits for one in progress

	mu    sync.RWMutex
	pages []*gatePage // by article id: pages[id>>gatePageBits], entry id&gatePageMask
	gateNames
	waste int // tag slots left behind by rereads (gatePage.tags), for a rebuild past gateWasteMax

	dirtyMu sync.Mutex
	all     bool           // read every article again (first use, a "*" change, too many ids)
	dirty   map[int64]bool // articles to read again
}

// gatePage is the gates of 4,096 consecutive article ids, and their tag keys: an entry's
// tags are tags[tagAt:tagAt+tagN], so a page holds them in one slice, not one per article.
type gatePage struct {
	entries [1 << gatePageBits]gateEntry
	tags    []uint32
}

// gateEntry is one article's gate. The zero value is an article that is not there (never
// visible): visible means from <= now < until.
type gateEntry struct {
	from  int64 // the publish instant; math.MinInt64 when none; math.MaxInt64 for a draft or headless page
	until int64 // the expiry instant; math.MaxInt64 when none
	lang  uint32
	sect  uint32
	tagAt uint32 // its tag keys (interned names) in the page's tags, for the tag facet
	tagN  uint32
}

// The gate's pages: ids are search-key ids (below 2^24), so at most 4,096 pages of 4,096.
const (
	gatePageBits = 12
	gatePageMask = 1<<gatePageBits - 1
	// gateRereadMax is how many changed articles are read again one by one; past it the whole
	// gate is (a batch import's keys).
	gateRereadMax = 2000
	searchKeyIDs  = 1 << 24
	// gateWasteMax is how many tag slots rereads may leave unused before the gate is built
	// again (1 MB).
	gateWasteMax = 1 << 18
)

func newSearchGate(s *Store) *searchGate {
	return &searchGate{store: s, all: true, gateNames: newGateNames()}
}

// gateFilter is a search's language and section as the gate names them; noName is a name no
// article has (nothing passes), anyName no filter.
type gateFilter struct {
	now        int64
	lang, sect uint32
}

const (
	anyName = math.MaxUint32
	noName  = math.MaxUint32 - 1
)

// ready brings the gate up to date with every change delivered so far, after looking for
// changes once more (another process's write, a scheduled instant), and returns the filter
// for a search at the store's clock.
func (g *searchGate) ready(ctx context.Context, lang, section string) (gateFilter, error) {
	g.once.Do(func() { g.store.Changes().Subscribe(g.changed) })
	if err := g.store.Changes().Sync(ctx); err != nil {
		// The poll tries again; the gate is as fresh as its last delivery, and the page shown
		// is checked in SQL.
		g.store.log("search gate: look for changes", err)
	}
	if err := g.update(ctx); err != nil {
		return gateFilter{}, err
	}
	f := gateFilter{now: g.store.now().Unix(), lang: anyName, sect: anyName}
	g.mu.RLock()
	defer g.mu.RUnlock()
	for _, n := range []struct {
		name string
		to   *uint32
	}{{lang, &f.lang}, {section, &f.sect}} {
		if n.name == "" {
			continue
		}
		*n.to = noName
		if id, ok := g.ids[n.name]; ok {
			*n.to = id
		}
	}
	return f, nil
}

// changed is the watcher's subscriber: it notes what to read again and returns at once (a
// writer waits for it).
func (g *searchGate) changed(c ChangeSet) {
	g.dirtyMu.Lock()
	defer g.dirtyMu.Unlock()
	for _, k := range c.Keys {
		if k == "*" {
			g.all, g.dirty = true, nil
			return
		}
		rest, ok := strings.CutPrefix(k, "a:")
		if !ok || g.all {
			continue
		}
		id, err := strconv.ParseInt(rest, 10, 64)
		if err != nil {
			continue
		}
		if g.dirty == nil {
			g.dirty = map[int64]bool{}
		}
		g.dirty[id] = true
		if len(g.dirty) > gateRereadMax {
			g.all, g.dirty = true, nil
		}
	}
}

// update reads again what changed.
func (g *searchGate) update(ctx context.Context) error {
	g.refresh.Lock()
	defer g.refresh.Unlock()
	g.dirtyMu.Lock()
	all, dirty := g.all, g.dirty
	g.all, g.dirty = false, nil
	g.dirtyMu.Unlock()
	if !all && len(dirty) == 0 {
		return nil
	}
	var err error
	if all {
		err = g.rebuild(ctx)
	} else {
		err = g.reread(ctx, dirty)
	}
	if err != nil {
		g.dirtyMu.Lock()
		g.all, g.dirty = true, nil // read everything next time
		g.dirtyMu.Unlock()
	}
	return err
}

// gateColumns is an article's gate as SQL, from the articles_search_by_date index's columns;
// gateTags its tag keys, in article order.
const (
	gateColumns = "id, draft OR headless, publish_unix, expiry_unix, lang, section"
	gateTags    = `SELECT at.article_id, t.key FROM article_terms at JOIN terms t ON t.id = at.term_id
		WHERE t.taxonomy = 'tags'`
)

// rebuild reads every article's gate and tags in two scans (the covering index of
// articles_search_by_date, then article_terms in its own order), into new pages and a new
// name table, and swaps them in.
func (g *searchGate) rebuild(ctx context.Context) error {
	names := newGateNames()
	var pages []*gatePage
	rows, err := g.store.db.QueryContext(ctx, "SELECT "+gateColumns+" FROM articles INDEXED BY articles_search_by_date")
	if err != nil {
		return fmt.Errorf("search gate: %w", err)
	}
	for rows.Next() {
		id, e, err := scanGate(rows, names.intern)
		if err != nil {
			rows.Close()
			return err
		}
		if id >= 0 && id < searchKeyIDs { // else no search key names it (migration 0015)
			pages = setGateEntry(pages, id, e, nil, nil)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search gate: %w", err)
	}
	tagKeys := map[int64]uint32{} // tag term id → interned key
	if rows, err = g.store.db.QueryContext(ctx, "SELECT id, key FROM terms WHERE taxonomy = 'tags'"); err != nil {
		return fmt.Errorf("search gate tags: %w", err)
	}
	for rows.Next() {
		var id int64
		var key sql.RawBytes
		if err := rows.Scan(&id, &key); err != nil {
			rows.Close()
			return fmt.Errorf("search gate tags: %w", err)
		}
		tagKeys[id] = names.intern(key)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search gate tags: %w", err)
	}
	if rows, err = g.store.db.QueryContext(ctx, "SELECT article_id, term_id FROM article_terms ORDER BY article_id"); err != nil {
		return fmt.Errorf("search gate tags: %w", err)
	}
	defer rows.Close()
	article, tags := int64(-1), make([]uint32, 0, 16)
	flush := func() {
		if len(tags) > 0 && article >= 0 && article < searchKeyIDs {
			setGateTags(pages, article, tags)
		}
		tags = tags[:0]
	}
	for rows.Next() {
		var id, term int64
		if err := rows.Scan(&id, &term); err != nil {
			return fmt.Errorf("search gate tags: %w", err)
		}
		if id != article {
			flush()
			article = id
		}
		if key, ok := tagKeys[term]; ok {
			tags = append(tags, key)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search gate tags: %w", err)
	}
	flush()
	g.mu.Lock()
	g.pages, g.gateNames, g.waste = pages, names, 0
	g.mu.Unlock()
	return nil
}

// setGateTags gives an article of a new gate (no tags yet) its tags.
func setGateTags(pages []*gatePage, id int64, tags []uint32) {
	p := int(id >> gatePageBits)
	if p >= len(pages) || pages[p] == nil {
		return
	}
	page := pages[p]
	e := &page.entries[id&gatePageMask]
	if *e == (gateEntry{}) {
		return
	}
	e.tagAt, e.tagN = uint32(len(page.tags)), uint32(len(tags))
	page.tags = append(page.tags, tags...)
}

func (g *searchGate) reread(ctx context.Context, dirty map[int64]bool) error {
	ids := make([]int64, 0, len(dirty))
	for id := range dirty {
		ids = append(ids, id)
	}
	const in = " IN (SELECT value FROM json_each(?))"
	found := map[int64]gateEntry{}
	foundTags := map[int64][]uint32{}
	err := g.read(ctx, "SELECT "+gateColumns+" FROM articles WHERE id"+in, gateTags+" AND at.article_id"+in+" ORDER BY at.article_id", []any{jsonText(ids)},
		func(id int64, e gateEntry, tags []uint32) {
			found[id], foundTags[id] = e, tags
		})
	if err != nil {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, id := range ids {
		if id >= 0 && id < searchKeyIDs {
			// A deleted article gets the zero entry.
			g.pages = setGateEntry(g.pages, id, found[id], foundTags[id], &g.waste)
		}
	}
	if g.waste > gateWasteMax {
		g.dirtyMu.Lock()
		g.all = true
		g.dirtyMu.Unlock()
	}
	return nil
}

// read calls each for every article the two queries name (gateColumns, then gateTags in
// article order, both with args), with its entry and its interned tag keys.
func (g *searchGate) read(ctx context.Context, articles, tags string, args []any, each func(id int64, e gateEntry, tags []uint32)) error {
	entries := map[int64]gateEntry{}
	var order []int64
	rows, err := g.store.db.QueryContext(ctx, articles, args...)
	if err != nil {
		return fmt.Errorf("search gate: %w", err)
	}
	for rows.Next() {
		id, e, err := scanGate(rows, g.intern)
		if err != nil {
			rows.Close()
			return err
		}
		if id >= 0 && id < searchKeyIDs { // else no search key names it (migration 0015)
			entries[id] = e
			order = append(order, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search gate: %w", err)
	}
	byArticle := map[int64][]uint32{}
	if rows, err = g.store.db.QueryContext(ctx, tags, args...); err != nil {
		return fmt.Errorf("search gate tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var key sql.RawBytes
		if err := rows.Scan(&id, &key); err != nil {
			return fmt.Errorf("search gate tags: %w", err)
		}
		if _, ok := entries[id]; ok {
			byArticle[id] = append(byArticle[id], g.intern(key))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search gate tags: %w", err)
	}
	for _, id := range order {
		each(id, entries[id], byArticle[id])
	}
	return nil
}

// scanGate reads a row of gateColumns, interning its names with intern.
func scanGate(rows *sql.Rows, intern func([]byte) uint32) (int64, gateEntry, error) {
	var id int64
	var hidden bool
	var publish, expiry *int64
	var lang, section sql.RawBytes
	if err := rows.Scan(&id, &hidden, &publish, &expiry, &lang, &section); err != nil {
		return 0, gateEntry{}, fmt.Errorf("search gate: %w", err)
	}
	e := gateEntry{from: math.MinInt64, until: math.MaxInt64, lang: intern(lang), sect: intern(section)}
	switch {
	case hidden:
		e.from = math.MaxInt64
	case publish != nil:
		e.from = *publish
	}
	if expiry != nil {
		e.until = *expiry
	}
	return id, e, nil
}

// gateNames numbers the languages, sections and tag keys the gate holds; 0 is "".
type gateNames struct {
	names []string
	ids   map[string]uint32
}

func newGateNames() gateNames { return gateNames{names: []string{""}, ids: map[string]uint32{"": 0}} }

// intern is name's number, adding it when new.
func (n *gateNames) intern(name []byte) uint32 {
	if id, ok := n.ids[string(name)]; ok {
		return id
	}
	id := uint32(len(n.names))
	n.names = append(n.names, string(name))
	n.ids[string(name)] = id
	return id
}

// intern is gateNames.intern for a reread, under the gate's lock: searches read the names.
func (g *searchGate) intern(name []byte) uint32 {
	g.mu.RLock()
	id, ok := g.ids[string(name)]
	g.mu.RUnlock()
	if ok {
		return id
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.gateNames.intern(name)
}

// setGateEntry sets an article's entry and tags; waste, when given, counts the tag slots an
// entry leaves behind when its tags no longer fit where they were.
func setGateEntry(pages []*gatePage, id int64, e gateEntry, tags []uint32, waste *int) []*gatePage {
	p := int(id >> gatePageBits)
	for len(pages) <= p {
		pages = append(pages, nil)
	}
	if pages[p] == nil {
		if e == (gateEntry{}) {
			return pages
		}
		pages[p] = &gatePage{}
	}
	page := pages[p]
	old := &page.entries[id&gatePageMask]
	e.tagAt, e.tagN = old.tagAt, uint32(len(tags))
	if len(tags) > int(old.tagN) {
		if waste != nil {
			*waste += int(old.tagN)
		}
		e.tagAt = uint32(len(page.tags))
		page.tags = append(page.tags, tags...)
	} else {
		copy(page.tags[e.tagAt:], tags)
	}
	*old = e
	return pages
}

// pass reports whether the article a search key names is published at the filter's clock
// and in its language and section, and gives its section.
func (g *searchGate) pass(key int64, f gateFilter) (section string, ok bool) {
	id := key & (searchKeyIDs - 1)
	g.mu.RLock()
	defer g.mu.RUnlock()
	p := int(id >> gatePageBits)
	if p >= len(g.pages) || g.pages[p] == nil {
		return "", false
	}
	e := g.pages[p].entries[id&gatePageMask]
	if e.from > f.now || f.now >= e.until {
		return "", false
	}
	if (f.lang != anyName && e.lang != f.lang) || (f.sect != anyName && e.sect != f.sect) {
		return "", false
	}
	return g.names[e.sect], true
}

// countTags adds one to counts[tag key] for each tag of each article the keys name.
func (g *searchGate) countTags(keys []int64, counts map[string]int) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	for _, key := range keys {
		id := key & (searchKeyIDs - 1)
		p := int(id >> gatePageBits)
		if p >= len(g.pages) || g.pages[p] == nil {
			continue
		}
		page := g.pages[p]
		e := page.entries[id&gatePageMask]
		for _, tag := range page.tags[e.tagAt : e.tagAt+e.tagN] {
			counts[g.names[tag]]++
		}
	}
}
