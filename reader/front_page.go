package reader

import (
	"context"
	"strings"
	"time"

	"gazette/data"
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

// NewsroomLayout reports whether the site's home and section pages lead with their stories.
func NewsroomLayout(params map[string]any) bool {
	return strings.EqualFold(ParamString(params, "frontpage"), "newsroom")
}

// breakingNews is the banner while it has not expired, and when it expires (zero = never).
func breakingNews(params map[string]any, now time.Time) (*views.Breaking, time.Time) {
	text := strings.TrimSpace(ParamString(params, "breaking", "text"))
	if text == "" {
		return nil, time.Time{}
	}
	var until time.Time
	if s := ParamString(params, "breaking", "until"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil || !t.After(now) {
			return nil, time.Time{} // an unreadable expiry is treated as passed: never stuck on
		}
		until = t
	}
	u := ParamString(params, "breaking", "url")
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
func (st *State) planFront(ctx context.Context, l Listing, first []data.Article) (frontPlan, error) {
	plan := frontPlan{shown: map[int64]bool{}}
	placed, err := st.model.store.Placements(ctx, l.Lang)
	if err != nil {
		return plan, err
	}
	home := l.Kind == HomeListing
	for _, p := range placed {
		inScope := home || p.Section == l.Section
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
		featured := (home && p.Featured) || (!home && p.SectionFeatured && p.Section == l.Section)
		if featured && !plan.shown[p.ID] && len(plan.featured) < featuredOnFront {
			plan.featured = append(plan.featured, p.ID)
			plan.shown[p.ID] = true
		}
	}
	if !home {
		return plan, nil
	}
	sections, _ := ParamStrings(st.Settings.Params, "frontsections")
	for _, sec := range sections {
		list, _, err := st.model.store.ListPublished(ctx, data.ListQuery{Lang: l.Lang, Section: sec, Limit: storiesPerSection + len(plan.shown)})
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
func (st *State) frontTop(ctx context.Context, l Listing, list []data.Article) (*views.FrontPage, []data.Article, error) {
	plan, err := st.planFront(ctx, l, list)
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
	arts, err := st.model.store.ListItems(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	items, err := st.newsroomItems(ctx, arts)
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
		block := views.SectionBlock{Name: Capitalize(b.name), URL: Listing{Kind: SectionListing, LangPrefix: l.LangPrefix, Section: b.name}.URL(1)}
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
func (st *State) newsroomItems(ctx context.Context, arts []data.Article) ([]views.ListItem, error) {
	thumbs := make([]string, len(arts))
	ids := make([]int64, len(arts))
	for i := range arts {
		thumbs[i], ids[i] = arts[i].Thumbnail, arts[i].ID
	}
	uploads, err := ThumbnailUploads(ctx, st.model.store, thumbs...)
	if err != nil {
		return nil, err
	}
	items := make([]views.ListItem, len(arts))
	for i := range arts {
		items[i] = st.listItem(&arts[i], uploads)
	}
	return items, st.labelItems(ctx, items)
}

// labelItems sets the labels and bylines of a newsroom list's items.
func (st *State) labelItems(ctx context.Context, items []views.ListItem) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].Article.ID
	}
	lang := items[0].Article.Lang
	placed, err := st.model.store.Placements(ctx, lang)
	if err != nil {
		return err
	}
	featured := map[int64]bool{}
	for _, p := range placed {
		featured[p.ID] = p.Featured || p.SectionFeatured
	}
	notes, err := st.model.store.LatestNotes(ctx, ids)
	if err != nil {
		return err
	}
	profiles, err := st.authorProfiles(ctx)
	if err != nil {
		return err
	}
	for i := range items {
		a := items[i].Article
		_, noted := notes[a.ID]
		items[i].Featured, items[i].Updated = featured[a.ID], noted
		items[i].Authors = st.bylineLinks(a, profiles)
		if len(items[i].Authors) > 0 {
			items[i].Meta.Author = ""
		}
	}
	return nil
}

// NewsroomList lays the newsroom layout over a list page: page 1 of the home and section
// pages leads with its stories (and the items shown there leave the list), an author's page
// shows the profile. It returns the page's dependency keys (bylines follow the profiles) and
// when the breaking-news banner it shows expires (zero: no banner, or one without an end), so
// that a page whose banner expires soon is kept out of every cache.
func (st *State) NewsroomList(ctx context.Context, l Listing, n int, v *views.ListPage, list *[]data.Article) (keys []string, bannerUntil time.Time, err error) {
	keys = l.Keys()
	if v.Author, err = st.authorPageProfile(ctx, l); err != nil {
		return nil, time.Time{}, err
	}
	if !NewsroomLayout(st.Settings.Params) {
		return keys, time.Time{}, nil
	}
	keys = append(keys, "authors")
	if n != 1 || (l.Kind != HomeListing && l.Kind != SectionListing) {
		return keys, time.Time{}, nil
	}
	if v.Front, *list, err = st.frontTop(ctx, l, *list); err != nil {
		return nil, time.Time{}, err
	}
	breaking, until := breakingNews(st.Settings.Params, st.model.store.Now())
	if breaking == nil || l.Kind != HomeListing {
		return keys, time.Time{}, nil
	}
	if v.Front == nil {
		v.Front = &views.FrontPage{}
	}
	v.Front.Breaking = breaking
	return keys, until, nil
}
