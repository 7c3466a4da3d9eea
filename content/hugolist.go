package content

import (
	"strconv"
	"strings"

	"gazette/data"
)

// HugoListHeader is the header of `hugo list all` (Hugo 0.111).
var HugoListHeader = []string{"path", "slug", "title", "date", "expiryDate", "publishDate", "draft", "permalink"}

// HugoListRow is an article as one row of `hugo list all`, so an owner can compare Gazette's
// import with Hugo's own listing line by line.
func HugoListRow(a *data.Article, baseURL string) []string {
	base := strings.TrimSuffix(baseURL, "/")
	return []string{
		a.SourcePath,
		a.Slug,
		a.Title,
		FormatHugoDate(a.Date),
		FormatHugoDate(a.ExpiryDate),
		FormatHugoDate(a.PublishDate),
		strconv.FormatBool(a.Draft),
		base + EscapePath(a.Permalink) + outputSuffix(a.FrontMatter),
	}
}

// outputSuffix is what Hugo appends to a permalink when a page's first output format is not
// HTML (`outputs: [json]` makes the permalink …/index.json). Gazette still serves such pages as
// HTML at the folder URL; only the listing follows Hugo.
func outputSuffix(fm map[string]any) string {
	for k, v := range fm {
		if strings.ToLower(k) != "outputs" {
			continue
		}
		formats := stringList(v)
		if len(formats) == 0 {
			return ""
		}
		switch strings.ToLower(formats[0]) {
		case "json":
			return "index.json"
		case "rss":
			return "index.xml"
		}
	}
	return ""
}
