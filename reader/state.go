package reader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/static"
	"gazette/views"
)

// ThemePrefix is where the stylesheet of the site's highlight colour is served, under a name
// that changes with its content.
const ThemePrefix = "/_theme/"

// Model is the reader side's shared state: the store and what every page derives from it
// beyond one article. One Model serves every handler: one settings reader, one State per
// store generation.
type Model struct {
	store  *data.Store
	media  *data.MediaDir
	assets *static.Assets
	log    *slog.Logger

	stateMu    sync.Mutex
	cur        *State
	hardGen    atomic.Uint64 // the generation of the last settings or menu change
	rebuilding chan struct{} // closed when the background rebuild in progress is done
}

// New returns the reader model of a store; it follows the store's changes from then on.
func New(store *data.Store, media *data.MediaDir, assets *static.Assets, log *slog.Logger) *Model {
	m := &Model{store: store, media: media, assets: assets, log: log}
	store.Changes().Subscribe(m.noteChanges)
	return m
}

// Settings reads the site settings; a broken settings row must not take the site down, so the
// defaults stand in and the problem is logged.
func (m *Model) Settings(ctx context.Context) data.SiteSettings {
	set, err := m.store.SiteSettings(ctx)
	if err != nil {
		if ctx.Err() == nil { // a reader who left is no fault of the settings
			m.log.Error("site settings", "err", err)
		}
		return data.DefaultSiteSettings()
	}
	return set
}

// State is what reader pages derive from the settings and the store beyond one article: the
// chrome, the menus and the widgets' lists. It is built once per store generation, so a page
// costs its own queries only, and is replaced as soon as anything a reader sees changes.
// Its values are shared by every page of the generation: callers must not modify them.
type State struct {
	Gen      uint64
	Settings data.SiteSettings
	Security data.SecuritySettings
	// Menus are the site menus ("main", "footer", "side") per language, Hugo's [menu] entries
	// merged with the articles that named a menu in their front matter.
	Menus     map[string]map[string][]views.MenuItem
	MainTypes []string // Hugo's mainSections: the types home pages and the recent widget list
	ThemeCSS  string   // the highlight colour as a stylesheet; "" = the default colour
	ThemeURL  string
	LogoImage string    // the logo's URL, "" when the site names one it does not have
	Modified  time.Time // when this generation was first seen: Last-Modified of pages with no date of their own

	Chrome Chrome // the logo's size and whether the site has a favicon

	model          *Model
	mu             sync.Mutex
	perLang        map[string]*Lists
	unknownWidgets map[string]bool
	sidebars       map[string]string // rendered sidebars shared by pages (widgets.go)
}

// Fallback is the state of the default settings, for a page (an error page) that must go out
// when the store cannot give one.
func (m *Model) Fallback() *State {
	return &State{Settings: data.DefaultSiteSettings(), perLang: map[string]*Lists{}, model: m}
}

// Lists are one language's widget lists and the names its URLs may hold, built on first use.
type Lists struct {
	Recent     []views.WidgetLink
	Categories []data.Term
	TopTags    []data.Term
	TagCount   int
	CatCount   int
	Sections   map[string]string // a section's URL segment (lower case, as Hugo writes it) → its name
	Taxonomies map[string]bool
}

// stateWait is how long a reader waits for the reader state to catch up with a change before
// the previous state (widget lists a change old) serves the page: long enough that a small
// site always shows the new lists, short enough that a 100,000-article newsroom's readers
// never wait seconds for its taxonomy counts after a publish.
const stateWait = 300 * time.Millisecond

// Current returns the state of the store's current generation. The generation is pushed
// by the store's change watcher, so asking costs no query. After a change to settings or menus
// (every page shows them) the state is built before any page renders; after any other change,
// it is rebuilt in the background and a reader waits for it at most stateWait.
func (m *Model) Current(ctx context.Context) (*State, error) {
	w := m.store.Changes()
	if w.Due(m.store.Now()) {
		if err := w.Sync(ctx); err != nil {
			m.log.Error("store changes", "err", err)
		}
	}
	gen := w.Generation()
	m.stateMu.Lock()
	cur := m.cur
	if cur != nil && cur.Gen == gen {
		m.stateMu.Unlock()
		return cur, nil
	}
	if cur == nil || m.hardGen.Load() > cur.Gen {
		defer m.stateMu.Unlock()
		st, err := m.buildState(ctx, gen)
		if err != nil {
			return nil, err
		}
		m.cur = st
		return st, nil
	}
	done := m.rebuilding
	if done == nil {
		done = make(chan struct{})
		m.rebuilding = done
		go m.rebuildState(cur, gen, done)
	}
	m.stateMu.Unlock()
	t := time.NewTimer(stateWait)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	case <-ctx.Done():
	}
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	return m.cur, nil
}

// Last is the state last built, without building one (nil before the first): for answers
// that must stay cheap, such as refusing a search under load.
func (m *Model) Last() *State {
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	return m.cur
}

// rebuildState builds the state of generation gen with the widget lists of every language the
// old one had served, then puts it in place.
func (m *Model) rebuildState(old *State, gen uint64, done chan struct{}) {
	defer close(done)
	ctx := context.Background()
	st, err := m.buildState(ctx, gen)
	if err == nil {
		old.mu.Lock()
		langs := slices.Collect(maps.Keys(old.perLang))
		old.mu.Unlock()
		for _, l := range langs {
			if _, err = st.Lists(ctx, l); err != nil {
				break
			}
		}
	}
	m.stateMu.Lock()
	defer m.stateMu.Unlock()
	m.rebuilding = nil
	if err != nil {
		m.log.Error("reader state", "err", err)
		return
	}
	if m.cur == nil || m.cur.Gen < st.Gen {
		m.cur = st
	}
}

// noteChanges marks settings and menu changes, after which no page may render with the old
// state.
func (m *Model) noteChanges(c data.ChangeSet) {
	for _, k := range c.Keys {
		if k == "*" || k == "menu" {
			// Atomic, not stateMu: the watcher delivers while a state build may hold it.
			m.hardGen.Store(m.store.Changes().Generation())
			return
		}
	}
}

func (m *Model) buildState(ctx context.Context, gen uint64) (*State, error) {
	st := &State{Gen: gen, Settings: m.Settings(ctx), perLang: map[string]*Lists{}, Modified: m.store.Now(), model: m}
	params := st.Settings.Params
	security, err := m.store.SecuritySettings(ctx)
	if err != nil {
		return nil, err
	}
	st.Security = security
	refs, err := m.store.MenuArticles(ctx)
	if err != nil {
		return nil, err
	}
	st.Menus = Menus(st.Settings, refs)
	if types, ok := ParamStrings(params, "mainSections"); ok && len(types) > 0 {
		st.MainTypes = types
	} else {
		// Hugo's default: the section with the most pages.
		secs, err := m.store.Sections(ctx, st.Settings.DefaultLanguage)
		if err != nil {
			return nil, err
		}
		if len(secs) > 0 {
			st.MainTypes = []string{secs[0].Type}
		}
	}
	st.LogoImage = m.logoURL(ctx, ParamString(params, "logo", "image"))
	if st.Chrome, err = m.loadChrome(ctx, st.LogoImage); err != nil {
		return nil, err
	}
	if css, ok := accentStylesheet(ParamString(params, "style", "vars", "highlightColor")); ok {
		st.ThemeCSS = css
		sum := sha256.Sum256([]byte(st.ThemeCSS))
		st.ThemeURL = ThemePrefix + hex.EncodeToString(sum[:])[:10] + ".css"
	}
	return st, nil
}

// Lists returns one language's widget lists, querying the store the first time they are asked
// for in this generation.
func (st *State) Lists(ctx context.Context, lang string) (*Lists, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if ls, ok := st.perLang[lang]; ok {
		return ls, nil
	}
	store := st.model.store
	ls := &Lists{Sections: map[string]string{}, Taxonomies: map[string]bool{}}
	params := st.Settings.Params
	recentNum := 5
	if n, ok := ParamInt(params, "widgets", "recent_num"); ok && n > 0 {
		recentNum = min(n, 50)
	}
	recent, _, err := store.ListPublished(ctx, data.ListQuery{Lang: lang, Types: st.MainTypes, Limit: recentNum})
	if err != nil {
		return nil, err
	}
	for i := range recent {
		ls.Recent = append(ls.Recent, views.WidgetLink{Name: TitleOrPath(&recent[i]), URL: ArticleURL(&recent[i])})
	}
	limit := widgetTermLimit(params)
	if ls.Categories, err = store.TermCounts(ctx, lang, "categories"); err != nil {
		return nil, err
	}
	ls.CatCount = len(ls.Categories)
	if len(ls.Categories) > limit {
		ls.Categories = ls.Categories[:limit]
	}
	tags, err := store.TermCounts(ctx, lang, "tags")
	if err != nil {
		return nil, err
	}
	ls.TagCount = len(tags)
	if len(tags) > limit {
		// Real sites have thousands of tags: the widget shows the most used ones, by name.
		top := slices.Clone(tags)
		sort.SliceStable(top, func(i, j int) bool { return top[i].Count > top[j].Count })
		top = top[:limit]
		sort.SliceStable(top, func(i, j int) bool { return strings.ToLower(top[i].Name) < strings.ToLower(top[j].Name) })
		tags = top
	}
	ls.TopTags = tags
	secs, err := store.Sections(ctx, lang)
	if err != nil {
		return nil, err
	}
	for _, sec := range secs {
		ls.Sections[content.MakePathSanitized(sec.Section)] = sec.Section
	}
	taxes, err := store.Taxonomies(ctx, lang)
	if err != nil {
		return nil, err
	}
	for _, t := range taxes {
		ls.Taxonomies[t] = true
	}
	st.perLang[lang] = ls
	return ls, nil
}

// widgetTermLimit caps the taglist and categories widgets (params.widgets.tags_limit, 45 by
// default as WordPress does).
func widgetTermLimit(params map[string]any) int {
	if n, ok := ParamInt(params, "widgets", "tags_limit"); ok && n > 0 {
		return n
	}
	return 45
}

// LangPrefix is a language's URL prefix: "" for the default language, "/<code>" otherwise.
func (st *State) LangPrefix(lang string) string {
	if lang == "" || lang == st.Settings.DefaultLanguage {
		return ""
	}
	return "/" + lang
}

// IsLanguage reports whether code is one of the site's non-default languages.
func (st *State) IsLanguage(code string) bool {
	if code == st.Settings.DefaultLanguage {
		return false
	}
	for _, l := range st.Settings.Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// logoURL is the logo image's URL when readers can load it: an absolute URL, an upload, or a
// file of the imported site's static folder. A logo the import did not bring (Hugo sites
// often keep theirs in a theme) would show as a broken image, so the site title stands alone.
func (m *Model) logoURL(ctx context.Context, img string) string {
	if img == "" {
		return ""
	}
	u := SiteRelative(img)
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") || strings.HasPrefix(u, "/media/") {
		return u
	}
	if _, err := m.store.SiteFileAt(ctx, u); err != nil {
		return ""
	}
	return u
}
