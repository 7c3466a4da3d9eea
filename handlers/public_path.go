package handlers

import (
	"errors"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gazette/data"
	"gazette/views"
)

// maxPathLen bounds the paths worth looking up; longer ones cannot be Gazette URLs.
const maxPathLen = 2048

var pagedPath = regexp.MustCompile(`^(.*/)page/([^/]+)/$`)

// handlePublicPath answers every public GET that no fixed route took: the home page and its
// pages, articles by permalink, redirects from aliases and old URLs, and page-bundle files.
func handlePublicPath(d Deps) http.Handler {
	s := newSite(d)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if len(p) > maxPathLen || strings.ContainsAny(p, "\x00\\") || hasDotSegment(p) {
			s.serveError(w, r, data.ErrNotFound)
			return
		}
		if m := pagedPath.FindStringSubmatch(p); m != nil {
			s.servePaged(w, r, m[1], m[2])
			return
		}
		if p == "/" {
			s.serveHome(w, r, 1)
			return
		}
		if err := s.serveStored(w, r, p); err != nil {
			s.serveError(w, r, err)
		}
	})
}

func hasDotSegment(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

// servePaged serves /page/N/ of a list; /page/1/ redirects to the list itself.
func (s *site) servePaged(w http.ResponseWriter, r *http.Request, base, num string) {
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || base != "/" {
		s.serveError(w, r, data.ErrNotFound)
		return
	}
	if n == 1 {
		http.Redirect(w, r, base, http.StatusMovedPermanently)
		return
	}
	s.serveHome(w, r, n)
}

// serveStored looks a path up in the path index.
func (s *site) serveStored(w http.ResponseWriter, r *http.Request, p string) error {
	t, err := s.store.ResolvePath(r.Context(), p)
	if errors.Is(err, data.ErrNotFound) && !strings.HasSuffix(p, "/") {
		if _, err2 := s.store.ResolvePath(r.Context(), p+"/"); err2 == nil {
			http.Redirect(w, r, articleURLFromPath(p+"/"), http.StatusMovedPermanently)
			return nil
		}
		return s.serveBundleFile(w, r, p)
	}
	if err != nil {
		return err
	}
	if t.IsRedirect {
		http.Redirect(w, r, articleURLFromPath(t.Permalink), http.StatusMovedPermanently)
		return nil
	}
	a, err := s.store.Article(r.Context(), t.ArticleID)
	if err != nil {
		return err
	}
	if !a.IsPublished(s.store.Now()) {
		return data.ErrNotFound
	}
	return s.serveArticle(w, r, &a)
}

func articleURLFromPath(p string) string { return articleURL(&data.Article{Permalink: p}) }

// serveBundleFile serves a page bundle's file at the article's URL plus its name
// ("/post/x/photo.jpg"), the URL a bundle's relative links resolve to.
func (s *site) serveBundleFile(w http.ResponseWriter, r *http.Request, p string) error {
	for i, depth := len(p)-1, 0; i > 0 && depth < 4; i-- {
		if p[i] != '/' {
			continue
		}
		depth++
		t, err := s.store.ResolvePath(r.Context(), p[:i+1])
		if err != nil || t.IsRedirect {
			continue
		}
		a, err := s.store.Article(r.Context(), t.ArticleID)
		if err != nil || !a.IsPublished(s.store.Now()) {
			return data.ErrNotFound
		}
		name := p[i+1:]
		for _, res := range a.Resources {
			if res.Name == name && res.StoredName != "" {
				return s.serveMedia(w, r, res)
			}
		}
		return data.ErrNotFound
	}
	return data.ErrNotFound
}

func (s *site) serveMedia(w http.ResponseWriter, r *http.Request, res data.Resource) error {
	file, err := s.media.Path(res.StoredName)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return data.ErrNotFound
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", res.MediaType)
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	http.ServeContent(w, r, res.Name, info.ModTime(), f)
	return nil
}

// serveArticle renders one article.
func (s *site) serveArticle(w http.ResponseWriter, r *http.Request, a *data.Article) error {
	v := views.ArticlePage{
		Page:    views.Page{Site: s.siteView(r), Title: a.Title, Description: a.Description},
		Article: a,
	}
	for _, t := range a.TermsOf("tags") {
		v.Tags = append(v.Tags, views.TermLink{Name: t.Name, URL: termURL(a.Lang, t.Taxonomy, t.Key)})
	}
	for _, t := range a.TermsOf("categories") {
		v.Cats = append(v.Cats, views.TermLink{Name: t.Name, URL: termURL(a.Lang, t.Taxonomy, t.Key)})
	}
	return render(w, r, http.StatusOK, views.Article(v), cachePublic, a.UpdatedAt)
}

// serveHome renders page n of the newest articles in the default language.
func (s *site) serveHome(w http.ResponseWriter, r *http.Request, n int) {
	set := s.settings(r.Context())
	size := max(set.PageSize, 1)
	list, total, err := s.store.ListPublished(r.Context(), data.ListQuery{Lang: set.DefaultLanguage, Limit: size, Offset: (n - 1) * size})
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	pages := max(1, (total+size-1)/size)
	if n > pages {
		s.serveError(w, r, data.ErrNotFound)
		return
	}
	v := views.ListPage{Page: views.Page{Site: s.siteView(r), Description: set.Description}, Number: n, Total: pages}
	if n > 1 {
		v.Title = "Page " + strconv.Itoa(n)
		v.PrevURL = pageURL("/", n-1)
	}
	if n < pages {
		v.NextURL = pageURL("/", n+1)
	}
	for i := range list {
		v.Items = append(v.Items, views.ListItem{Article: &list[i], URL: articleURL(&list[i])})
	}
	if err := render(w, r, http.StatusOK, views.List(v), cachePublic, latestUpdate(list)); err != nil {
		s.serveError(w, r, err)
	}
}

func pageURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

func latestUpdate(list []data.Article) (t time.Time) {
	for _, a := range list {
		if a.UpdatedAt.After(t) {
			t = a.UpdatedAt
		}
	}
	return t
}
