package markdown

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

var (
	// embedSrc admits iframes only from the video players our shortcodes use.
	embedSrc    = regexp.MustCompile(`^https://(www\.youtube-nocookie\.com/embed/|www\.youtube\.com/embed/|player\.vimeo\.com/video/)[A-Za-z0-9_\-]+(\?[A-Za-z0-9_\-=&;%.]*)?$`)
	classNames  = regexp.MustCompile(`^[A-Za-z0-9_\- ]{1,200}$`)
	anchorID    = regexp.MustCompile(`^[\p{L}\p{N}_:.\-]{1,200}$`)
	cssLength   = regexp.MustCompile(`^(0|[0-9]{1,4}(\.[0-9]{1,4})?(%|px))$`)
	langName    = regexp.MustCompile(`^[A-Za-z0-9_+#.\-]{1,40}$`)
	embedAllow  = regexp.MustCompile(`^[a-z\-; ]{1,200}$`)
	attrText    = regexp.MustCompile(`^[^\x00-\x08]*$`)
	linkTargets = regexp.MustCompile(`^_(blank|self|parent|top)$`)
)

// newPolicy is bluemonday's UGC policy plus what Hugo's output needs:
// heading and footnote ids, chroma classes, figures, details, video
// iframes from known players and the styles of Hugo's video wrapper.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	// UGC marks every link nofollow; footnotes and internal links are ours.
	p.RequireNoFollowOnLinks(false)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	// Attribute values are escaped on output, so any text is safe in alt and
	// title; UGC's narrow pattern would drop every alt text with a quote.
	p.AllowAttrs("alt").Matching(attrText).OnElements("img")
	p.AllowAttrs("title").Matching(attrText).Globally()
	p.AllowAttrs("id").Matching(anchorID).OnElements("h1", "h2", "h3", "h4", "h5", "h6", "li", "sup", "dt", "div", "section")
	p.AllowAttrs("class").Matching(classNames).OnElements("code", "span", "div", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
		"a", "figure", "blockquote", "table", "th", "td", "img", "p", "ul", "ol", "li", "sup")
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^doc-[a-z]+$`)).OnElements("a", "div", "section")
	p.AllowAttrs("tabindex").Matching(regexp.MustCompile(`^0$`)).OnElements("pre")
	p.AllowAttrs("data-lang").Matching(langName).OnElements("code")
	p.AllowAttrs("target").Matching(linkTargets).OnElements("a")
	p.AllowElements("figure", "figcaption", "details", "summary")
	// Videos of themes' own shortcodes: a file to play with the browser's controls, nothing more.
	p.AllowElements("video")
	p.AllowAttrs("controls").Matching(regexp.MustCompile(`^(|controls)$`)).OnElements("video")
	p.AllowAttrs("preload").Matching(regexp.MustCompile(`^(none|metadata)$`)).OnElements("video")
	p.AllowAttrs("src").OnElements("video")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`^(|open)$`)).OnElements("details")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^(lazy|eager)$`)).OnElements("img", "iframe")
	p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("img", "iframe")
	p.AllowAttrs("srcset", "sizes").OnElements("img")
	p.AllowAttrs("src").Matching(embedSrc).OnElements("iframe")
	p.AllowAttrs("allow").Matching(embedAllow).OnElements("iframe")
	p.AllowAttrs("allowfullscreen").Matching(regexp.MustCompile(`^(|true|allowfullscreen)$`)).OnElements("iframe")
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).OnElements("iframe")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|right|center)$`)).OnElements("th", "td")
	p.AllowStyles("text-align").MatchingEnum("left", "right", "center").OnElements("th", "td")
	p.AllowStyles("position").MatchingEnum("relative", "absolute").OnElements("div", "iframe")
	p.AllowStyles("overflow").MatchingEnum("hidden").OnElements("div")
	p.AllowStyles("padding-bottom", "height", "width", "top", "left", "border").Matching(cssLength).OnElements("div", "iframe")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^$`)).OnElements("input")
	return p
}
