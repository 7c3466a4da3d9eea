package data

import (
	"context"
	"fmt"
	"path"
	"strings"
)

// ListPageAlias returns the permalink of the published list page that claims path p as an
// alias (`aliases: [articles]` in a section's _index file); ErrNotFound when none does. The
// aliases of every list page are read once and kept until the next import (a list page write
// names "*").
func (s *Store) ListPageAlias(ctx context.Context, p string) (string, error) {
	aliases, err := memoGet(ctx, s.memo, "list-page-aliases", []string{"*"}, func() (map[string]string, int, []string, error) {
		m, err := s.readListPageAliases(ctx)
		return m, 16 + 8*len(m), nil, err
	})
	if err != nil {
		return "", err
	}
	if to, ok := aliases[p]; ok {
		return to, nil
	}
	return "", ErrNotFound
}

func (s *Store) readListPageAliases(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT l.lang, l.permalink, j.value FROM list_pages l,
		json_each(l.front_matter, '$.aliases') j WHERE l.draft = 0 AND json_type(l.front_matter, '$.aliases') = 'array'
		AND j.type = 'text' ORDER BY l.source_path, j.key`)
	if err != nil {
		return nil, fmt.Errorf("list page aliases: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var lang, permalink, a string
		if err := rows.Scan(&lang, &permalink, &a); err != nil {
			return nil, fmt.Errorf("list page aliases: %w", err)
		}
		if to := ListAliasPath(a, lang, permalink); to != "" && to != permalink {
			if _, taken := out[to]; !taken {
				out[to] = permalink
			}
		}
	}
	return out, rows.Err()
}

// ListAliasPath is where Hugo 0.111 writes a list page's alias: a relative alias sits beside
// the list's own folder ("articles" on /zh/posts/ is /zh/articles/), an absolute one under the
// list's language prefix. "" for an alias that is a full URL.
func ListAliasPath(alias, lang, permalink string) string {
	alias = strings.TrimSpace(alias)
	if alias == "" || strings.Contains(alias, "://") {
		return ""
	}
	if strings.HasPrefix(alias, "/") {
		if prefix := "/" + lang; strings.HasPrefix(permalink, prefix+"/") && !strings.HasPrefix(alias, prefix+"/") {
			alias = prefix + alias
		}
	} else {
		alias = path.Join(path.Dir(strings.TrimSuffix(permalink, "/")), alias)
	}
	out := path.Clean(alias)
	if path.Ext(out) == "" && out != "/" {
		out += "/"
	}
	return out
}

// ListPageTerm is a term a list page's front matter names (`tags = ["x"]` in an _index file):
// Hugo makes a term page for it even when no article carries it.
type ListPageTerm struct {
	Lang, Key, Name string // Key is the front matter's key as written ("tags"), Name the value
	Permalink       string // the list page's own
}

// ListPageTerms are the terms every published list page names, read once until the next
// import. Names are as written; the caller makes keys of them.
func (s *Store) ListPageTerms(ctx context.Context) ([]ListPageTerm, error) {
	return memoGet(ctx, s.memo, "list-page-terms", []string{"*"}, func() ([]ListPageTerm, int, []string, error) {
		rows, err := s.db.QueryContext(ctx, `SELECT l.lang, t.key, v.value, l.permalink FROM list_pages l, json_each(l.front_matter) t,
			json_each(t.value) v WHERE l.draft = 0 AND t.type = 'array' AND v.type = 'text' ORDER BY l.source_path, t.key, v.key`)
		if err != nil {
			return nil, 0, nil, fmt.Errorf("list page terms: %w", err)
		}
		defer rows.Close()
		var out []ListPageTerm
		for rows.Next() {
			var t ListPageTerm
			if err := rows.Scan(&t.Lang, &t.Key, &t.Name, &t.Permalink); err != nil {
				return nil, 0, nil, fmt.Errorf("list page terms: %w", err)
			}
			out = append(out, t)
		}
		return out, 16 + 12*len(out), nil, rows.Err()
	})
}
