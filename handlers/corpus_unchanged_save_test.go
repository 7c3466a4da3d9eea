// The race detector makes these ~1,900 sequential saves several times slower (past the test
// timeout of make test-race) and they start no goroutines of their own to check: race builds
// leave them to the plain test run, which always has them.
//go:build !race

package handlers

import (
	"context"
	"testing"

	"gazette/data"
)

// TestUnchangedDeskSaveKeepsEveryCorpusArticle is the acceptance: every article of the
// three shared corpora and of the demo, opened in the desk and saved without a change, keeps its
// front matter (as data), its rendered HTML and every URL. One imported store per site; the
// saves run through the real handler in-process.
func TestUnchangedDeskSaveKeepsEveryCorpusArticle(t *testing.T) {
	t.Parallel()
	for _, root := range []string{"../cmd/gazette/demo", xmrCorpus, "../../shared/corpora/sky-bro__blog-src", "../../shared/corpora/ropensci__roweb3"} {
		t.Run(root, func(t *testing.T) {
			ts := newCorpusServer(t, root)
			addEditor(t, ts, "ed@example.com", data.RoleEditor)
			c := newDeskClient(t, ts)
			c.login("ed@example.com", testPassword)
			all, err := ts.store.AllArticles(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, listed := range all {
				before, err := ts.store.Article(context.Background(), listed.ID)
				if err != nil {
					t.Fatal(err)
				}
				saveUnchanged(t, c, before.ID)
				after, err := ts.store.Article(context.Background(), before.ID)
				if err != nil {
					t.Fatal(err)
				}
				assertSameArticle(t, before, after)
			}
			t.Logf("%d articles saved unchanged", len(all))
		})
	}
}
