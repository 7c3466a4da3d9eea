package main

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoLinkBreaks: after importing each corpus, every permalink in Hugo's own listing answers
// (directly or through one redirect), except pages Hugo itself would not publish (drafts and
// expired pages).
func TestNoLinkBreaks(t *testing.T) {
	for _, name := range []string{"xmr-ru__xmr_ru", "ropensci__roweb3", "sky-bro__blog-src"} {
		t.Run(name, func(t *testing.T) {
			dir := corpusDir(t, name)
			srv := newImportedSite(t, dir).Server
			expired := map[string]bool{}
			if b, err := os.ReadFile(filepath.Join(dir, "hugo-list-expired.csv")); err == nil {
				for _, line := range strings.Split(string(b), "\n") {
					expired[strings.SplitN(line, ",", 2)[0]] = true
				}
			}
			f, err := os.Open(filepath.Join(dir, "hugo-list-all.csv"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			client := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) > 1 {
					return http.ErrUseLastResponse
				}
				return nil
			}}
			checked := 0
			for _, row := range rows[1:] {
				if row[6] == "true" || expired[row[0]] {
					continue
				}
				u, err := url.Parse(row[7])
				if err != nil {
					t.Fatalf("%s: %v", row[7], err)
				}
				resp, err := client.Get(srv.URL + u.EscapedPath())
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Errorf("%s (%s): %d", u.EscapedPath(), row[0], resp.StatusCode)
				}
				checked++
			}
			t.Logf("%d permalinks answer", checked)
		})
	}
}
