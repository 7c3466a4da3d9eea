package hugosite

import (
	"context"

	"gazette/content"
	"gazette/data"
)

// importListPages saves the site's home, section, taxonomy and term pages (its _index files),
// rendered by Site.Render with the articles; those that failed to read or render are left out
// and reported as failed.
func importListPages(ctx context.Context, store *data.Store, site *content.Site, rep *Report) error {
	failed := map[string]bool{}
	for _, p := range site.Problems {
		if p.Kind == content.Failed {
			failed[p.Path] = true
		}
	}
	pages := make([]data.ListPage, 0, len(site.ListPages))
	for _, lp := range site.ListPages {
		if !failed[lp.SourcePath] {
			pages = append(pages, lp)
		}
	}
	rep.ListPages = len(pages)
	return store.SaveListPages(ctx, pages)
}
