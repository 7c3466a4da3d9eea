package handlers

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"gazette/data"
	"gazette/reader"
)

const (
	// sitemapMaxURLs is the sitemaps.org limit per file; past it /sitemap.xml becomes an index.
	sitemapMaxURLs = 50_000
	// newsSitemapMax and newsSitemapAge are Google News' limits: 1,000 articles of two days.
	newsSitemapMax = 1000
	newsSitemapAge = 48 * time.Hour
)

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"`
	News    string       `xml:"xmlns:news,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string         `xml:"loc"`
	Lastmod    string         `xml:"lastmod,omitempty"`
	Alternates []sitemapLink  `xml:"xhtml:link"`
	News       *sitemapNewsEl `xml:"news:news"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type sitemapNewsEl struct {
	Name            string `xml:"news:publication>news:name"`
	Language        string `xml:"news:publication>news:language"`
	PublicationDate string `xml:"news:publication_date"`
	Title           string `xml:"news:title"`
}

type sitemapIndex struct {
	XMLName  xml.Name       `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// handleSitemap serves /sitemap.xml: every public page with its lastmod and hreflang links to
// its translations, or, past 50,000 URLs, an index of /sitemaps/N.xml files.
func handleSitemap(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		part := 0
		if n, ok := mux.Vars(r)["n"]; ok {
			v, err := strconv.Atoi(n)
			if err != nil || v < 1 || n != strconv.Itoa(v) {
				s.serveError(w, r, data.ErrNotFound)
				return
			}
			part = v
		}
		if err := serveSitemap(s, w, r, part, sitemapMaxURLs); err != nil {
			s.serveError(w, r, err)
		}
	})
}

// serveSitemap writes the sitemap (part 0), or one part of a split one.
func serveSitemap(s *site, w http.ResponseWriter, r *http.Request, part, perFile int) error {
	st, err := s.model.Current(r.Context())
	if err != nil {
		return err
	}
	if st.SiteRoot() == "" {
		// The protocol takes absolute URLs only, and no origin is configured.
		return data.ErrNotFound
	}
	pages, modified, err := st.SitemapPages(r.Context(), "")
	if err != nil {
		return err
	}
	urls := sitemapURLs(pages)
	root := st.SiteRoot()
	var doc any
	switch parts := (len(urls) + perFile - 1) / perFile; {
	case part == 0 && parts <= 1:
		doc = sitemapURLSet{XHTML: "http://www.w3.org/1999/xhtml", URLs: urls}
	case part == 0:
		idx := sitemapIndex{}
		for i := 1; i <= parts; i++ {
			idx.Sitemaps = append(idx.Sitemaps, sitemapEntry{Loc: root + "/sitemaps/" + strconv.Itoa(i) + ".xml", Lastmod: w3cTime(modified)})
		}
		doc = idx
	case part <= parts && parts > 1:
		doc = sitemapURLSet{XHTML: "http://www.w3.org/1999/xhtml", URLs: urls[(part-1)*perFile : min(len(urls), part*perFile)]}
	default:
		return data.ErrNotFound
	}
	return serveXML(w, r, doc, modified)
}

// serveLanguageSitemap writes one language's sitemap (at most sitemapMaxURLs of its URLs), as
// Hugo writes one per language of a multilingual site (/en/sitemap.xml).
func serveLanguageSitemap(s *site, w http.ResponseWriter, r *http.Request, st *reader.State, lang string) error {
	if st.SiteRoot() == "" || len(st.Settings.Languages) < 2 || !slices.ContainsFunc(st.Settings.Languages, func(l data.LanguageSetting) bool { return l.Code == lang }) {
		return data.ErrNotFound
	}
	pages, modified, err := st.SitemapPages(r.Context(), lang)
	if err != nil {
		return err
	}
	urls := sitemapURLs(pages)
	return serveXML(w, r, sitemapURLSet{XHTML: "http://www.w3.org/1999/xhtml", URLs: urls[:min(len(urls), sitemapMaxURLs)]}, modified)
}

// sitemapURLs is the reader model's sitemap pages as the protocol's XML elements.
func sitemapURLs(pages []reader.SitemapPage) []sitemapURL {
	urls := make([]sitemapURL, len(pages))
	for i, p := range pages {
		urls[i] = sitemapURL{Loc: p.Loc, Lastmod: w3cTime(p.Lastmod)}
		for _, t := range p.Translations {
			urls[i].Alternates = append(urls[i].Alternates, sitemapLink{Rel: "alternate", Hreflang: t.Hreflang, Href: t.URL})
		}
	}
	return urls
}

// handleNewsSitemap serves /sitemap-news.xml: the articles of the last two days, as Google
// News reads them.
func handleNewsSitemap(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := serveNewsSitemap(s, w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}

func serveNewsSitemap(s *site, w http.ResponseWriter, r *http.Request) error {
	st, err := s.model.Current(r.Context())
	if err != nil {
		return err
	}
	if st.SiteRoot() == "" {
		return data.ErrNotFound
	}
	articles, modified, err := st.NewsSitemapArticles(r.Context(), s.store.Now().Add(-newsSitemapAge), newsSitemapMax)
	if err != nil {
		return err
	}
	doc := sitemapURLSet{News: "http://www.google.com/schemas/sitemap-news/0.9"}
	for _, a := range articles {
		doc.URLs = append(doc.URLs, sitemapURL{Loc: a.Loc,
			News: &sitemapNewsEl{Name: a.SiteName, Language: a.Lang, PublicationDate: w3cTime(a.Published), Title: a.Title}})
	}
	return serveXML(w, r, doc, modified)
}

// handleRobots serves /robots.txt: the site's own rules when set, else crawl everything but
// the desk and search results, and in both cases where the sitemaps are.
func handleRobots(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, err := s.model.Current(r.Context())
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		rules := st.Settings.RobotsTxt
		if strings.TrimSpace(rules) == "" {
			rules = "User-agent: *\nDisallow: /admin/\nDisallow: /search\n"
		}
		body := strings.TrimRight(rules, "\n") + "\n"
		if root := st.SiteRoot(); root != "" {
			body += "\nSitemap: " + root + "/sitemap.xml\nSitemap: " + root + "/sitemap-news.xml\n"
		}
		serveDocument(w, r, "text/plain; charset=utf-8", []byte(body), st.Modified)
	})
}

func serveXML(w http.ResponseWriter, r *http.Request, doc any, modified time.Time) error {
	b, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	setKeys(w, "sitemap")
	serveDocument(w, r, "application/xml; charset=utf-8", append([]byte(xml.Header), b...), modified)
	return nil
}

// w3cTime is the date format sitemaps use; "" for an unknown date.
func w3cTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
