package reader

import "strings"

// SiteRoot is the site's absolute origin and path prefix without a trailing slash, from the
// configured base URL (the desk's settings, `serve --base-url`), never from the request: a
// forged Host header must not reach a canonical link, a feed or a sitemap. A site whose base
// URL is a bare path ("/", as many Hugo configs have it) has no known origin: root is "" and
// links stay root-relative; pages then omit what only an absolute URL may fill (canonical,
// og:url) and sitemaps are not served.
func (st *State) SiteRoot() string {
	base := strings.TrimSuffix(st.Settings.BaseURL, "/")
	if strings.HasPrefix(base, "http://") || strings.HasPrefix(base, "https://") {
		return base
	}
	return ""
}

// AbsURL is a site path on the site's base URL, for canonical links; "" when the base URL
// has no origin (see SiteRoot), since a canonical link must be absolute.
func (st *State) AbsURL(escapedPath string) string {
	if root := st.SiteRoot(); root != "" {
		return root + escapedPath
	}
	return ""
}

// absoluteURL puts a site path on the site's root; URLs with a scheme stay as they are.
func absoluteURL(root, u string) string {
	if len(u) > 0 && u[0] == '/' {
		return root + u
	}
	return u
}
