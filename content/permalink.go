package content

import (
	"fmt"
	"path"
	"strings"

	"gazette/data"
)

// permalink computes a page's site-relative URL path (unescaped), with Hugo's precedence:
// `url` front matter, then a [permalinks] pattern for the section, then the content path with
// `slug` replacing the last segment. Non-default languages live under /<lang>/.
func permalink(cfg SiteConfig, f fileInfo, a *data.Article) string {
	prefix := cfg.LangPrefix(f.lang)
	if a.URL != "" {
		u := a.URL
		if !strings.HasPrefix(u, "/") {
			u = "/" + u
		}
		if !strings.HasSuffix(u, "/") && path.Ext(path.Base(u)) == "" {
			u += "/" // Hugo writes /a/b/index.html for `url: /a/b`: the page is at /a/b/
		}
		if prefix != "" && !strings.HasPrefix(u, prefix+"/") {
			u = prefix + u
		}
		return u
	}
	var p string
	if pattern, ok := cfg.Permalinks[a.Section]; ok && a.Section != "" {
		p = expandPermalink(pattern, f, a)
	} else {
		name := f.name()
		if a.Slug != "" {
			name = a.Slug
		}
		p = path.Join("/", MakePathSanitized(f.dir()), MakePathSanitized(name))
	}
	p = path.Join("/", prefix, p)
	if p != "/" {
		p += "/"
	}
	return p
}

// expandPermalink fills a [permalinks] pattern such as "/:year/:month/:slug/".
func expandPermalink(pattern string, f fileInfo, a *data.Article) string {
	d := a.Date
	slugOrTitle := a.Slug
	if slugOrTitle == "" {
		slugOrTitle = a.Title
	}
	filename := f.name()
	if filename == "" {
		filename = path.Base(f.dir())
	}
	slugOrFilename := a.Slug
	if slugOrFilename == "" {
		slugOrFilename = filename
	}
	tokens := map[string]string{
		"year":           fmt.Sprintf("%04d", d.Year()),
		"month":          fmt.Sprintf("%02d", int(d.Month())),
		"monthname":      strings.ToLower(d.Month().String()),
		"day":            fmt.Sprintf("%02d", d.Day()),
		"weekday":        fmt.Sprint(int(d.Weekday())),
		"weekdayname":    strings.ToLower(d.Weekday().String()),
		"yearday":        fmt.Sprint(d.YearDay()),
		"section":        a.Section,
		"sections":       f.dir(),
		"title":          Urlize(a.Title),
		"slug":           Urlize(slugOrTitle),
		"filename":       Urlize(filename),
		"slugorfilename": Urlize(slugOrFilename),
	}
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			b.WriteByte(pattern[i])
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] >= 'a' && pattern[j] <= 'z') {
			j++
		}
		if v, ok := tokens[pattern[i+1:j]]; ok {
			b.WriteString(v)
			i = j - 1
			continue
		}
		b.WriteByte(':')
	}
	return MakePathSanitized(b.String())
}
