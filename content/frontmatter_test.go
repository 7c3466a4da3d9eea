package content

import (
	"errors"
	"strings"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, src, format, title, body string
	}{
		{"yaml", "---\ntitle: Hello\n---\nBody\n", FormatYAML, "Hello", "Body\n"},
		{"toml", "+++\ntitle = \"Hello\"\n+++\nBody\n", FormatTOML, "Hello", "Body\n"},
		{"json", "{\n\"title\": \"Hello\"\n}\nBody\n", FormatJSON, "Hello", "Body\n"},
		{"blank line before", "\n---\ntitle: Hello\n---\nBody\n", FormatYAML, "Hello", "Body\n"},
		{"crlf", "---\r\ntitle: Hello\r\n---\r\nBody\r\n", FormatYAML, "Hello", "Body\r\n"},
		{"trailing spaces on delimiters", "+++ \ntitle = \"Hello\"\n+++  \nBody\n", FormatTOML, "Hello", "Body\n"},
		{"bom", "\xef\xbb\xbf---\ntitle: Hello\n---\nBody\n", FormatYAML, "Hello", "Body\n"},
		{"none", "# Just markdown\n", FormatNone, "", "# Just markdown\n"},
		{"empty yaml", "---\n---\nBody\n", FormatYAML, "", "Body\n"},
		{"code fence first", "```\n---\n```\n", FormatNone, "", "```\n---\n```\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, err := SplitFrontMatter([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if fm.Format != tt.format || stringValue(fm.Params["title"]) != tt.title || string(body) != tt.body {
				t.Errorf("got format %q title %q body %q", fm.Format, fm.Params["title"], body)
			}
		})
	}
}

func TestSplitFrontMatterKeepsDatesAsWritten(t *testing.T) {
	fm, _, err := SplitFrontMatter([]byte("---\ndate: 2025-02-09 20:41:00\nlastmod: 2025-02-10\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if fm.Params["date"] != "2025-02-09 20:41:00" || fm.Params["lastmod"] != "2025-02-10" {
		t.Errorf("dates changed: %#v %#v", fm.Params["date"], fm.Params["lastmod"])
	}
	fm, _, err = SplitFrontMatter([]byte("+++\ndate = 2025-02-09T20:41:00\nd2 = 2025-02-09\nd3 = 2025-02-09T20:41:00+08:00\n+++\n"))
	if err != nil {
		t.Fatal(err)
	}
	if fm.Params["date"] != "2025-02-09T20:41:00" || fm.Params["d2"] != "2025-02-09" || fm.Params["d3"] != "2025-02-09T20:41:00+08:00" {
		t.Errorf("toml dates: %#v %#v %#v", fm.Params["date"], fm.Params["d2"], fm.Params["d3"])
	}
}

func TestSplitFrontMatterLowerCasesKeysButKeepsRaw(t *testing.T) {
	fm, _, err := SplitFrontMatter([]byte("---\nTitle: X\nParams:\n  SubKey: 1\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if fm.Params["title"] != "X" || fm.Raw["Title"] != "X" {
		t.Errorf("params %v raw %v", fm.Params, fm.Raw)
	}
	if sub := fm.Params["params"].(map[string]any); sub["subkey"] == nil {
		t.Errorf("nested keys not lower-cased: %v", sub)
	}
}

func TestSplitFrontMatterErrorsHaveLines(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		contains  string
	}{
		{"broken yaml", "---\ntitle: ok\ntags: [a, b\n---\n", 0, "YAML"},
		{"yaml tab", "---\ntitle: ok\n\tbad: x\n---\n", 3, "YAML"},
		{"broken toml", "+++\ntitle = \"ok\"\nbroken = = 1\n+++\n", 3, "TOML"},
		{"unclosed", "---\ntitle: ok\n", 1, "never closed"},
		{"broken json", "{\"title\": }\nbody", 1, "JSON"},
		{"yaml list not map", "---\n- a\n- b\n---\n", 0, "not a map"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := SplitFrontMatter([]byte(tt.src))
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("want a LineError, got %v", err)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not mention %q", err, tt.contains)
			}
			if tt.line > 0 && le.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", le.Line, tt.line, err)
			}
		})
	}
}

// FuzzSplitFrontMatter checks that no input panics and that whatever decodes has a body that
// is a suffix of the input.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: Hello\n---\nBody\n", "+++\ntitle = 1\n+++\n", "{\"a\":1}\nx", "---\n---\n", "---\n&a [*a]\n---\n",
		"---\na: !!binary xx\n---\n", "+++\n[[a]]\n+++\n", "{", "---\ndate: 2025-02-09\n---\n", "\xef\xbb\xbf\r\n---\r\n---\r\n",
		"---\nkey: &x {a: *x}\n---\n", "---\n? [a]\n: b\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, body, err := SplitFrontMatter(src)
		if err != nil {
			return
		}
		if fm.Params == nil || fm.Raw == nil {
			t.Fatal("nil maps without an error")
		}
		if len(body) > len(src) {
			t.Fatal("body longer than input")
		}
	})
}
