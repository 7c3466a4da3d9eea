package handlers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/views"
)

// state is what reader pages derive from the settings and the store beyond one article: the
// chrome, the menus and the widgets' lists. It is built once per store generation, so a page
// costs its own queries only, and is replaced as soon as anything a reader sees changes.
type state struct {
	gen      uint64
	settings data.SiteSettings
	security data.SecuritySettings
	// menus are the site menus ("main", "footer", "side") per language, Hugo's [menu] entries
	// merged with the articles that named a menu in their front matter.
	menus     map[string]map[string][]views.MenuItem
	mainTypes []string // Hugo's mainSections: the types home pages and the recent widget list
	themeCSS  string   // the highlight colour as a stylesheet; "" = the default colour
	themeURL  string
	logoImage string    // the logo's URL, "" when the site names one it does not have
	modified  time.Time // when this generation was first seen: Last-Modified of pages with no date of their own

	chrome siteChrome // the logo's size and whether the site has a favicon

	mu             sync.Mutex
	perLang        map[string]*langState
	unknownWidgets map[string]bool
	sidebars       map[string]string // rendered sidebars shared by pages (widgets.go)
}

// langState holds one language's widget lists, built on first use.
type langState struct {
	recent     []views.WidgetLink
	categories []data.Term
	topTags    []data.Term
	tagCount   int
	catCount   int
	sections   map[string]string // a section's URL segment (lower case, as Hugo writes it) → its name
	taxonomies map[string]bool
}

// stateWait is how long a reader waits for the reader state to catch up with a change before
// the previous state (widget lists a change old) serves the page: long enough that a small
// site always shows the new lists, short enough that a 100,000-article newsroom's readers
// never wait seconds for its taxonomy counts after a publish.
const stateWait = 300 * time.Millisecond

// currentState returns the state of the store's current generation. The generation is pushed
// by the store's change watcher, so asking costs no query. After a change to settings or menus
// (every page shows them) the state is built before any page renders; after any other change,
// it is rebuilt in the background and a reader waits for it at most stateWait.
func (s *site) currentState(ctx context.Context) (*state, error) {
	w := s.store.Changes()
	if w.Due(s.store.Now()) {
		if err := w.Sync(ctx); err != nil {
			s.log.Error("store changes", "err", err)
		}
	}
	gen := w.Generation()
	s.stateMu.Lock()
	cur := s.cur
	if cur != nil && cur.gen == gen {
		s.stateMu.Unlock()
		return cur, nil
	}
	if cur == nil || s.hardGen.Load() > cur.gen {
		defer s.stateMu.Unlock()
		st, err := s.buildState(ctx, gen)
		if err != nil {
			return nil, err
		}
		s.cur = st
		return st, nil
	}
	done := s.rebuilding
	if done == nil {
		done = make(chan struct{})
		s.rebuilding = done
		go s.rebuildState(cur, gen, done)
	}
	s.stateMu.Unlock()
	t := time.NewTimer(stateWait)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	case <-ctx.Done():
	}
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	return s.cur, nil
}

// rebuildState builds the state of generation gen with the widget lists of every language the
// old one had served, then puts it in place.
func (s *site) rebuildState(old *state, gen uint64, done chan struct{}) {
	defer close(done)
	ctx := context.Background()
	st, err := s.buildState(ctx, gen)
	if err == nil {
		old.mu.Lock()
		langs := slices.Collect(maps.Keys(old.perLang))
		old.mu.Unlock()
		for _, l := range langs {
			if _, err = st.lang(ctx, s, l); err != nil {
				break
			}
		}
	}
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	s.rebuilding = nil
	if err != nil {
		s.log.Error("reader state", "err", err)
		return
	}
	if s.cur == nil || s.cur.gen < st.gen {
		s.cur = st
	}
}

// noteChanges marks settings and menu changes, after which no page may render with the old
// state.
func (s *site) noteChanges(c data.ChangeSet) {
	for _, k := range c.Keys {
		if k == "*" || k == "menu" {
			// Atomic, not stateMu: the watcher delivers while a state build may hold it.
			s.hardGen.Store(s.store.Changes().Generation())
			return
		}
	}
}

func (s *site) buildState(ctx context.Context, gen uint64) (*state, error) {
	st := &state{gen: gen, settings: s.settings(ctx), perLang: map[string]*langState{}, modified: s.store.Now()}
	params := st.settings.Params
	security, err := s.store.SecuritySettings(ctx)
	if err != nil {
		return nil, err
	}
	st.security = security
	refs, err := s.store.MenuArticles(ctx)
	if err != nil {
		return nil, err
	}
	st.menus = buildMenus(st.settings, refs)
	if types, ok := paramStrings(params, "mainSections"); ok && len(types) > 0 {
		st.mainTypes = types
	} else {
		// Hugo's default: the section with the most pages.
		secs, err := s.store.Sections(ctx, st.settings.DefaultLanguage)
		if err != nil {
			return nil, err
		}
		if len(secs) > 0 {
			st.mainTypes = []string{secs[0].Type}
		}
	}
	st.logoImage = s.logoURL(ctx, paramString(params, "logo", "image"))
	if st.chrome, err = s.loadChrome(ctx, st.logoImage); err != nil {
		return nil, err
	}
	if css, ok := accentStylesheet(paramString(params, "style", "vars", "highlightColor")); ok {
		st.themeCSS = css
		sum := sha256.Sum256([]byte(st.themeCSS))
		st.themeURL = themePrefix + hex.EncodeToString(sum[:])[:10] + ".css"
	}
	return st, nil
}

// lang returns one language's widget lists, querying the store the first time they are asked
// for in this generation.
func (st *state) lang(ctx context.Context, s *site, lang string) (*langState, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if ls, ok := st.perLang[lang]; ok {
		return ls, nil
	}
	ls := &langState{sections: map[string]string{}, taxonomies: map[string]bool{}}
	params := st.settings.Params
	recentNum := 5
	if n, ok := paramInt(params, "widgets", "recent_num"); ok && n > 0 {
		recentNum = min(n, 50)
	}
	recent, _, err := s.store.ListPublished(ctx, data.ListQuery{Lang: lang, Types: st.mainTypes, Limit: recentNum})
	if err != nil {
		return nil, err
	}
	for i := range recent {
		ls.recent = append(ls.recent, views.WidgetLink{Name: titleOrPath(&recent[i]), URL: articleURL(&recent[i])})
	}
	limit := widgetTermLimit(params)
	if ls.categories, err = s.store.TermCounts(ctx, lang, "categories"); err != nil {
		return nil, err
	}
	ls.catCount = len(ls.categories)
	if len(ls.categories) > limit {
		ls.categories = ls.categories[:limit]
	}
	tags, err := s.store.TermCounts(ctx, lang, "tags")
	if err != nil {
		return nil, err
	}
	ls.tagCount = len(tags)
	if len(tags) > limit {
		// Real sites have thousands of tags: the widget shows the most used ones, by name.
		top := slices.Clone(tags)
		sort.SliceStable(top, func(i, j int) bool { return top[i].Count > top[j].Count })
		top = top[:limit]
		sort.SliceStable(top, func(i, j int) bool { return strings.ToLower(top[i].Name) < strings.ToLower(top[j].Name) })
		tags = top
	}
	ls.topTags = tags
	secs, err := s.store.Sections(ctx, lang)
	if err != nil {
		return nil, err
	}
	for _, sec := range secs {
		ls.sections[content.MakePathSanitized(sec.Section)] = sec.Section
	}
	taxes, err := s.store.Taxonomies(ctx, lang)
	if err != nil {
		return nil, err
	}
	for _, t := range taxes {
		ls.taxonomies[t] = true
	}
	st.perLang[lang] = ls
	return ls, nil
}

// widgetTermLimit caps the taglist and categories widgets (params.widgets.tags_limit, 45 by
// default as WordPress does).
func widgetTermLimit(params map[string]any) int {
	if n, ok := paramInt(params, "widgets", "tags_limit"); ok && n > 0 {
		return n
	}
	return 45
}

// langPrefix is a language's URL prefix: "" for the default language, "/<code>" otherwise.
func (st *state) langPrefix(lang string) string {
	if lang == "" || lang == st.settings.DefaultLanguage {
		return ""
	}
	return "/" + lang
}

// isLanguage reports whether code is one of the site's non-default languages.
func (st *state) isLanguage(code string) bool {
	if code == st.settings.DefaultLanguage {
		return false
	}
	for _, l := range st.settings.Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

func titleOrPath(a *data.Article) string {
	if a.Title != "" {
		return a.Title
	}
	return a.Permalink
}

// logoURL is the logo image's URL when readers can load it: an absolute URL, an upload, or a
// file of the imported site's static folder. A logo the import did not bring (Hugo sites
// often keep theirs in a theme) would show as a broken image, so the site title stands alone.
func (s *site) logoURL(ctx context.Context, img string) string {
	if img == "" {
		return ""
	}
	u := siteRelative(img)
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") || strings.HasPrefix(u, "/media/") {
		return u
	}
	if _, err := s.store.SiteFileAt(ctx, u); err != nil {
		return ""
	}
	return u
}
