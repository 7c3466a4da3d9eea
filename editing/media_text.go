package editing

import (
	"regexp"
	"strconv"
	"strings"

	"gazette/data"
	"gazette/reader"
)

// FigureShortcode places an upload in a text with its words, as Hugo's figure shortcode
// takes them (attr is Hugo's name for the credit), so an export stays a Hugo site.
func FigureShortcode(m data.MediaFile) string {
	q := func(s string) string { return strconv.Quote(strings.ReplaceAll(s, `"`, "'")) }
	return "{{< figure src=" + q(reader.MediaURL(m.StoredName)) + " alt=" + q(m.Alt) + " caption=" + q(m.Caption) + " attr=" + q(m.Credit) + " >}}"
}

// imgTag and altAttr find the images of a rendered body and their alt text.
var (
	imgTag  = regexp.MustCompile(`(?is)<img\b[^>]*>`)
	altAttr = regexp.MustCompile(`(?is)\balt\s*=\s*("([^"]*)"|'([^']*)')`)
	srcAttr = regexp.MustCompile(`(?is)\bsrc\s*=\s*("([^"]*)"|'([^']*)')`)
)

// ImagesWithoutAlt names the images an article shows with no text alternative: in its body
// (an empty or missing alt) and its thumbnail when the upload has none (readers then hear the
// title, which rarely says what the picture shows).
func ImagesWithoutAlt(a *data.Article, thumb *data.MediaFile) []string {
	var out []string
	if thumb != nil && strings.TrimSpace(thumb.Alt) == "" {
		out = append(out, "the thumbnail ("+thumb.Name+")")
	}
	for _, tag := range imgTag.FindAllString(a.BodyHTML, -1) {
		alt := altAttr.FindStringSubmatch(tag)
		if alt != nil && strings.TrimSpace(alt[2]+alt[3]) != "" {
			continue
		}
		src := "an image"
		if s := srcAttr.FindStringSubmatch(tag); s != nil {
			src = s[2] + s[3]
		}
		out = append(out, src)
	}
	return out
}
