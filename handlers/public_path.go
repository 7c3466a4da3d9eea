package handlers

import (
	"errors"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"

	"gazette/content"
	"gazette/data"
	"gazette/reader"
)

// maxPathLen bounds the paths worth looking up; longer ones cannot be Gazette URLs.
const maxPathLen = 2048

var pagedPath = regexp.MustCompile(`^(.*/)page/([^/]+)/$`)

// handlePublicPath answers every public GET that no fixed route took: articles by permalink,
// redirects from aliases and old URLs, list pages (home, sections, taxonomies, terms, archive,
// in every language), page-bundle files, and the 404 page.
func handlePublicPath(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if len(p) > maxPathLen || strings.ContainsAny(p, "\x00\\") || reader.HasDotSegment(p) {
			s.serveError(w, r, data.ErrNotFound)
			return
		}
		if strings.HasPrefix(p, reader.ThemePrefix) {
			serveThemeCSS(s, w, r)
			return
		}
		if err := servePublic(s, w, r, p); err != nil {
			s.serveError(w, r, err)
		}
	})
}

func servePublic(s *site, w http.ResponseWriter, r *http.Request, p string) error {
	ctx := r.Context()
	st, err := s.model.Current(ctx)
	if err != nil {
		return err
	}
	// An article's own path wins over any list, as Hugo lets a page's url take any path (a
	// section may even be called "page").
	t, err := s.store.ResolvePath(ctx, p)
	if err == nil {
		return serveTarget(s, w, r, t)
	}
	if !errors.Is(err, data.ErrNotFound) {
		return err
	}
	if m := pagedPath.FindStringSubmatch(p); m != nil {
		return servePaged(s, w, r, st, m[1], m[2])
	}
	if l, ok := st.ParseListing(ctx, p); ok {
		return serveList(s, w, r, st, l, 1)
	}
	if to, ok := st.HugoRedirect(ctx, p); ok {
		return redirect(w, r, content.EscapePath(to))
	}
	if !strings.HasSuffix(p, "/") {
		// A missing trailing slash: 301 to the page with it, if there is one.
		if t, err := s.store.ResolvePath(ctx, p+"/"); err == nil {
			return redirect(w, r, articleURLFromPath(t.Permalink))
		}
		if l, ok := st.ParseListing(ctx, p+"/"); ok {
			return redirect(w, r, l.URL(1))
		}
		if err := serveHugoOutput(s, w, r, st, p); !errors.Is(err, data.ErrNotFound) {
			return err
		}
		if err := serveSiteFile(s.store, s.media, w, r, p); !errors.Is(err, data.ErrNotFound) {
			return err
		}
		// Hugo gave pages whose first output format was JSON (or RSS) a permalink such as
		// /packages/x/index.json; Gazette serves them as pages, so the old link leads there.
		if dir, file := path.Split(p); file == "index.json" || file == "index.xml" {
			if t, err := s.store.ResolvePath(ctx, dir); err == nil {
				return redirect(w, r, articleURLFromPath(t.Permalink))
			}
		}
		return serveBundleFile(s.store, s.media, w, r, p)
	}
	// A folder of the imported site's static files answers with its index.html, as the web
	// server in front of Hugo's output did.
	return serveSiteFile(s.store, s.media, w, r, p+"index.html")
}

// serveSiteFile serves a file of the imported site's static folder at its old path.
func serveSiteFile(store *data.Store, media *data.MediaDir, w http.ResponseWriter, r *http.Request, p string) error {
	f, err := store.SiteFileAt(r.Context(), p)
	if err != nil {
		return err
	}
	return serveStoredFile(w, r, media, f.StoredName, f.MediaType, cacheDay)
}

func redirect(w http.ResponseWriter, r *http.Request, to string) error {
	cachePublic.set(w.Header())
	http.Redirect(w, r, to, http.StatusMovedPermanently)
	return nil
}

// servePaged serves page N of a list; page 1 redirects to the list itself.
func servePaged(s *site, w http.ResponseWriter, r *http.Request, st *reader.State, base, num string) error {
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || num != strconv.Itoa(n) {
		return data.ErrNotFound
	}
	l, ok := st.ParseListing(r.Context(), base)
	if !ok {
		return data.ErrNotFound
	}
	if n == 1 {
		return redirect(w, r, l.URL(1))
	}
	if l.Kind == reader.TaxonomyListing {
		// Hugo pages a taxonomy's terms (/tags/page/2/); Gazette shows them all on one page,
		// so each of Hugo's pages leads there.
		terms, err := s.store.TermCounts(r.Context(), l.Lang, l.Taxonomy)
		if err != nil {
			return err
		}
		if size := max(st.Settings.PageSize, 1); n > (len(terms)+size-1)/size {
			return data.ErrNotFound
		}
		return redirect(w, r, l.URL(1))
	}
	return serveList(s, w, r, st, l, n)
}

// serveTarget serves what the path index found: an article, or a redirect to one.
func serveTarget(s *site, w http.ResponseWriter, r *http.Request, t data.PathTarget) error {
	a, err := s.store.ArticleView(r.Context(), t.ArticleID)
	if err != nil {
		return err
	}
	if !a.IsPublished(s.store.Now()) {
		return data.ErrNotFound // a redirect too: it would tell the unpublished page's URL
	}
	if t.IsRedirect {
		return redirect(w, r, articleURLFromPath(t.Permalink))
	}
	return serveArticle(s, w, r, &a)
}

func articleURLFromPath(p string) string { return reader.ArticleURL(&data.Article{Permalink: p}) }

// serveBundleFile serves a page bundle's file at the article's URL plus its name
// ("/post/x/photo.jpg"), the URL a bundle's relative links resolve to.
func serveBundleFile(store *data.Store, media *data.MediaDir, w http.ResponseWriter, r *http.Request, p string) error {
	for i, depth := len(p)-1, 0; i > 0 && depth < 4; i-- {
		if p[i] != '/' {
			continue
		}
		depth++
		t, err := store.ResolvePath(r.Context(), p[:i+1])
		if err != nil || t.IsRedirect {
			continue
		}
		a, err := store.ArticleView(r.Context(), t.ArticleID)
		if err != nil || !a.IsPublished(store.Now()) {
			return data.ErrNotFound
		}
		name := p[i+1:]
		for _, res := range a.Resources {
			if res.Name == name && res.StoredName != "" {
				return serveMedia(media, w, r, res)
			}
		}
		return data.ErrNotFound
	}
	return data.ErrNotFound
}

func serveMedia(media *data.MediaDir, w http.ResponseWriter, r *http.Request, res data.Resource) error {
	// A day, not forever: the URL is the article's, and a re-import may put other bytes there.
	return serveStoredFile(w, r, media, res.StoredName, res.MediaType, cacheDay)
}

// serveThemeCSS serves the stylesheet of the site's highlight colour under its hashed name.
func serveThemeCSS(s *site, w http.ResponseWriter, r *http.Request) {
	st, err := s.model.Current(r.Context())
	if err != nil || st.ThemeURL == "" || r.URL.Path != st.ThemeURL {
		s.serveError(w, r, data.ErrNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	cacheImmutable.set(w.Header())
	if r.Method != http.MethodHead {
		w.Write([]byte(st.ThemeCSS))
	}
}
