package handlers

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/ratelimit"
	"gazette/reader"
)

// maxSuggestInput is as much of a typed prefix as suggestions look at.
const maxSuggestInput = 200

// suggestion is one entry of /search/suggest's JSON.
type suggestion struct {
	Kind  string `json:"kind"` // "article" or "tag"
	Title string `json:"title"`
	URL   string `json:"url"`
}

// handleSearchSuggest serves /search/suggest?q=[&lang=]: JSON titles and tags that start with
// what a reader is typing, for the search fields' suggestion list (static/files/search-suggest.js).
// Searching never needs it: the forms submit to /search without script.
func handleSearchSuggest(s *site) http.Handler {
	// Suggestions cost a fraction of a search, and a reader sends one per pause in typing.
	perAddress := ratelimit.New(s.store.Now, 100*time.Millisecond, 100)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := strings.ToValidUTF8(r.URL.Query().Get("q"), "")
		if len(q) > maxSuggestInput {
			q = strings.ToValidUTF8(q[:maxSuggestInput], "")
		}
		q = strings.TrimSpace(q)
		if q != "" && !perAddress.Allow(clientIP(r)) {
			w.Header().Set("Retry-After", "5")
			writeSuggestions(w, http.StatusTooManyRequests, cacheNone, q, nil)
			return
		}
		ctx := r.Context()
		st, err := s.model.Current(ctx)
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		sq := data.SuggestQuery{Text: q, TagKey: content.Urlize(q), Limit: 8}
		if lang := r.URL.Query().Get("lang"); knownLanguage(st.Settings, lang) {
			sq.Lang = lang
		}
		found, err := s.store.Suggest(ctx, sq)
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		out := make([]suggestion, 0, len(found))
		for _, f := range found {
			if f.Tag {
				out = append(out, suggestion{Kind: "tag", Title: f.Title, URL: reader.TermURL(st.LangPrefix(f.Lang), "tags", f.Key)})
			} else {
				out = append(out, suggestion{Kind: "article", Title: f.Title, URL: reader.ArticleURL(&data.Article{Permalink: f.Permalink})})
			}
		}
		writeSuggestions(w, http.StatusOK, cachePublic, q, out)
	})
}

func writeSuggestions(w http.ResponseWriter, status int, cache cachePolicy, q string, list []suggestion) {
	if list == nil {
		list = []suggestion{}
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	cache.set(h)
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(struct {
		Query       string       `json:"query"`
		Suggestions []suggestion `json:"suggestions"`
	}{q, list})
}
