package reader

import (
	"context"
	"time"

	"gazette/data"
	"gazette/views"
)

// DiscussionState is what an article's discussion allows at a moment.
type DiscussionState int

const (
	DiscussionOff    DiscussionState = iota // nothing shown, posts refused
	DiscussionHidden                        // an editor hid it: nothing shown, posts refused
	DiscussionClosed                        // comments shown, no form, posts refused
	DiscussionOpen
)

// DiscussionOf decides an article's discussion. The site mode "off" and "closed" win over
// everything (they are the newsroom's switch for the whole site); then the article's own
// `comments` flag (absent = on: the site default); then the editor's per-article switches and
// the auto-close after N days (the article's own number, else the site's; 0 = never). The
// notice is in English, for the desk; readers get theirs from DiscussionIn.
func DiscussionOf(a *data.Article, d data.Discussion, mode string, cs data.CommentSettings, now time.Time) (DiscussionState, string) {
	return DiscussionIn("en", a, d, mode, cs, now)
}

// DiscussionIn is DiscussionOf with the notice in a reader's language.
func DiscussionIn(lang string, a *data.Article, d data.Discussion, mode string, cs data.CommentSettings, now time.Time) (DiscussionState, string) {
	switch {
	case a.ID == 0 || mode == "off" || (a.Comments != nil && !*a.Comments):
		return DiscussionOff, views.T(lang, "discussion_off")
	case d.Hidden:
		return DiscussionHidden, views.T(lang, "discussion_hidden")
	case mode == "closed":
		return DiscussionClosed, views.T(lang, "discussion_site_closed")
	case d.Closed:
		return DiscussionClosed, views.T(lang, "discussion_closed")
	}
	days := cs.CloseAfterDays
	if d.CloseAfterDays != nil {
		days = *d.CloseAfterDays
	}
	if days > 0 {
		from := a.PublishDate
		if from.IsZero() {
			from = a.Date
		}
		if !from.IsZero() && !now.Before(from.AddDate(0, 0, days)) {
			return DiscussionClosed, views.Tf(lang, "discussion_closed_after", "days", views.Tn(lang, "day", days))
		}
	}
	return DiscussionOpen, ""
}

// CommentMode is the mode in effect: "" reads as moderated.
func CommentMode(set data.SiteSettings) string {
	if set.CommentsMode == "" {
		return "moderated"
	}
	return set.CommentsMode
}

// CommentsVisible reports whether readers see an article's comments (published, discussion
// neither off nor hidden).
func (st *State) CommentsVisible(ctx context.Context, a *data.Article) bool {
	now := st.model.store.Now()
	if !a.IsPublished(now) {
		return false
	}
	d, err := st.model.store.Discussion(ctx, a.ID)
	if err != nil {
		return false
	}
	cs, err := st.model.store.CommentSettings(ctx)
	if err != nil {
		return false
	}
	state, _ := DiscussionOf(a, d, CommentMode(st.Settings), cs, now)
	return state == DiscussionOpen || state == DiscussionClosed
}
