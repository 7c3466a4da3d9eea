package handlers

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// jsonLD parses every JSON-LD block of a page, keyed by @type.
func jsonLD(t *testing.T, d *goquery.Document) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	d.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v map[string]any
		if err := json.Unmarshal([]byte(s.Text()), &v); err != nil {
			t.Errorf("JSON-LD does not parse: %v\n%s", err, s.Text())
			return
		}
		if v["@context"] != "https://schema.org" {
			t.Errorf("JSON-LD without the schema.org context: %v", v)
		}
		typ, _ := v["@type"].(string)
		out[typ] = v
	})
	return out
}

func metaContent(d *goquery.Document, attr, name string) string {
	return d.Find(`meta[`+attr+`="`+name+`"]`).AttrOr("content", "")
}

func TestArticleHeadMeta(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	d := doc(t, ts.get(t, "/news/wall/"))
	for attr, want := range map[string]string{
		"og:type": "article", "og:url": "https://news.example/news/wall/", "og:site_name": "Harbour Gazette",
		"og:title": "Harbour wall repairs begin", "og:description": "Engineers start on the storm-damaged wall.",
		"og:image": "https://news.example/img/wall.jpg", "og:locale": "en", "article:section": "news",
		"article:published_time": "2026-11-20T09:00:00Z", "article:modified_time": "2026-11-21T10:00:00Z",
	} {
		if got := metaContent(d, "property", attr); got != want {
			t.Errorf("%s = %q, want %q", attr, got, want)
		}
	}
	if got := metaContent(d, "name", "twitter:card"); got != "summary_large_image" {
		t.Errorf("twitter:card %q", got)
	}
	if got := d.Find(`link[rel=canonical]`).AttrOr("href", ""); got != "https://news.example/news/wall/" {
		t.Errorf("canonical %q", got)
	}
	var hreflang []string
	d.Find(`link[rel=alternate][hreflang]`).Each(func(_ int, s *goquery.Selection) {
		hreflang = append(hreflang, s.AttrOr("hreflang", "")+" "+s.AttrOr("href", ""))
	})
	if strings.Join(hreflang, "|") != "en https://news.example/news/wall/|es https://news.example/es/news/wall/|x-default https://news.example/news/wall/" {
		t.Errorf("hreflang %v", hreflang)
	}

	ld := jsonLD(t, d)
	article := ld["NewsArticle"]
	for _, key := range []string{"headline", "datePublished", "dateModified", "author", "image", "publisher", "mainEntityOfPage", "articleSection", "keywords"} {
		if article[key] == nil {
			t.Errorf("NewsArticle lacks %s: %v", key, article)
		}
	}
	if article["headline"] != "Harbour wall repairs begin" || article["datePublished"] != "2026-11-20T09:00:00Z" {
		t.Errorf("NewsArticle %v", article)
	}
	crumbs, _ := ld["BreadcrumbList"]["itemListElement"].([]any)
	if len(crumbs) != 3 {
		t.Fatalf("breadcrumbs %v", ld["BreadcrumbList"])
	}
	last := crumbs[2].(map[string]any)
	if last["position"] != 3.0 || last["item"] != "https://news.example/news/wall/" || last["name"] != "Harbour wall repairs begin" {
		t.Errorf("last crumb %v", last)
	}

	// The translation links back, and says it is Spanish.
	es := doc(t, ts.get(t, "/es/news/wall/"))
	if got := metaContent(es, "property", "og:locale"); got != "es" {
		t.Errorf("es og:locale %q", got)
	}
	if es.Find(`link[rel=alternate][hreflang=en]`).AttrOr("href", "") != "https://news.example/news/wall/" {
		t.Error("the Spanish version does not link the English one")
	}
}

func TestListHeadMeta(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, multilingualSite)
	home := doc(t, ts.get(t, "/"))
	site := jsonLD(t, home)["WebSite"]
	action, _ := site["potentialAction"].(map[string]any)
	target, _ := action["target"].(map[string]any)
	if action["@type"] != "SearchAction" || target["urlTemplate"] != "https://news.example/search?q={search_term_string}" ||
		action["query-input"] != "required name=search_term_string" {
		t.Errorf("WebSite search action %v", site)
	}
	var feeds []string
	home.Find(`link[rel=alternate][type]`).Each(func(_ int, s *goquery.Selection) {
		feeds = append(feeds, s.AttrOr("type", "")+" "+s.AttrOr("href", ""))
	})
	if strings.Join(feeds, "|") != "application/rss+xml /index.xml|application/atom+xml /atom.xml|application/feed+json /feed.json" {
		t.Errorf("home feeds %v", feeds)
	}
	if home.Find(`link[rel=search][type="application/opensearchdescription+xml"]`).AttrOr("href", "") != "/opensearch.xml" {
		t.Error("no OpenSearch link")
	}
	if got := home.Find(`link[rel=alternate][hreflang=es]`).AttrOr("href", ""); got != "https://news.example/es/" {
		t.Errorf("home hreflang es %q", got)
	}
	// Every advertised feed answers.
	for _, p := range []string{"/", "/news/", "/tags/harbour/", "/es/"} {
		d := doc(t, ts.get(t, p))
		d.Find(`link[rel=alternate][type]`).Each(func(_ int, s *goquery.Selection) {
			if r := ts.get(t, s.AttrOr("href", "")); r.StatusCode != http.StatusOK {
				t.Errorf("%s advertises %s, which answers %d", p, s.AttrOr("href", ""), r.StatusCode)
			}
		})
	}
	tag := doc(t, ts.get(t, "/tags/harbour/"))
	if tag.Find(`link[rel=alternate][href="/tags/harbour/index.xml"]`).Length() != 1 || jsonLD(t, tag)["BreadcrumbList"] == nil {
		t.Error("term page: no feed link or breadcrumbs")
	}
}
