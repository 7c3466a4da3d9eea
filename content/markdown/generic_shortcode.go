package markdown

import (
	"regexp"
	"strings"
)

// A shortcode Gazette does not know (a theme's or the site's own template) is rendered in one
// documented generic form, so that what a reader needs of it stays readable:
//   - its inner content, rendered as markdown;
//   - a heading from its text parameters: title, header, heading, summary or label, else the
//     first positional argument holding a space ({{< notice warning "Mind the gap" >}});
//   - an attribution line from author, footer, by, source, attribution and cite ("— Ellen
//     Ullman, <cite>Life in Code</cite>"), and a caption line from caption;
//   - for a name containing "quote", all of it inside <blockquote>; for "poem" or "verse",
//     the inner lines keep their breaks;
//   - a picture or video named in src is shown as a figure or video (unknownMedia).
//
// Every other parameter (styles, colours, icons, sizes) is left out.
var (
	titleParams       = []string{"title", "header", "heading", "summary", "label"}
	attributionParams = []string{"author", "footer", "by", "source", "attribution"}
	// paragraph is one paragraph of rendered inner content.
	paragraph = regexp.MustCompile(`(?s)<p>.*?</p>`)
)

func (st *renderState) generic(n *scNode) string {
	t := n.tag
	name := strings.ToLower(t.name)
	title := firstNamed(t, titleParams)
	if title == "" {
		for _, p := range t.pos {
			if strings.ContainsAny(strings.TrimSpace(p), " \t") {
				title = p
				break
			}
		}
	}
	var attribution []string
	for _, key := range attributionParams {
		if v := strings.TrimSpace(t.named[key]); v != "" {
			attribution = append(attribution, st.r.inline(v, st.ids))
		}
	}
	if v := strings.TrimSpace(t.named["cite"]); v != "" {
		attribution = append(attribution, "<cite>"+st.r.inline(v, st.ids)+"</cite>")
	}
	caption := strings.TrimSpace(t.named["caption"])

	inner := st.inner(n)
	if strings.Contains(name, "poem") || strings.Contains(name, "verse") {
		inner = paragraph.ReplaceAllStringFunc(inner, func(p string) string { return strings.ReplaceAll(p, "\n", "<br>\n") })
	}
	if title == "" && len(attribution) == 0 && caption == "" {
		return inner
	}
	var b strings.Builder
	quote := strings.Contains(name, "quote")
	if quote {
		b.WriteString("<blockquote>\n")
	}
	if title != "" {
		b.WriteString("<p><strong>" + st.r.inline(title, st.ids) + "</strong></p>\n")
	}
	b.WriteString(inner)
	if caption != "" {
		b.WriteString("<p>" + st.r.inline(caption, st.ids) + "</p>\n")
	}
	if len(attribution) > 0 {
		b.WriteString("<p>— " + strings.Join(attribution, ", ") + "</p>\n")
	}
	if quote {
		b.WriteString("</blockquote>\n")
	}
	return b.String()
}

func firstNamed(t scTag, keys []string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(t.named[k]); v != "" {
			return v
		}
	}
	return ""
}
