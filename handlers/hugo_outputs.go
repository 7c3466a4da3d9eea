package handlers

import (
	"context"
	"errors"
	"net/http"
	"path"
	"strconv"
	"strings"

	"gazette/data"
	"gazette/reader"
)

// hugoOutput is what a file beside a page's or list's HTML was in the imported Hugo site, as
// its [outputs] and [outputFormats] made it: Gazette answers each with its nearest document,
// so a subscriber's or a search box's URL keeps working.
type hugoOutput int

const (
	outputNone hugoOutput = iota
	outputRSS             // a feed: Gazette's RSS feed of the list
	outputJSON            // a theme's JSON (a search index, an API): Gazette's JSON Feed of the list
	outputText            // plain text of a page (a "MarkDown" format): the article's markdown
)

// hugoFormat is one of Hugo's output formats, as far as Gazette needs it.
type hugoFormat struct {
	mediaType string
	baseName  string
}

// builtinFormats are the formats Hugo 0.111 defines without configuration.
var builtinFormats = map[string]hugoFormat{
	"rss":      {"application/rss+xml", "index"},
	"json":     {"application/json", "index"},
	"calendar": {"text/calendar", "index"},
	"csv":      {"text/csv", "index"},
	"robots":   {"text/plain", "robots"},
	"sitemap":  {"application/xml", "sitemap"},
}

// builtinSuffixes are Hugo 0.111's media types' first suffixes.
var builtinSuffixes = map[string]string{
	"application/rss+xml": "xml", "application/json": "json", "text/calendar": "ics",
	"text/csv": "csv", "text/plain": "txt", "application/xml": "xml", "text/markdown": "md",
}

// hugoListKind is the name Hugo's [outputs] gives a list kind.
func hugoListKind(k reader.ListingKind) string {
	switch k {
	case reader.HomeListing:
		return "home"
	case reader.SectionListing:
		return "section"
	case reader.TaxonomyListing:
		return "taxonomy"
	case reader.TermListing:
		return "term"
	}
	return ""
}

// outputFile reports what the file name stood for at a page of a kind ("page", "home",
// "section", "taxonomy", "term") in the imported site's configuration; outputNone when Hugo
// wrote no such file there.
func outputFile(hugo map[string]any, kind, file string) hugoOutput {
	outputs, _ := hugo["outputs"].(map[string]any)
	var names []any
	if outputs != nil {
		keys := []string{kind}
		if kind == "taxonomy" || kind == "term" {
			// Hugo before 0.73 said taxonomyTerm for /tags/ and taxonomy for /tags/x/; sites
			// still write either.
			keys = []string{"taxonomy", "term", "taxonomyterm"}
		}
		for _, k := range keys {
			if l, ok := outputs[k].([]any); ok {
				names = append(names, l...)
			}
		}
	}
	if names == nil && kind != "page" {
		names = []any{"html", "rss"} // Hugo's default for every list
	}
	formats, _ := hugo["outputformats"].(map[string]any)
	media, _ := hugo["mediatypes"].(map[string]any)
	for _, n := range names {
		name, _ := n.(string)
		name = strings.ToLower(name)
		f, known := builtinFormats[name]
		if conf, ok := formats[name].(map[string]any); ok {
			if v, ok := conf["mediatype"].(string); ok {
				f.mediaType, known = strings.ToLower(v), true
			}
			if v, ok := conf["basename"].(string); ok && v != "" {
				f.baseName = v
			}
		}
		if !known {
			continue
		}
		if f.baseName == "" {
			f.baseName = "index"
		}
		suffix := builtinSuffixes[f.mediaType]
		if mt, ok := media[f.mediaType].(map[string]any); ok {
			if l, ok := mt["suffixes"].([]any); ok && len(l) > 0 {
				suffix, _ = l[0].(string)
			}
		}
		if suffix == "" || file != f.baseName+"."+suffix {
			continue
		}
		switch {
		case f.mediaType == "application/rss+xml":
			return outputRSS
		case f.mediaType == "application/json" && kind != "page":
			return outputJSON
		case f.mediaType == "text/plain" || f.mediaType == "text/markdown":
			if kind == "page" {
				return outputText
			}
		}
	}
	return outputNone
}

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
		switch outputFile(st.Settings.Hugo, hugoListKind(l.Kind), file) {
		case outputRSS:
			return s.writeFeed(w, r, st, l, feedRSS)
		case outputJSON:
			return s.writeFeed(w, r, st, l, feedJSON)
		}
		return data.ErrNotFound
	}
	if outputFile(st.Settings.Hugo, "page", file) != outputText {
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

// hugoRedirect is where Hugo's redirect pages at p led: a list page's alias, and the default
// language's own prefix (/en/ of a site that serves English at /), which Hugo writes for every
// multilingual site.
func (s *site) hugoRedirect(ctx context.Context, st *reader.State, p string) (string, bool) {
	if to, err := s.store.ListPageAlias(ctx, p); err == nil {
		return to, true
	} else if !errors.Is(err, data.ErrNotFound) && ctx.Err() == nil { // a reader who left is no error
		s.log.Error("list page alias", "path", p, "err", err)
	}
	if def := st.Settings.DefaultLanguage; len(st.Settings.Languages) > 1 && p == "/"+def+"/" {
		return "/", true
	}
	return "", false
}
