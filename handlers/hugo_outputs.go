package handlers

import (
	"net/http"
	"path"
	"strconv"
	"strings"

	"gazette/content"
	"gazette/data"
	"gazette/reader"
)

// serveHugoOutput answers a file Hugo wrote beside a list's or a page's HTML (feed.xml,
// index.json, index.md); data.ErrNotFound when the path names none.
func serveHugoOutput(s *site, w http.ResponseWriter, r *http.Request, st *reader.State, p string) error {
	dir, file := path.Split(p)
	if file == "" {
		return data.ErrNotFound
	}
	if file == "sitemap.xml" && strings.Count(dir, "/") == 2 {
		return serveLanguageSitemap(s, w, r, st, strings.Trim(dir, "/"))
	}
	t, err := s.store.ResolvePath(r.Context(), dir)
	if err != nil || t.IsRedirect {
		l, ok := st.FeedListing(r.Context(), dir)
		if !ok {
			return data.ErrNotFound
		}
		switch content.OutputFile(st.Settings.Hugo, l.Kind.HugoKind(), file) {
		case content.OutputRSS:
			return s.writeFeed(w, r, st, l, feedRSS)
		case content.OutputJSON:
			return s.writeFeed(w, r, st, l, feedJSON)
		}
		return data.ErrNotFound
	}
	if content.OutputFile(st.Settings.Hugo, "page", file) != content.OutputText {
		return data.ErrNotFound
	}
	a, err := s.store.ArticleView(r.Context(), t.ArticleID)
	if err != nil {
		return err
	}
	if !a.IsPublished(s.store.Now()) {
		return data.ErrNotFound
	}
	setKeys(w, "a:"+strconv.FormatInt(a.ID, 10))
	serveDocument(w, r, "text/plain; charset=utf-8", []byte(a.BodyMarkdown), a.UpdatedAt)
	return nil
}
