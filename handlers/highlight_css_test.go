package handlers

import (
	"os"
	"testing"

	"gazette/content/markdown"
)

// static/files/highlight.css is generated from the renderer's Chroma styles; this keeps the two
// in step. Regenerate with GAZETTE_UPDATE_HIGHLIGHT=1 go test ./handlers -run TestHighlightCSSIsCurrent.
func TestHighlightCSSIsCurrent(t *testing.T) {
	t.Parallel()
	const file = "../static/files/highlight.css"
	want := markdown.HighlightCSS()
	if os.Getenv("GAZETTE_UPDATE_HIGHLIGHT") == "1" {
		if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date: run GAZETTE_UPDATE_HIGHLIGHT=1 go test ./handlers -run TestHighlightCSSIsCurrent", file)
	}
}
