package content

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEditFrontMatterKeepsWhatItDoesNotTouch(t *testing.T) {
	for _, c := range []struct {
		name, format, text, want string
		edits                    []Edit
	}{
		{"yaml keeps order and comments", FormatYAML, "---\ntitle: Old\n# the venue\nvenue: City Hall\nmathjaxPath: /js/m.js\n---\n",
			"---\ntitle: New\n# the venue\nvenue: City Hall\nmathjaxPath: /js/m.js\ndraft: true\n---\n",
			[]Edit{{Keys: []string{"title"}, Value: "New"}, {Keys: []string{"draft"}, Value: true}}},
		{"yaml deletes every spelling", FormatYAML, "---\ntitle: A\npubdate: 2024-01-01\n---\n", "---\ntitle: A\n---\n",
			[]Edit{{Keys: []string{"publishDate", "pubdate"}, Delete: true}}},
		{"toml edits lines in place", FormatTOML, "+++\ntitle = \"Old\"  \n# keep me\nDate = 2024-01-01\n[params]\n  x = 1\n+++\n",
			"+++\ntitle = 'New'\n# keep me\nDate = 2024-01-01\ntags = ['a', 'b']\n[params]\n  x = 1\n+++\n",
			[]Edit{{Keys: []string{"title"}, Value: "New"}, {Keys: []string{"tags"}, Value: []string{"a", "b"}}}},
		{"toml keeps the author's key spelling", FormatTOML, "+++\nDraft = false\n+++\n", "+++\nDraft = true\n+++\n",
			[]Edit{{Keys: []string{"draft"}, Value: true}}},
		{"nothing to do, nothing changes", FormatTOML, "+++ \ntitle = \"x\"\n+++\n", "+++ \ntitle = \"x\"\n+++\n", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			fm, _, err := SplitFrontMatter([]byte(c.text))
			if err != nil {
				t.Fatal(err)
			}
			got, err := EditFrontMatter(c.text, c.format, fm.Raw, c.edits)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestEditFrontMatterTOMLTableFallsBackToWholeBlock(t *testing.T) {
	text := "+++\ntitle = \"A\"\n+++\n"
	fm, _, _ := SplitFrontMatter([]byte(text))
	got, err := EditFrontMatter(text, FormatTOML, fm.Raw, []Edit{{Keys: []string{"menu"}, Value: map[string]any{"main": map[string]any{"weight": 3}}}})
	if err != nil {
		t.Fatal(err)
	}
	back, _, err := SplitFrontMatter([]byte(got))
	if err != nil || back.Raw["title"] != "A" || !strings.Contains(got, "[menu.main]") {
		t.Errorf("fallback lost data: %v\n%s", err, got)
	}
}

// deskKey is the shape of every key the desk edits.
var deskKey = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// FuzzEditFrontMatter: any front matter, one edit: no panic, and an edit that succeeds reads
// back with the new value and every other key kept.
func FuzzEditFrontMatter(f *testing.F) {
	for _, s := range []string{"---\ntitle: A\ntags: [x]\n---\n", "+++\ntitle = \"A\"\n[params]\nx = 1\n+++\n",
		"{\"title\": \"A\", \"n\": 1}\n", "---\n- a\n---\n", "+++\ntags = [\n 'a',\n]\n+++\n", "---\n---\n"} {
		f.Add(s, "title", "B")
	}
	f.Fuzz(func(t *testing.T, text, key, value string) {
		fm, _, err := SplitFrontMatter([]byte(text))
		// Keys are the desk's own names and values come from a UTF-8 form.
		if err != nil || key == "" || fm.Format == FormatNone || len(text) > 4096 || !deskKey.MatchString(key) || !utf8.ValidString(value) || strings.TrimSpace(value) != value {
			return
		}
		out, err := EditFrontMatter(fm.Text, fm.Format, fm.Raw, []Edit{{Keys: []string{key}, Value: value}})
		if err != nil {
			return
		}
		back, _, err := SplitFrontMatter([]byte(out))
		if err != nil {
			t.Fatalf("edited front matter does not parse: %v\n%s", err, out)
		}
		if got := back.Params[strings.ToLower(key)]; got != value {
			t.Fatalf("%s = %v, want %q\n%s", key, got, value, out)
		}
		for k := range fm.Params {
			if _, ok := back.Params[k]; !ok && !strings.EqualFold(k, key) {
				t.Fatalf("key %s lost\n%s", k, out)
			}
		}
	})
}

// TestFrontMatterTextKeepsWhatCameBefore: a BOM and blank lines before the block (which Hugo
// skips) stay in Text, so Text + body is the file, and an edit keeps them.
func TestFrontMatterTextKeepsWhatCameBefore(t *testing.T) {
	for _, src := range []string{
		"\ufeff---\ntitle: A\n---\nBody.\n",
		"\n\n---\ntitle: A\n---\nBody.\n",
		"\ufeff\r\n+++ \r\ntitle = \"A\"\r\n+++\r\nBody.\r\n",
		"\n{\n  \"title\": \"A\"\n}\nBody.\n",
		"\ufeffNo front matter.\n",
	} {
		fm, body, err := SplitFrontMatter([]byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if fm.Text+string(body) != src {
			t.Errorf("%q: text %q + body %q is not the file", src, fm.Text, body)
		}
		if fm.Format == FormatNone {
			continue
		}
		out, err := EditFrontMatter(fm.Text, fm.Format, fm.Raw, []Edit{{Keys: []string{"title"}, Value: "B"}})
		if err != nil {
			t.Fatalf("%q: edit: %v", src, err)
		}
		lead, _ := splitLead(fm.Text)
		if !strings.HasPrefix(out, lead) || lead == "" && src[0] != '-' && src[0] != '{' && src[0] != '+' {
			t.Errorf("%q: the edit lost what came before the block: %q", src, out)
		}
		again, _, err := SplitFrontMatter([]byte(out + string(body)))
		if err != nil || again.Params["title"] != "B" {
			t.Errorf("%q: edited block %q reads back as %v (%v)", src, out, again.Params, err)
		}
	}
}
