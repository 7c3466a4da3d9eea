package handlers

import (
	"net/http"
	"strconv"
	"time"
)

// cachePolicy says who may keep a response and for how long: every response's Cache-Control
// is one of these, set through set.
type cachePolicy string

const (
	// cachePublic lets browsers and shared caches keep a page briefly, then revalidate with
	// the ETag; an edit shows within a minute even behind a CDN.
	cachePublic cachePolicy = "public, max-age=60, stale-while-revalidate=30"
	// cacheRevalidate lets caches keep an article page with a discussion but makes them ask
	// again (with its ETag) on every view, so a new comment shows at once; the server's own
	// response cache moves to a new generation on every comment write, so the answer is cheap.
	cacheRevalidate cachePolicy = "public, no-cache"
	// cacheDay is for the imported site's own files and bundle files, which change only at an
	// import, under the same URL.
	cacheDay cachePolicy = "public, max-age=86400"
	// cacheImmutable is for files whose name changes with their content (hashed assets, the
	// accent stylesheet, uploads): kept for a year, never asked for again.
	cacheImmutable cachePolicy = "public, max-age=31536000, immutable"
	// cacheNone is for anything personal or secret.
	cacheNone cachePolicy = "no-store"
	// cacheEditor is every response to a signed-in editor: no cache keeps it, shared or not.
	cacheEditor cachePolicy = "private, no-store"
)

// expiringCache is the cache policy of a page that shows something until a moment: kept as
// usual while that is far off, but kept by no cache in the last stretch before it, so it
// disappears on time (the response cache keeps a page up to cacheTTL).
func expiringCache(until, now time.Time) cachePolicy {
	if until.IsZero() || until.Sub(now) > cacheTTL {
		return cachePublic
	}
	secs := max(int(until.Sub(now).Seconds()), 0)
	return cachePolicy("private, max-age=" + strconv.Itoa(min(secs, 60)))
}

// set writes the policy as the response's Cache-Control.
func (c cachePolicy) set(h http.Header) { h.Set("Cache-Control", string(c)) }
