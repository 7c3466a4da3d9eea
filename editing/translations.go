package editing

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strings"

	"gazette/data"
	"gazette/reader"
)

// TranslationOf is the URL of another language's version of the article, shown in the form.
func TranslationOf(ctx context.Context, store *data.Store, log *slog.Logger, a *data.Article) string {
	group, err := store.TranslationGroup(ctx, a.TranslationKey)
	if err != nil {
		log.Error("translation group", "article", a.ID, "err", err)
		return ""
	}
	for _, g := range group {
		if g.ID != a.ID && g.Lang != a.Lang {
			return reader.ArticleURL(&g)
		}
	}
	return ""
}

// LinkTranslation makes the article one story with the article at ref (a URL or path of the
// same story in another language), or, with ref empty, a story of its own. Problems are
// reported on the translation_of field.
func LinkTranslation(ctx context.Context, store *data.Store, a *data.Article, ref string, errs *data.ValidationError) {
	own := strings.TrimSuffix(a.SourcePath, ".md")
	if ref == "" {
		if others, err := store.TranslationGroup(ctx, a.TranslationKey); err == nil && hasOther(others, a.ID) {
			a.TranslationKey = own // unlinked: it keeps no partner
		}
		return
	}
	u, err := url.Parse(ref)
	if err != nil || u.Path == "" {
		errs.Add("translation_of", "Give the address of the other version, such as /news/harbour-reopens/.")
		return
	}
	target, err := store.ResolvePath(ctx, u.Path)
	if errors.Is(err, data.ErrNotFound) && !strings.HasSuffix(u.Path, "/") {
		target, err = store.ResolvePath(ctx, u.Path+"/")
	}
	if err != nil {
		errs.Add("translation_of", "No article lives at that address.")
		return
	}
	other, err := store.Article(ctx, target.ArticleID)
	if err != nil {
		errs.Add("translation_of", "No article lives at that address.")
		return
	}
	switch {
	case other.ID == a.ID:
		errs.Add("translation_of", "An article cannot be a translation of itself.")
		return
	case other.Lang == a.Lang:
		errs.Add("translation_of", "That article is in the same language; link the version in another language.")
		return
	}
	group, err := store.TranslationGroup(ctx, other.TranslationKey)
	if err != nil {
		errs.Add("translation_of", "The other version could not be read; try again.")
		return
	}
	for _, g := range group {
		if g.ID != a.ID && g.Lang == a.Lang {
			errs.Add("translation_of", "That story already has a version in this language: "+g.Title+".")
			return
		}
	}
	a.TranslationKey = other.TranslationKey
}

func hasOther(group []data.Article, id int64) bool {
	for _, g := range group {
		if g.ID != id {
			return true
		}
	}
	return false
}
