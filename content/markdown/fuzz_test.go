package markdown

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// assertSafe fails when HTML holds anything executable: a script element,
// an on* event attribute or a javascript: URL in any attribute.
func assertSafe(t *testing.T, out string) {
	t.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatalf("output contains <script: %q", out)
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		switch string(name) {
		case "script", "style", "svg", "object", "embed":
			t.Fatalf("output contains <%s>: %q", name, out)
		}
		for more {
			var key, val []byte
			key, val, more = z.TagAttr()
			k, v := strings.ToLower(string(key)), strings.ToLower(strings.Join(strings.Fields(string(val)), ""))
			if strings.HasPrefix(k, "on") || strings.Contains(v, "javascript:") {
				t.Fatalf("unsafe attribute %s=%q in %q", key, val, out)
			}
		}
	}
}

func FuzzRender(f *testing.F) {
	seeds := []string{
		"", "plain", "## Head {#id}\n\ntext[^1]\n\n[^1]: n",
		"{{<", "{{< x", "{{< /x >}}", "{{% x %}}**b**{{% /x %}}", "{{</* x */>}}", "{{< figure src=\"a\" >}}",
		"{{< youtube \"x\\\" onload=alert(1)\" >}}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
		"[a](javascript:alert(1))", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<svg onload=alert(1)>",
		"<iframe src=\"https://evil/\"></iframe>", "```go\n{{< x >}}\n", "`a``b```c", "<!--more-->",
		"| a |\n|---|\n| b |", "> > > [[[[ ]]]] ((((", "{{< figure src=\"javascript:alert(1)\" link=\"javascript:x\" >}}",
		"{{< details summary=\"<img src=x onerror=alert(1)>\" >}}x{{< /details >}}", "gzsc0q0q {{< param x >}}",
		"{{< youtube id = \"x\" >}}", "{{< quote footer=\"<script>x</script>\" cite=\"[a](javascript:x)\" >}}q{{< /quote >}}", "{{< poem >}}\na\nb{{< /poem >}}", "{{< highlight go \"linenos=table,hl_lines=1 3-2 x 9-999999999,linenostart=-5\" >}}\na\n{{< /highlight >}}", "{{< x a = >}}", "{{< x = b >}}", "{{< x a =\n\"b\" c= `d` >}}",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		res, err := r.Render([]byte(src), Page{Params: map[string]any{"x": "<script>"}})
		if err != nil {
			return // a recovered Goldmark failure is allowed, a panic is not
		}
		assertSafe(t, res.HTML)
		assertSafe(t, res.SummaryHTML)
		assertSafe(t, r.RenderSummary(src))
	})
}

// TestHostileInput checks that pathological inputs finish: a quadratic path on these
// megabyte inputs takes hours, linear ones take seconds, so the bound is far from both and a
// loaded CI machine cannot trip it. Their speed is BenchmarkRender's business.
func TestHostileInput(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var table strings.Builder
	table.WriteString("| a | b |\n|---|---|\n")
	for i := 0; i < 100000; i++ {
		table.WriteString("| x | y |\n")
	}
	tests := []struct{ name, src string }{
		{"openers", strings.Repeat("{{<", 10<<20/3)},
		{"markdown openers", strings.Repeat("{{% a ", 1<<20/6)},
		{"escaped openers", strings.Repeat("{{</*", 1<<20/5)},
		{"unclosed quotes", strings.Repeat(`{{< a "`, 1<<20/7)},
		{"nested paired", strings.Repeat("{{% a %}}", 20000) + strings.Repeat("{{% /a %}}", 20000)},
		{"unmatched nesting", strings.Repeat("{{< a >}}x", 50000) + "{{< /b >}}"},
		{"many paired", strings.Repeat("{{< a >}}x{{< /a >}}\n", 20000)},
		{"brackets", strings.Repeat("[", 100000) + strings.Repeat("]", 100000)},
		{"backticks", strings.Repeat("`a``b```c", 100000)},
		{"table", table.String()},
		{"blockquotes", strings.Repeat(">", 10000) + " x"},
		{"emphasis", strings.Repeat("*a _b ", 100000)},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			if _, err := r.Render([]byte(tt.src), Page{}); err != nil {
				t.Logf("error (allowed): %v", err)
			}
			if d := time.Since(start); d > 2*time.Minute {
				t.Errorf("took %v", d)
			} else {
				t.Logf("%d bytes in %v", len(tt.src), d.Round(time.Millisecond))
			}
		})
	}
}
