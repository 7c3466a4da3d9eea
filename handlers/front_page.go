package handlers

import (
	"context"
	"strings"
	"time"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// The newsroom layout (issue 17) is chosen in the desk's front-page settings, written into the
// site's params like every other desk setting: `frontpage = "newsroom"`, the section blocks in
// `frontsections`, the breaking-news banner in `breaking` (text, url, until). Imported sites
// have none of these, so they keep Mainroad's plain list until an editor opts in.

const (
	featuredOnFront   = 4 // featured stories under the lead
	storiesPerSection = 4 // stories in each section block
)

// newsroomLayout reports whether the site's home and section pages lead with their stories.
func newsroomLayout(params map[string]any) bool {
	return strings.EqualFold(reader.ParamString(params, "frontpage"), "newsroom")
}

// breakingNews is the banner while it has not expired, and when it expires (zero = never).
func breakingNews(params map[string]any, now time.Time) (*views.Breaking, time.Time) {
	text := strings.TrimSpace(reader.ParamString(params, "breaking", "text"))
	if text == "" {
		return nil, time.Time{}
	}
	var until time.Time
	if s := reader.ParamString(params, "breaking", "until"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil || !t.After(now) {
			return nil, time.Time{} // an unreadable expiry is treated as passed: never stuck on
		}
		until = t
	}
	u := reader.ParamString(params, "breaking", "url")
	if !strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		u = ""
	}
	return &views.Breaking{Text: text, URL: u}, until
}

// frontPlan is what a list page's first page leads with, before its items are built.
type frontPlan struct {
	lead     int64
	featured []int64
	sections []sectionPlan
	shown    map[int64]bool
}

type sectionPlan struct {
	name string
	ids  []int64
}

// planFront picks the lead, featured stories and section blocks of a home or section page:
// the newest story flagged lead (else the list's first), the newest flagged featured, and
// each chosen section's newest stories not shown above.
func (s *site) planFront(ctx context.Context, st *reader.State, l listSpec, first []data.Article) (frontPlan, error) {
	plan := frontPlan{shown: map[int64]bool{}}
	placed, err := s.store.Placements(ctx, l.lang)
	if err != nil {
		return plan, err
	}
	home := l.kind == listHome
	for _, p := range placed {
		inScope := home || p.Section == l.section
		lead := (home && p.Lead) || (!home && p.SectionLead && inScope)
		if lead && plan.lead == 0 {
			plan.lead = p.ID
		}
	}
	if plan.lead == 0 && len(first) > 0 {
		plan.lead = first[0].ID
	}
	plan.shown[plan.lead] = true
	for _, p := range placed {
		featured := (home && p.Featured) || (!home && p.SectionFeatured && p.Section == l.section)
		if featured && !plan.shown[p.ID] && len(plan.featured) < featuredOnFront {
			plan.featured = append(plan.featured, p.ID)
			plan.shown[p.ID] = true
		}
	}
	if !home {
		return plan, nil
	}
	sections, _ := reader.ParamStrings(st.Settings.Params, "frontsections")
	for _, sec := range sections {
		list, _, err := s.store.ListPublished(ctx, data.ListQuery{Lang: l.lang, Section: sec, Limit: storiesPerSection + len(plan.shown)})
		if err != nil {
			return plan, err
		}
		block := sectionPlan{name: sec}
		for _, a := range list {
			if !plan.shown[a.ID] && len(block.ids) < storiesPerSection {
				block.ids = append(block.ids, a.ID)
				plan.shown[a.ID] = true
			}
		}
		if len(block.ids) > 0 {
			plan.sections = append(plan.sections, block)
		}
	}
	return plan, nil
}

// frontTop builds the newsroom top of page 1 of a home or section list and returns the page's
// own items without the stories shown above them.
func (s *site) frontTop(ctx context.Context, st *reader.State, l listSpec, list []data.Article) (*views.FrontPage, []data.Article, error) {
	plan, err := s.planFront(ctx, st, l, list)
	if err != nil {
		return nil, nil, err
	}
	ids := append([]int64{}, plan.featured...)
	if plan.lead != 0 {
		ids = append(ids, plan.lead)
	}
	for _, b := range plan.sections {
		ids = append(ids, b.ids...)
	}
	arts, err := s.store.ListItems(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	items, err := s.newsroomItems(ctx, st, arts)
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64]views.ListItem{}
	for i, a := range arts {
		byID[a.ID] = items[i]
	}
	front := &views.FrontPage{}
	if it, ok := byID[plan.lead]; ok {
		front.Lead = &it
	}
	for _, id := range plan.featured {
		if it, ok := byID[id]; ok {
			front.Featured = append(front.Featured, it)
		}
	}
	for _, b := range plan.sections {
		block := views.SectionBlock{Name: capitalize(b.name), URL: listSpec{kind: listSection, prefix: l.prefix, section: b.name}.url(1)}
		for _, id := range b.ids {
			if it, ok := byID[id]; ok {
				block.Items = append(block.Items, it)
			}
		}
		front.Sections = append(front.Sections, block)
	}
	if front.Lead == nil && len(front.Featured) == 0 && len(front.Sections) == 0 {
		front = nil // nothing published yet: the list says so
	}
	rest := list[:0:0]
	for _, a := range list {
		if !plan.shown[a.ID] {
			rest = append(rest, a)
		}
	}
	return front, rest, nil
}

// newsroomItems are list items with their labels and bylines: "Featured" for a story an editor
// featured, "Updated" for one with a correction or update note.
func (s *site) newsroomItems(ctx context.Context, st *reader.State, arts []data.Article) ([]views.ListItem, error) {
	thumbs := make([]string, len(arts))
	ids := make([]int64, len(arts))
	for i := range arts {
		thumbs[i], ids[i] = arts[i].Thumbnail, arts[i].ID
	}
	uploads, err := reader.ThumbnailUploads(ctx, s.store, thumbs...)
	if err != nil {
		return nil, err
	}
	items := make([]views.ListItem, len(arts))
	for i := range arts {
		items[i] = s.listItem(st, &arts[i], uploads)
	}
	return items, s.labelItems(ctx, st, items)
}

// labelItems sets the labels and bylines of a newsroom list's items.
func (s *site) labelItems(ctx context.Context, st *reader.State, items []views.ListItem) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].Article.ID
	}
	lang := items[0].Article.Lang
	placed, err := s.store.Placements(ctx, lang)
	if err != nil {
		return err
	}
	featured := map[int64]bool{}
	for _, p := range placed {
		featured[p.ID] = p.Featured || p.SectionFeatured
	}
	notes, err := s.store.LatestNotes(ctx, ids)
	if err != nil {
		return err
	}
	profiles, err := s.authorProfiles(ctx)
	if err != nil {
		return err
	}
	for i := range items {
		a := items[i].Article
		_, noted := notes[a.ID]
		items[i].Featured, items[i].Updated = featured[a.ID], noted
		items[i].Authors = s.bylineLinks(st, a, profiles)
		if len(items[i].Authors) > 0 {
			items[i].Meta.Author = ""
		}
	}
	return nil
}

// newsroomList lays the newsroom layout over a list page: page 1 of the home and section
// pages leads with its stories (and the items shown there leave the list), an author's page
// shows the profile. It returns the page's cache policy and dependency keys: a banner that
// expires soon keeps the page out of every cache, and bylines follow the profiles.
func (s *site) newsroomList(ctx context.Context, st *reader.State, l listSpec, n int, v *views.ListPage, list *[]data.Article) (cachePolicy, []string, error) {
	keys := l.keys()
	var err error
	if v.Author, err = s.authorPageProfile(ctx, l); err != nil {
		return cachePublic, nil, err
	}
	if !newsroomLayout(st.Settings.Params) {
		return cachePublic, keys, nil
	}
	keys = append(keys, "authors")
	if n != 1 || (l.kind != listHome && l.kind != listSection) {
		return cachePublic, keys, nil
	}
	if v.Front, *list, err = s.frontTop(ctx, st, l, *list); err != nil {
		return cachePublic, nil, err
	}
	now := s.store.Now()
	breaking, until := breakingNews(st.Settings.Params, now)
	if breaking == nil || l.kind != listHome {
		return cachePublic, keys, nil
	}
	if v.Front == nil {
		v.Front = &views.FrontPage{}
	}
	v.Front.Breaking = breaking
	return expiringCache(until, now), keys, nil
}
