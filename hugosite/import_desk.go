package hugosite

import (
	"context"

	"gazette/data"
)

// adoptDeskArticles: an export writes a desk-written article to content/<section>/<slug>.md;
// importing that export into the same store finds the article by its language and URL and
// moves it to the file's path, so it is updated, not added twice.
func adoptDeskArticles(ctx context.Context, store *data.Store, articles []data.Article) error {
	_, err := store.AdoptDeskArticles(ctx, deskPrefix, articles)
	return err
}
