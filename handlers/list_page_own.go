package handlers

import (
	"context"
	"errors"
	"strings"

	"gazette/content"
	"gazette/data"
)

// ownPage is a list's own page (the home, section, taxonomy or term _index file it was
// imported with): its title, description and rendered body. A list without one gets a zero
// ListPage, and Hugo's made-up title stands.
func (s *site) ownPage(ctx context.Context, l listSpec) (data.ListPage, error) {
	if l.kind == listArchive {
		return data.ListPage{}, nil
	}
	lp, err := s.store.ListPageAt(ctx, l.lang, content.MakePathSanitized(l.base()))
	if errors.Is(err, data.ErrNotFound) {
		return data.ListPage{}, nil
	}
	return lp, err
}

// sectionHasOwnPage reports whether a section without articles has a page of its own (an
// _index file, such as an "About" section whose text is its intro): Hugo serves it.
func (s *site) sectionHasOwnPage(ctx context.Context, l listSpec, section string) bool {
	l.kind, l.section = listSection, section
	lp, err := s.ownPage(ctx, l)
	if err != nil {
		s.log.Error("list page lookup", "section", section, "err", err)
	}
	return lp.SourcePath != ""
}

// listPageTerm finds a term that only list pages name; its name as first written.
func (s *site) listPageTerm(ctx context.Context, lang, taxonomy, key string) (string, bool) {
	terms, err := s.store.ListPageTerms(ctx)
	if err != nil {
		s.log.Error("list page terms", "err", err)
		return "", false
	}
	for _, t := range terms {
		if t.Lang == lang && strings.EqualFold(t.Key, taxonomy) && content.Urlize(t.Name) == key {
			return t.Name, true
		}
	}
	return "", false
}
