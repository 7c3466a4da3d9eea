package data

import (
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// articleColumns are the columns written from an Article, in the order articleArgs gives them.
var articleColumns = []string{
	"source_path", "lang", "translation_key", "section", "type", "title", "link_title", "slug", "url",
	"permalink", "aliases", "description", "summary", "lead", "thumbnail", "thumbnail_visibility", "weight",
	"date", "date_unix", "publish_date", "publish_unix", "lastmod", "lastmod_unix", "expiry_date", "expiry_unix",
	"draft", "headless", "menus", "comments", "authorbox", "pager", "toc", "mathjax", "sidebar", "widgets",
	"post_meta", "lang_list", "translations_list", "front_matter", "front_matter_format", "body_markdown",
	"body_html", "summary_html", "truncated", "toc_headings", "plain_text", "word_count", "resources",
	"content_hash", "search_tags", "front_matter_text", "flags",
}

// listColumns are what list pages need: everything but the body and the raw front matter.
const listColumns = `a.id, a.source_path, a.lang, a.translation_key, a.section, a.type, a.title, a.link_title,
	a.slug, a.url, a.permalink, a.aliases, a.description, a.summary, a.lead, a.thumbnail,
	a.thumbnail_visibility, a.weight, a.date, a.publish_date, a.lastmod, a.expiry_date, a.draft, a.headless,
	a.menus, a.comments, a.authorbox, a.pager, a.toc, a.mathjax, a.sidebar, a.widgets, a.post_meta,
	a.summary_html, a.truncated, a.word_count, a.resources, a.content_hash, a.created_at, a.updated_at, a.flags`

// fullColumns adds the body and the front matter.
const fullColumns = listColumns + `, a.lang_list, a.translations_list, a.front_matter, a.front_matter_format,
	a.body_markdown, a.body_html, a.toc_headings, a.plain_text, a.front_matter_text`

func articleArgs(a *Article) []any {
	return []any{
		a.SourcePath, a.Lang, a.TranslationKey, a.Section, a.Type, a.Title, a.LinkTitle, a.Slug, a.URL,
		a.Permalink, jsonText(orEmpty(a.Aliases)), a.Description, a.Summary, a.Lead, a.Thumbnail,
		jsonOrNull(a.ThumbnailVisibility), a.Weight,
		dateText(a.Date), unixOrNull(a.Date), dateText(a.PublishDate), unixOrNull(a.PublishDate),
		dateText(a.Lastmod), unixOrNull(a.Lastmod), dateText(a.ExpiryDate), unixOrNull(a.ExpiryDate),
		a.Draft, a.Headless, jsonOrNull(a.Menus), boolOrNull(a.Comments), boolOrNull(a.Authorbox),
		boolOrNull(a.Pager), boolOrNull(a.TOC), boolOrNull(a.MathJax), a.Sidebar, jsonOrNull(a.Widgets),
		jsonOrNull(a.PostMeta), jsonOrNull(a.LangList), jsonOrNull(a.TranslationsList),
		jsonText(orEmptyMap(a.FrontMatter)), a.FrontMatterFmt, a.BodyMarkdown, a.BodyHTML, a.SummaryHTML,
		a.Truncated, jsonText(orEmptyHeadings(a.TOCHeadings)), a.PlainText, a.WordCount,
		jsonText(orEmptyResources(a.Resources)), a.ContentHash, searchTags(a.Terms), a.FrontMatterText,
		jsonOrNull(a.Flags),
	}
}

// searchTags is what the search index reads of an article's terms: their names, then one
// token per term that a tag or category filter asks for (searchTermToken). Migration 0100
// writes the same shape in SQL.
func searchTags(terms []Term) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Name)
	}
	for _, t := range terms {
		b.WriteByte(' ')
		b.WriteString(searchTermToken(t.Taxonomy, t.Key))
	}
	return b.String()
}

// searchTermToken is a term as one index token no article text contains: its taxonomy and
// key in hex, so any key stays one token of letters and digits (migration 0100).
func searchTermToken(taxonomy, key string) string {
	return "gzterm" + hex.EncodeToString([]byte(taxonomy+"/"+key))
}

// scanner is what *sql.Row and *sql.Rows share.
type scanner interface{ Scan(dest ...any) error }

// scanArticle reads listColumns, and fullColumns when full is set.
func scanArticle(sc scanner, full bool) (Article, error) {
	var a Article
	var aliases, resources string
	var thumbVis, menus, widgets, postMeta, flags sql.NullString
	var date, pub, mod, exp string
	var comments, authorbox, pager, toc, mathjax sql.NullBool
	var created, updated int64
	dest := []any{&a.ID, &a.SourcePath, &a.Lang, &a.TranslationKey, &a.Section, &a.Type, &a.Title, &a.LinkTitle,
		&a.Slug, &a.URL, &a.Permalink, &aliases, &a.Description, &a.Summary, &a.Lead, &a.Thumbnail,
		&thumbVis, &a.Weight, &date, &pub, &mod, &exp, &a.Draft, &a.Headless,
		&menus, &comments, &authorbox, &pager, &toc, &mathjax, &a.Sidebar, &widgets, &postMeta,
		&a.SummaryHTML, &a.Truncated, &a.WordCount, &resources, &a.ContentHash, &created, &updated, &flags}
	var langList, trList sql.NullString
	var frontMatter, headings string
	if full {
		dest = append(dest, &langList, &trList, &frontMatter, &a.FrontMatterFmt, &a.BodyMarkdown, &a.BodyHTML,
			&headings, &a.PlainText, &a.FrontMatterText)
	}
	if err := sc.Scan(dest...); err != nil {
		return a, err
	}
	a.Date, a.PublishDate, a.Lastmod, a.ExpiryDate = parseDateText(date), parseDateText(pub), parseDateText(mod), parseDateText(exp)
	a.Comments, a.Authorbox, a.Pager, a.TOC, a.MathJax = boolPtr(comments), boolPtr(authorbox), boolPtr(pager), boolPtr(toc), boolPtr(mathjax)
	a.CreatedAt, a.UpdatedAt = time.Unix(created, 0).UTC(), time.Unix(updated, 0).UTC()
	err := firstErr(
		json.Unmarshal([]byte(aliases), &a.Aliases),
		json.Unmarshal([]byte(resources), &a.Resources),
		unmarshalNull(thumbVis, &a.ThumbnailVisibility),
		unmarshalNull(menus, &a.Menus),
		unmarshalNull(widgets, &a.Widgets),
		unmarshalNull(postMeta, &a.PostMeta),
		unmarshalNull(flags, &a.Flags),
	)
	if err == nil && full {
		err = firstErr(
			unmarshalNull(langList, &a.LangList),
			unmarshalNull(trList, &a.TranslationsList),
			json.Unmarshal([]byte(frontMatter), &a.FrontMatter),
			json.Unmarshal([]byte(headings), &a.TOCHeadings),
		)
	}
	if err != nil {
		return a, fmt.Errorf("decode article %d: %w", a.ID, err)
	}
	return a, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func parseDateText(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func unixOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

func boolOrNull(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func boolPtr(n sql.NullBool) *bool {
	if !n.Valid {
		return nil
	}
	b := n.Bool
	return &b
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only values decoded from YAML/TOML/JSON arrive here, and they always marshal.
		return "null"
	}
	return string(b)
}

// jsonOrNull stores nil slices and maps as NULL, so "absent" stays distinct from "empty".
func jsonOrNull[T any](v T) any {
	b, _ := json.Marshal(v)
	if string(b) == "null" {
		return nil
	}
	return string(b)
}

func unmarshalNull(n sql.NullString, dst any) error {
	if !n.Valid {
		return nil
	}
	return json.Unmarshal([]byte(n.String), dst)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func orEmptyMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func orEmptyHeadings(h []Heading) []Heading {
	if h == nil {
		return []Heading{}
	}
	return h
}

func orEmptyResources(r []Resource) []Resource {
	if r == nil {
		return []Resource{}
	}
	return r
}
