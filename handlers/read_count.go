package handlers

import (
	"net/http"
	"strings"
)

// ReadCounter counts a page view of path from a referring host ("" = none given). It is
// called on the serving path before any cache, so it must be quick: reads.Counter is a
// sharded map that allocates nothing for a pair it has seen.
type ReadCounter interface {
	Count(path, referrer string)
}

// countReads counts readers' page views, cache hits included, before the response cache
// answers. Which path is an article is decided when the counts are written, not here. Not
// counted: HEAD and other methods, editors (their session cookie), robots that say so, and
// the paths that are never pages.
func countReads(c ReadCounter, next http.Handler) http.Handler {
	if c == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && countablePath(r.URL.Path) && !isEditorOrRobot(r) {
			c.Count(r.URL.Path, referrerHost(r))
		}
		next.ServeHTTP(w, r)
	})
}

// countablePath keeps the paths routeKind calls pages or feeds: the same one list of what is
// never a reader's page (the desk, assets, media, comments, search, health checks).
func countablePath(p string) bool {
	k := routeKind(p)
	return k == "page" || k == "feed"
}

// isEditorOrRobot tells editors (who check their own pages) and self-declared robots apart
// from readers, without allocating.
func isEditorOrRobot(r *http.Request) bool {
	for _, c := range r.Header["Cookie"] {
		if strings.Contains(c, sessionCookie+"=") {
			return true
		}
	}
	ua := firstHeader(r.Header, "User-Agent")
	for _, s := range []string{"bot", "Bot", "crawl", "Crawl", "spider", "Spider", "Lighthouse", "HeadlessChrome"} {
		if strings.Contains(ua, s) {
			return true
		}
	}
	return ua == ""
}

// referrerHost is the host of the Referer header, or "" when there is none, it is this site
// itself (a reader moving between pages), or it is not an http(s) URL. It is a slice of the
// header, never a copy.
func referrerHost(r *http.Request) string {
	ref := r.Header.Get("Referer")
	rest, ok := strings.CutPrefix(ref, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(ref, "http://"); !ok {
			return ""
		}
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.EqualFold(rest, r.Host) {
		return ""
	}
	return rest
}
