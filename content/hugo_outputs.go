package content

import "strings"

// HugoOutput is what a file beside a page's or list's HTML was in the imported Hugo site, as
// its [outputs] and [outputFormats] made it: Gazette answers each with its nearest document,
// so a subscriber's or a search box's URL keeps working.
type HugoOutput int

const (
	OutputNone HugoOutput = iota
	OutputRSS             // a feed: Gazette's RSS feed of the list
	OutputJSON            // a theme's JSON (a search index, an API): Gazette's JSON Feed of the list
	OutputText            // plain text of a page (a "MarkDown" format): the article's markdown
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

// OutputFile reports what the file name stood for at a page of a kind ("page", "home",
// "section", "taxonomy", "term") in the imported site's configuration; OutputNone when Hugo
// wrote no such file there.
func OutputFile(hugo map[string]any, kind, file string) HugoOutput {
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
			return OutputRSS
		case f.mediaType == "application/json" && kind != "page":
			return OutputJSON
		case f.mediaType == "text/plain" || f.mediaType == "text/markdown":
			if kind == "page" {
				return OutputText
			}
		}
	}
	return OutputNone
}
