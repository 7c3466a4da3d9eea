package handlers

import (
	"context"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"gazette/data"
	"gazette/editing"
	"gazette/views"
)

const (
	// readsMinViews is the fewest views a referring domain needs in a period to be named.
	readsMinViews = 5
	// articleReadsDays is the period an article's own figures cover.
	articleReadsDays = 30
)

// handleDashboard shows what waits for an editor and what readers read this week.
func handleDashboard(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		now := dk.store.Now()
		loc := editing.SiteLocation(dk.settings(ctx))
		v := views.DashboardPage{AdminPage: dk.page(r, "Dashboard", "dashboard"), TimeZone: editing.ZoneName(loc, now)}
		v.PendingCount = v.PendingComments
		drafts, n, err := dk.store.DeskArticles(ctx, data.DeskQuery{Status: data.StatusDraft, Limit: 8})
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v.DraftCount = n
		for _, row := range drafts {
			v.Drafts = append(v.Drafts, dashArticle(&row.Article, row.Article.UpdatedAt, loc))
		}
		scheduled, n, err := dk.store.DeskArticles(ctx, data.DeskQuery{Status: data.StatusScheduled, Sort: "date", Limit: 8})
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v.ScheduledCount = n
		for _, row := range scheduled {
			v.Scheduled = append(v.Scheduled, dashArticle(&row.Article, row.Article.PublishDate, loc))
		}
		pending, err := dk.store.ListComments(ctx, data.CommentFilter{Status: data.CommentPending, Limit: 5})
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		for _, c := range pending {
			v.Pending = append(v.Pending, views.DashComment{Name: c.Name, Article: c.ArticleTitle,
				URL: "/admin/comments/" + strconv.FormatInt(c.ID, 10), Excerpt: excerptRunes(c.Body, 120)})
		}
		most, err := dk.store.MostRead(ctx, data.ReadsDay(now.AddDate(0, 0, -6)), 10)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		for _, m := range most {
			v.MostRead = append(v.MostRead, views.DashReads{Title: m.Title, EditURL: "/admin/articles/" + strconv.FormatInt(m.ID, 10), Views: m.Views})
			v.MaxViews, v.WeekViews = max(v.MaxViews, m.Views), v.WeekViews+m.Views
		}
		dk.renderDesk(w, r, http.StatusOK, views.AdminDashboard(v))
	})
}

func dashArticle(a *data.Article, when time.Time, loc *time.Location) views.DashArticle {
	d := views.DashArticle{Title: a.Title, EditURL: "/admin/articles/" + strconv.FormatInt(a.ID, 10)}
	if d.Title == "" {
		d.Title = "(untitled)"
	}
	if !when.IsZero() {
		d.When = when.In(loc).Format("Mon 2 Jan 15:04")
	}
	return d
}

// excerptRunes cuts s to n characters at most, marking the cut.
func excerptRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// articleReads is one article's figures for its form: views per day and referring sites.
func (dk *desk) articleReads(ctx context.Context, id int64) (*views.ArticleReadsView, error) {
	since := data.ReadsDay(dk.store.Now().AddDate(0, 0, -articleReadsDays+1))
	days, err := dk.store.ArticleReadsByDay(ctx, id, since)
	if err != nil {
		return nil, err
	}
	refs, err := dk.store.ArticleReferrers(ctx, id, since, readsMinViews)
	if err != nil {
		return nil, err
	}
	v := &views.ArticleReadsView{Days: articleReadsDays}
	for _, d := range days {
		v.ByDay = append(v.ByDay, views.DayViews{Day: d.Day, Views: d.Views})
		v.Total += d.Views
	}
	for _, d := range refs {
		name := d.Domain
		switch d.Domain {
		case "":
			name = "No referrer (typed, bookmarked, an app, or this site)"
		case data.OtherDomains:
			name = "Other sites (fewer than " + strconv.Itoa(readsMinViews) + " views each)"
		}
		v.Referrers = append(v.Referrers, views.ReferrerViews{Name: name, Views: d.Views})
	}
	return v, nil
}
