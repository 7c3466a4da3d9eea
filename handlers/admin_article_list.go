package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"gazette/content"
	"gazette/data"
	"gazette/editing"
	"gazette/reader"
	"gazette/views"
)

const deskPageSize = 30

// handleArticleList lists articles with status counts, filters, sorting and pages.
func handleArticleList(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f := views.ArticleFilter{Status: q.Get("status"), Lang: q.Get("lang"), Tag: q.Get("tag"), Category: q.Get("category"),
			Author: q.Get("author"), Text: q.Get("q"), Sort: q.Get("sort")}
		if !validStatus(f.Status) {
			f.Status = ""
		}
		page, err := strconv.Atoi(q.Get("page"))
		if err != nil || page < 1 || page > 100000 {
			page = 1
		}
		ctx := r.Context()
		rows, total, err := dk.store.DeskArticles(ctx, data.DeskQuery{Status: data.Status(f.Status), Lang: f.Lang,
			Tag: content.Urlize(f.Tag), Category: content.Urlize(f.Category), Author: content.Urlize(f.Author), Text: f.Text, Sort: f.Sort,
			Limit: deskPageSize, Offset: (page - 1) * deskPageSize})
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		counts, err := dk.store.StatusCounts(ctx)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v := views.ArticleListPage{AdminPage: dk.page(r, "Articles", "articles"), Filter: f, Total: total,
			Languages: dk.settings(ctx).Languages}
		all := 0
		for _, st := range data.Statuses {
			all += counts[st]
		}
		v.Counts = append(v.Counts, views.StatusCount{Status: "all", Count: all - counts[data.StatusTrash], URL: listURL(f, "", 1), Active: f.Status == ""})
		for _, st := range data.Statuses {
			v.Counts = append(v.Counts, views.StatusCount{Status: string(st), Count: counts[st], URL: listURL(f, string(st), 1), Active: f.Status == string(st)})
		}
		loc := editing.SiteLocation(dk.settings(ctx))
		v.TimeZone = editing.ZoneName(loc, dk.store.Now())
		for _, row := range rows {
			a := row.Article
			vr := views.ArticleRow{ID: a.ID, Title: a.Title, Status: string(row.Status), Lang: a.Lang, Section: a.Section, Date: a.Date, Updated: a.UpdatedAt.In(loc)}
			if !a.Date.IsZero() {
				vr.Date = a.Date.In(loc) // shown in the site's zone, as the form reads it
			}
			if row.Status == data.StatusPublished {
				vr.URL = reader.ArticleURL(&a)
			}
			v.Rows = append(v.Rows, vr)
		}
		if page > 1 {
			v.PrevURL = listURL(f, f.Status, page-1)
		}
		if page*deskPageSize < total {
			v.NextURL = listURL(f, f.Status, page+1)
		}
		dk.renderDesk(w, r, http.StatusOK, views.AdminArticleList(v))
	})
}

func validStatus(s string) bool {
	for _, st := range data.Statuses {
		if string(st) == s {
			return true
		}
	}
	return false
}

// listURL is the one URL builder for the desk's list.
func listURL(f views.ArticleFilter, status string, page int) string {
	q := url.Values{}
	for k, v := range map[string]string{"status": status, "lang": f.Lang, "tag": f.Tag, "category": f.Category, "author": f.Author, "q": f.Text, "sort": f.Sort} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/admin/"
	}
	return "/admin/?" + q.Encode()
}

// handleArticleBulk publishes, unpublishes or trashes the ticked articles. Publishing and
// unpublishing go through the same save as the form, so each keeps a revision.
func handleArticleBulk(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, _ := sessionFrom(r.Context())
		action := r.PostForm.Get("action")
		ids := r.PostForm["id"]
		if len(ids) == 0 || len(ids) > 500 || (action != "publish" && action != "unpublish" && action != "trash") {
			dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminMessage(dk.page(r, "Nothing done", "articles"), "Nothing done",
				"Tick one or more articles, then press Publish, Unpublish or Move to trash."))
			return
		}
		for _, s := range ids {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				continue
			}
			if err := dk.bulkOne(r, id, action, sess.Editor.ID); err != nil && !errors.Is(err, data.ErrNotFound) {
				dk.deskError(w, r, err)
				return
			}
		}
		seeOther(w, r, "/admin/?done=bulk")
	})
}

func (dk *desk) bulkOne(r *http.Request, id int64, action string, editorID int64) error {
	if action == "trash" {
		err := dk.store.SetTrashed(r.Context(), id, true)
		if err == nil {
			dk.audit(r, "trash", "article #"+strconv.FormatInt(id, 10), "bulk")
		}
		return err
	}
	a, st, err := dk.loadForDesk(r, id)
	if err != nil || st.Trashed {
		return err
	}
	now := dk.store.Now()
	changed := a
	if action == "unpublish" {
		changed.Draft = true
	} else {
		changed.Draft = false
		if changed.PublishDate.IsZero() || changed.PublishDate.After(now) {
			changed.PublishDate = now
		}
		if changed.Date.IsZero() {
			changed.Date = now
		}
	}
	a, err = editing.AssembleArticle(r.Context(), dk.store, dk.settings(r.Context()), dk.log, &a, &a, editing.PublicationEdits(&changed, &a), a.BodyMarkdown)
	if err != nil {
		return err
	}
	note := map[string]string{"publish": "published", "unpublish": "unpublished"}[action]
	if _, err = dk.store.SaveDeskArticle(r.Context(), &a, st.Version, editorID, note); err == nil {
		dk.audit(r, auditActionOf(note), articleTarget(&a), "bulk")
	}
	return err
}
