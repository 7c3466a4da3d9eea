package markdown

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"strings"
)

var (
	videoID   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	numericID = regexp.MustCompile(`^[0-9]{1,32}$`)
	userName  = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)
)

// arg returns the named argument, or else the positional one at pos
// (pos < 0: named only).
func (t scTag) arg(name string, pos int) string {
	if v, ok := t.named[name]; ok {
		return v
	}
	if pos >= 0 && pos < len(t.pos) {
		return t.pos[pos]
	}
	return ""
}

// builtinShortcodes are the shortcodes Gazette renders as Hugo 0.111's own templates do.
var builtinShortcodes = map[string]bool{"figure": true, "youtube": true, "vimeo": true, "highlight": true,
	"details": true, "gist": true, "x": true, "tweet": true, "twitter": true, "instagram": true, "ref": true,
	"relref": true, "param": true, "comment": true, "qr": true}

// IsBuiltinShortcode reports whether Gazette renders the shortcode as Hugo's built-in one;
// any other is a theme's or the site's own, rendered generically (see shortcode).
func IsBuiltinShortcode(name string) bool { return builtinShortcodes[name] }

func isTrue(s string) bool { return s == "true" || s == "1" }

// shortcode renders one shortcode node to HTML (sanitised later with the
// rest of the body) and says whether it is block-level output.
func (st *renderState) shortcode(n *scNode) (string, bool) {
	t := n.tag
	if st.used == nil {
		st.used = map[string]int{}
	}
	st.used[t.name]++
	switch t.name {
	case "figure":
		return st.figure(t), true
	case "youtube":
		return youtube(t), true
	case "vimeo":
		return vimeo(t), true
	case "highlight":
		code := strings.TrimPrefix(strings.TrimPrefix(unescapeLiterals(n.inner), "\r"), "\n")
		return highlightCodeWith(code, t.arg("lang", 0), parseHighlightOptions(st.r.highlight, t.arg("options", 1))), true
	case "details":
		summary := t.arg("summary", -1)
		if summary == "" {
			summary = "Details"
		}
		open := ""
		if isTrue(t.arg("open", -1)) {
			open = " open"
		}
		return fmt.Sprintf("<details%s>\n<summary>%s</summary>\n%s</details>\n",
			open, st.r.inline(summary, st.ids), st.inner(n)), true
	case "gist":
		return gist(t), true
	case "x", "tweet", "twitter":
		return post(t), true
	case "instagram":
		id := t.arg("id", 0)
		if !videoID.MatchString(id) {
			return "", true
		}
		u := "https://www.instagram.com/p/" + id + "/"
		return linkParagraph(u, u), true
	case "ref", "relref":
		return st.ref(t), false
	case "param":
		return html.EscapeString(paramValue(st.page.Params, t.arg("name", 0))), false
	case "comment":
		return "", true
	case "qr":
		text := t.arg("text", -1)
		if text == "" {
			text = strings.TrimSpace(n.inner)
		}
		if u, err := url.Parse(text); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			return fmt.Sprintf(`<a href="%s">%s</a>`, html.EscapeString(text), html.EscapeString(text)), false
		}
		return html.EscapeString(text), false
	}
	st.markUnknown(t.name)
	if media := unknownMedia(st, t); media != "" {
		return media + st.inner(n), true
	}
	return st.generic(n), true
}

// unknownMedia keeps the picture or video of a theme's own shortcode (Hugo sites have many:
// "img", "figureforgallery", "video") that names its file in src: rendered as a figure or a
// video, it stays readable instead of vanishing with the unknown shortcode.
func unknownMedia(st *renderState, t scTag) string {
	if dir := t.arg("dir", -1); t.name == "gallery" && dir != "" {
		out := st.galleryDir(dir)
		if caption := t.arg("caption", -1); caption != "" && out != "" {
			out += "<p>" + st.r.inline(caption, st.ids) + "</p>\n"
		}
		return out
	}
	src := t.arg("src", -1)
	if src == "" {
		return ""
	}
	switch strings.ToLower(path.Ext(strings.SplitN(src, "?", 2)[0])) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg":
		return st.figure(t)
	case ".mp4", ".webm", ".ogv", ".mov":
		return `<video controls preload="metadata" src="` + html.EscapeString(src) + `"></video>` + "\n"
	}
	return ""
}

// inner renders the inner content of a paired shortcode as markdown.
func (st *renderState) inner(n *scNode) string {
	if !n.paired {
		return ""
	}
	out, _ := st.r.convert(st.markdownOf(n.children, false), st.ids, false)
	return st.resolve(out)
}

func (st *renderState) figure(t scTag) string {
	var b strings.Builder
	b.WriteString("<figure")
	attr(&b, "class", t.arg("class", -1))
	b.WriteString(">")
	link := t.arg("link", -1)
	if link != "" {
		b.WriteString("<a")
		attr(&b, "href", link)
		attr(&b, "target", t.arg("target", -1))
		attr(&b, "rel", t.arg("rel", -1))
		b.WriteString(">")
	}
	caption := t.arg("caption", -1)
	alt := t.arg("alt", -1)
	if alt == "" && caption != "" {
		alt = collapse(plainText(st.r.inline(caption, st.ids)))
	}
	b.WriteString("<img")
	attr(&b, "src", t.arg("src", -1))
	attr(&b, "alt", alt)
	// Only pixel counts are valid HTML; "100%" and the like are dropped (the stylesheet
	// already fits images to the column, and inline styles are refused by the CSP).
	attr(&b, "width", digitsOnly(t.arg("width", -1)))
	attr(&b, "height", digitsOnly(t.arg("height", -1)))
	attr(&b, "loading", t.arg("loading", -1))
	b.WriteString(">")
	if link != "" {
		b.WriteString("</a>")
	}
	title, credit, creditLink := t.arg("title", -1), t.arg("attr", -1), t.arg("attrlink", -1)
	if title != "" || caption != "" || credit != "" {
		b.WriteString("<figcaption>")
		if title != "" {
			b.WriteString("<h4>" + html.EscapeString(title) + "</h4>")
		}
		if caption != "" || credit != "" {
			b.WriteString("<p>" + st.r.inline(caption, st.ids))
			if creditLink != "" {
				b.WriteString(`<a href="` + html.EscapeString(creditLink) + `">`)
			}
			b.WriteString(st.r.inline(credit, st.ids))
			if creditLink != "" {
				b.WriteString("</a>")
			}
			b.WriteString("</p>")
		}
		b.WriteString("</figcaption>")
	}
	b.WriteString("</figure>\n")
	return b.String()
}

func attr(b *strings.Builder, name, value string) {
	if value != "" {
		fmt.Fprintf(b, ` %s="%s"`, name, html.EscapeString(value))
	}
}

// responsiveEmbed is the 16:9 wrapper around video iframes. Unlike Hugo's it is a span styled
// by the site's stylesheet: valid wherever the shortcode stands (even in a heading) and free
// of inline styles, which the CSP refuses.
func responsiveEmbed(src, title string) string {
	return `<span class="embed embed--video">` +
		`<iframe src="` + html.EscapeString(src) + `"` +
		` allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share"` +
		` allowfullscreen loading="lazy" title="` + html.EscapeString(title) + `"></iframe></span>` + "\n"
}

func youtube(t scTag) string {
	id := t.arg("id", 0)
	if !videoID.MatchString(id) {
		return ""
	}
	q := url.Values{}
	for _, k := range []string{"start", "end"} {
		if v := t.arg(k, -1); numericID.MatchString(v) {
			q.Set(k, v)
		}
	}
	for _, k := range []string{"autoplay", "mute", "loop", "controls"} {
		if v := t.arg(k, -1); v != "" {
			q.Set(k, map[bool]string{true: "1", false: "0"}[isTrue(v)])
		}
	}
	if isTrue(t.arg("autoplay", 1)) {
		q.Set("autoplay", "1") // Hugo 0.111's positional form: {{< youtube ID true >}}
	}
	if q.Has("loop") && q.Get("loop") == "1" {
		q.Set("playlist", id) // YouTube loops a single video only as a playlist
	}
	src := "https://www.youtube-nocookie.com/embed/" + id
	if len(q) > 0 {
		src += "?" + q.Encode()
	}
	title := t.arg("title", -1)
	if title == "" {
		title = "YouTube video"
	}
	return responsiveEmbed(src, title)
}

func vimeo(t scTag) string {
	id := t.arg("id", 0)
	if !numericID.MatchString(id) {
		return ""
	}
	title := t.arg("title", -1)
	if title == "" {
		title = "vimeo video"
	}
	return responsiveEmbed("https://player.vimeo.com/video/"+id+"?dnt=1", title)
}

// gist links to the gist instead of loading GitHub's script.
func gist(t scTag) string {
	user, id := t.arg("user", 0), t.arg("id", 1)
	if !userName.MatchString(user) || !videoID.MatchString(id) {
		return ""
	}
	u := "https://gist.github.com/" + user + "/" + id
	if f := t.arg("file", 2); f != "" {
		u += "#file-" + url.PathEscape(strings.ReplaceAll(f, ".", "-"))
	}
	return linkParagraph(u, u)
}

// post links to an X (Twitter) post instead of loading the widget script.
func post(t scTag) string {
	id := t.arg("id", 0)
	if !numericID.MatchString(id) {
		return ""
	}
	user := t.arg("user", -1)
	if !userName.MatchString(user) {
		user = "i"
	}
	u := "https://x.com/" + user + "/status/" + id
	return `<blockquote class="twitter-tweet">` + strings.TrimSuffix(linkParagraph(u, u), "\n") + "</blockquote>\n"
}

func linkParagraph(href, text string) string {
	return `<p><a href="` + html.EscapeString(href) + `">` + html.EscapeString(text) + "</a></p>\n"
}

// ref resolves an internal link. An unresolved target keeps its own text
// (usually a path, so links still point somewhere) and is reported.
func (st *renderState) ref(t scTag) string {
	target := t.arg("path", 0)
	if st.page.ResolveRef != nil {
		if u, ok := st.page.ResolveRef(target); ok {
			return html.EscapeString(u)
		}
	}
	st.broken = append(st.broken, target)
	return html.EscapeString(target)
}

// paramValue looks up a dotted, case-insensitive key in front matter.
func paramValue(params map[string]any, key string) string {
	var cur any = params
	for _, part := range strings.Split(strings.ToLower(key), ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		if cur, ok = lookupFold(m, part); !ok {
			return ""
		}
	}
	if cur == nil {
		return ""
	}
	if _, ok := cur.(map[string]any); ok {
		return ""
	}
	return fmt.Sprint(cur)
}

// lookupFold finds a key ignoring case: nested front matter maps keep the
// author's casing even when the top level is lower-cased.
func lookupFold(m map[string]any, key string) (any, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

func digitsOnly(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	for _, r := range s {
		if r < '0' || r > '9' {
			return ""
		}
	}
	return s
}

// galleryDir renders a theme's `{{< gallery dir="/img/trip/" >}}` (hugo-easy-gallery and its
// kin read the folder of the static files with readDir) as the paired gallery of figures is
// rendered: a figure for each picture in the folder, by name, its name as its text; a
// "-thumb" picture is another's thumbnail, not one of its own.
func (st *renderState) galleryDir(dir string) string {
	if st.page.Files == nil {
		return ""
	}
	dir = "/" + strings.Trim(dir, "/") + "/"
	if dir == "//" {
		dir = "/"
	}
	var b strings.Builder
	for _, p := range st.page.Files(dir) {
		name := path.Base(p)
		ext := path.Ext(name)
		base := strings.TrimSuffix(name, ext)
		switch strings.ToLower(ext) {
		case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg":
		default:
			continue
		}
		if strings.HasSuffix(strings.ToLower(base), "-thumb") {
			continue
		}
		b.WriteString("<figure><img")
		attr(&b, "src", p)
		attr(&b, "alt", strings.NewReplacer("-", " ", "_", " ").Replace(base))
		b.WriteString("></figure>\n")
	}
	return b.String()
}
