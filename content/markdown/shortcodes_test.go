package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestShortcodes(t *testing.T) {
	page := Page{
		Params: map[string]any{"author": "Ann", "social": map[string]any{"Twitter": "ann_t"}},
		ResolveRef: func(ref string) (string, bool) {
			if ref == "posts/known.md" {
				return "/posts/known/", true
			}
			return "", false
		},
	}
	tests := []struct {
		name    string
		src     string
		checks  []check
		unknown []string
		broken  []string
	}{
		{name: "figure", src: `{{< figure src="/img/a.png" alt="An A" width="640" height="480" loading="lazy" class="wide" link="https://example.org/" target="_blank" title="Title" caption="A *big* cap" attr="Ann" attrlink="https://ann.example/" >}}`,
			checks: []check{
				{sel: "figure.wide > a[target=_blank] > img", attr: "src", want: "/img/a.png"},
				{sel: "figure img", attr: "alt", want: "An A"},
				{sel: "figure img", attr: "width", want: "640"},
				{sel: "figure img", attr: "loading", want: "lazy"},
				{sel: "figcaption h4", want: "Title"},
				{sel: "figcaption p em", want: "big"},
				{sel: `figcaption p a[href="https://ann.example/"]`, want: "Ann"},
				{sel: "p > figure", count: -1},
			}},
		{name: "figure alt from caption", src: `{{< figure src="a.png" caption="The **cap**" >}}`,
			checks: []check{{sel: "img", attr: "alt", want: "The cap"}}},
		{name: "youtube positional", src: "{{< youtube dQw4w9WgXcQ >}}\n",
			checks: []check{
				{sel: "span.embed > iframe", attr: "src", want: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"},
				{sel: "iframe", attr: "title", want: "YouTube video"},
				{sel: "iframe[style]", count: -1},
				{sel: "p", count: -1},
			}},
		{name: "youtube named", src: `{{< youtube id="abc_DEF-1" title="Talk" start="30" />}}`,
			checks: []check{
				{sel: "iframe", attr: "src", want: "embed/abc_DEF-1?start=30"},
				{sel: "iframe", attr: "title", want: "Talk"},
			}},
		{name: "spaces around =", src: "{{< youtube id = \"abc\" title = \"Talk\" >}}\n\n{{< figure src= \"b.png\" caption =\"Cap\" >}}\n",
			checks: []check{
				{sel: "iframe", attr: "src", want: "embed/abc"},
				{sel: "iframe", attr: "title", want: "Talk"},
				{sel: "figure img", attr: "src", want: "b.png"},
				{sel: "figcaption", want: "Cap"},
			}},
		{name: "vimeo", src: `{{< vimeo 146022717 >}}`,
			checks: []check{{sel: "iframe", attr: "src", want: "https://player.vimeo.com/video/146022717"}}},
		{name: "highlight", src: "{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< /highlight >}}\n",
			checks: []check{
				{sel: "div.highlight code.language-go span.kd", want: "func"},
				{sel: "p", count: -1},
			}},
		{name: "highlight line numbers in a table, from 10, line 2 marked", src: "{{< highlight go \"linenos=table,hl_lines=2,linenostart=10\" >}}\nfunc a() {}\nfunc b() {}\n{{< /highlight >}}\n",
			checks: []check{
				{sel: "div.highlight table.lntable td.lntd pre code span.lnt", want: "10\n"},
				{sel: "div.highlight table.lntable span.hl span.lnt", want: "11\n"},
				{sel: "div.highlight table td span.kd", want: "func"},
			}},
		{name: "highlight inline line numbers", src: "{{< highlight go \"linenos=inline\" >}}\nfunc a() {}\n{{< /highlight >}}\n",
			checks: []check{{sel: "div.highlight code.language-go span.line span.ln", want: "1"}}},
		{name: "unknown quote keeps its attribution", src: "{{< quote footer=\"Ellen Ullman\" cite=\"Life in Code\" class=\"big\" >}}\nText of the quote.\n{{< /quote >}}\n",
			checks: []check{
				{sel: "blockquote > p", want: "Text of the quote."},
				{sel: "blockquote > p:last-child", want: "— Ellen Ullman, Life in Code"},
				{sel: "blockquote cite", want: "Life in Code"},
			}, unknown: []string{"quote"}},
		{name: "unknown poem keeps its line breaks", src: "{{< poem >}}\nline one\nline *two*\nline three\n{{< /poem >}}\n",
			checks: []check{{sel: "p br", count: 2}, {sel: "p em", want: "two"}}, unknown: []string{"poem"}},
		{name: "unknown notice shows its title, drops its style", src: "{{< notice warning \"Mind the gap\" >}}\nBody\n{{< /notice >}}\n",
			checks: []check{{sel: "p strong", want: "Mind the gap"}, {sel: "p:last-child", want: "Body"}}, unknown: []string{"notice"}},
		{name: "gallery of theme figures", src: "{{< gallery caption=\"Slides\" >}}\n{{< figureforgallery src=\"a.png\" alt=\"A\" >}}\n{{< figureforgallery src=\"b.png\" alt=\"B\" >}}\n{{< /gallery >}}\n",
			checks: []check{{sel: "figure img", count: 2}, {sel: "p figure", count: -1}, {sel: "p", want: "Slides"}}, unknown: []string{"figureforgallery", "gallery"}},
		{name: "details", src: "{{< details summary=\"More *info*\" open=true >}}\nInner **bold**\n{{< /details >}}\n",
			checks: []check{
				{sel: "details[open] summary em", want: "info"},
				{sel: "details p strong", want: "bold"},
			}},
		{name: "gist", src: `{{< gist spf13 7896402 >}}`,
			checks: []check{{sel: "a", attr: "href", want: "https://gist.github.com/spf13/7896402"}, {sel: "script", count: -1}}},
		{name: "gist naming a file (a clear link, as README's import section says: no script, no fetch)", src: `{{< gist user 123abc file.go >}}`,
			checks: []check{{sel: "p a", attr: "href", want: "https://gist.github.com/user/123abc#file-file-go"}, {sel: "script", count: -1}}},
		{name: "x", src: `{{< x user="SanDiegoZoo" id="1453110110599868418" >}}`,
			checks: []check{{sel: "blockquote a", attr: "href", want: "https://x.com/SanDiegoZoo/status/1453110110599868418"}}},
		{name: "tweet", src: `{{< tweet 877500564405444608 >}}`,
			checks: []check{{sel: "a", attr: "href", want: "https://x.com/i/status/877500564405444608"}}},
		{name: "instagram", src: `{{< instagram BWNjjyYFxVx >}}`,
			checks: []check{{sel: "a", attr: "href", want: "https://www.instagram.com/p/BWNjjyYFxVx/"}}},
		{name: "ref resolved", src: `[known]({{< ref "posts/known.md" >}})`,
			checks: []check{{sel: "p a", attr: "href", want: "/posts/known/"}}},
		{name: "relref broken", src: `See [gone]({{< relref "/posts/gone/" >}}).`,
			checks: []check{{sel: "p a", attr: "href", want: "/posts/gone/"}},
			broken: []string{"/posts/gone/"}},
		{name: "param", src: `By {{< param author >}} (@{{< param "social.twitter" >}}).`,
			checks: []check{{sel: "p", want: "By Ann (@ann_t)."}}},
		{name: "comment", src: "a\n\n{{< comment >}}secret{{< /comment >}}\n\nb",
			checks: []check{{sel: "p", count: 2}}},
		{name: "qr", src: `{{< qr text="https://example.org/" />}}`,
			checks: []check{{sel: "p a", attr: "href", want: "https://example.org/"}}},
		{name: "markdown shortcode", src: "{{% notice %}}**bold** text{{% /notice %}}",
			checks: []check{{sel: "p strong", want: "bold"}}, unknown: []string{"notice"}},
		{name: "unknown paired keeps inner", src: "{{< alert warning >}}\nBe *careful*.\n{{< /alert >}}\n",
			checks: []check{{sel: "p em", want: "careful"}}, unknown: []string{"alert"}},
		{name: "unknown unpaired renders nothing", src: "before {{< neteasemusic 123 >}} after",
			checks: []check{{sel: "p", want: "before  after"}}, unknown: []string{"neteasemusic"}},
		{name: "nested unknown", src: "{{< tabs >}}\n{{< tab name=\"A\" >}}\nOne\n{{< /tab >}}\n{{< /tabs >}}\n",
			checks: []check{{sel: "p", want: "One"}}, unknown: []string{"tab", "tabs"}},
		{name: "escaped literal", src: "Use {{</* figure src=\"x.png\" */>}} or {{%/* notice */%}}.",
			checks: []check{{sel: "p", want: `Use {{< figure src="x.png" >}} or {{% notice %}}.`}, {sel: "img", count: -1}}},
		{name: "code block keeps shortcodes", src: "```\n{{< youtube abc >}}\n{{</* x */>}}\n```\n",
			checks: []check{{sel: "pre code", want: "{{< youtube abc >}}\n{{< x >}}"}, {sel: "iframe", count: -1}}},
		{name: "inline code keeps shortcodes", src: "Write `{{< youtube abc >}}` here.",
			checks: []check{{sel: "p code", want: "{{< youtube abc >}}"}, {sel: "iframe", count: -1}}},
		{name: "malformed left as text", src: "a {{< figure src=\"x\" and {{< b\n\nc }}>",
			checks: []check{{sel: "p", want: `a {{< figure src=“x” and {{< b`}}},
		{name: "self-closing", src: `{{< youtube id=abc />}}`,
			checks: []check{{sel: "iframe", attr: "src", want: "embed/abc"}}},
		{name: "backquoted arg", src: "{{< figure src=`a.png` alt=`say \"hi\"?` >}}",
			checks: []check{{sel: "img", attr: "src", want: "a.png"}, {sel: "img", attr: "alt", want: `say "hi"?`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, tt.src, page)
			assertHTML(t, res.HTML, tt.checks)
			if !reflect.DeepEqual(res.UnknownShortcodes, tt.unknown) {
				t.Errorf("UnknownShortcodes = %v, want %v", res.UnknownShortcodes, tt.unknown)
			}
			if !reflect.DeepEqual(res.BrokenRefs, tt.broken) {
				t.Errorf("BrokenRefs = %v, want %v", res.BrokenRefs, tt.broken)
			}
		})
	}
}

func TestPlaceholderCollision(t *testing.T) {
	src := "gzsc0q0q gzsc0qmoreq {{< param a >}}"
	res := render(t, src, Page{Params: map[string]any{"a": "X"}})
	if want := "<p>gzsc0q0q gzsc0qmoreq X</p>"; res.HTML != want {
		t.Errorf("HTML = %q, want %q", res.HTML, want)
	}
}

func TestParseTagArgs(t *testing.T) {
	src := `{{< name pos1 "pos two" k1=v1 k2="v 2" k3=` + "`v3`" + ` url=a?b=c >}}`
	tag, ok := parseTag(src, 0, len(src))
	if !ok {
		t.Fatal("parse failed")
	}
	if !reflect.DeepEqual(tag.pos, []string{"pos1", "pos two"}) {
		t.Errorf("pos = %q", tag.pos)
	}
	want := map[string]string{"k1": "v1", "k2": "v 2", "k3": "v3", "url": "a?b=c"}
	if !reflect.DeepEqual(tag.named, want) {
		t.Errorf("named = %q", tag.named)
	}
	if tag.end != len(src) || strings.Contains(tag.name, " ") {
		t.Errorf("end = %d name = %q", tag.end, tag.name)
	}
}
