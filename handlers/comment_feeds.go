package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/feeds"
	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/reader"
)

// commentFeedSize is how many of the newest approved comments a comments feed carries.
const commentFeedSize = 50

// handleCommentFeed serves the RSS feed of the newest approved comments: one article's (perArticle)
// or the whole site's. Only comments readers can see on the page are in it: never the email,
// never a comment of an unpublished article or of a discussion that is off or hidden.
func handleCommentFeed(rc *readerComments, perArticle bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		st, err := rc.model.Current(ctx)
		if err != nil {
			rc.serveError(w, r, err)
			return
		}
		f := data.CommentFilter{Status: data.CommentApproved, Limit: commentFeedSize}
		root := st.SiteRoot()
		feed := &feeds.Feed{Title: "Comments on " + st.Settings.Title, Link: &feeds.Link{Href: root + "/"}, Description: "The newest comments"}
		if perArticle {
			f.ArticleID, _ = strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
			a, err := rc.store.Article(ctx, f.ArticleID)
			if err == nil && !st.CommentsVisible(r.Context(), &a) {
				err = data.ErrNotFound
			}
			if err != nil {
				rc.serveError(w, r, err)
				return
			}
			feed.Title, feed.Link.Href = "Comments on "+a.Title, root+reader.ArticleURL(&a)
		}
		list, err := rc.store.ListComments(ctx, f)
		if err != nil {
			rc.serveError(w, r, err)
			return
		}
		visible := map[int64]bool{}
		var modified time.Time
		for _, c := range list {
			ok, seen := visible[c.ArticleID]
			if !seen {
				a, err := rc.store.Article(ctx, c.ArticleID)
				ok = err == nil && st.CommentsVisible(r.Context(), &a)
				if err != nil && !errors.Is(err, data.ErrNotFound) {
					rc.serveError(w, r, err)
					return
				}
				visible[c.ArticleID] = ok
			}
			if !ok {
				continue
			}
			link := root + articleURLFromPath(c.ArticlePermalink) + "#" + commentAnchor(c.ID)
			feed.Items = append(feed.Items, &feeds.Item{Title: c.Name + " on " + c.ArticleTitle, Link: &feeds.Link{Href: link},
				Id: link, Author: &feeds.Author{Name: c.Name}, Description: c.BodyHTML, Created: c.CreatedAt, Updated: c.UpdatedAt})
			if c.UpdatedAt.After(modified) {
				modified = c.UpdatedAt
			}
		}
		feed.Updated = modified
		rss := (&feeds.Rss{Feed: feed}).RssFeed()
		rss.Generator = "Gazette"
		body, err := feeds.ToXML(rss)
		if err != nil {
			rc.serveError(w, r, err)
			return
		}
		serveDocument(w, r, "application/rss+xml; charset=utf-8", []byte(body), modified)
	})
}
