package handlers

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzhttp"
	"github.com/klauspost/compress/gzip"

	"gazette/data"
)

// recoverPanics turns a panic in any handler into a logged 500 instead of a dropped connection.
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("panic", "path", r.URL.Path, "panic", v)
				http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// bodyReadTimeout is how long a request with a body (a form, an upload) has to send it.
const bodyReadTimeout = 60 * time.Second

// bodyDeadline gives every request that carries a body a deadline for sending it, so a client
// trickling a body cannot hold a handler for good. The server sets no ReadTimeout
// (cmd/gazette/serve.go): with one, net/http arms a timer for the whole request on every
// request, a cache hit's too, where without it clears the header deadline; almost no request
// has a body. ContentLength is -1 for a chunked body and 0 for none, whatever the protocol
// (under HTTP/2 every Body is non-nil).
func bodyDeadline(timeout time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength != 0 {
			// Not every writer supports it (a recorder in tests); the server's does.
			_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(timeout))
		}
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response carries. Framing is ruled by the CSP's
// frame-ancestors, which every current browser honours and which supersedes X-Frame-Options;
// a cache hit writes each header again, so one that says nothing new is not sent. The CSP allows no inline script:
// Gazette's pages need none to be read. The one outside script is MathJax, allowed from its
// cdnjs folder only (all of cdnjs would admit old libraries that are known CSP bypasses); a site
// that sets mathjaxPath elsewhere must self-host it under /static or widen this list.
//
// Two more promises are kept where they mean something, not in a header on every page view:
// the referrer policy is in every page's head (views.Layout, views.AdminLayout: a policy
// belongs to a document, and only pages are documents), and nosniff goes on everything but the
// pages render writes. Those are declared text/html; charset=utf-8, so no browser sniffs them,
// and they begin with <!DOCTYPE html>, which is no JavaScript, so no <script src> can run one
// (TestSecurityPromisesWhereTheyMeanSomething). Uploads, feeds, assets, JSON and plain-text
// errors keep it. A page view from the cache then sends eight headers on an http site, which
// Go's header map holds in one group, and nine on an https one (Strict-Transport-Security),
// which costs a hit about a third more in process (BenchmarkCacheHit/gazette-https; issue 9).
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' https: data:; media-src 'self' https:; "+
			"frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com; "+
			"script-src 'self' https://cdnjs.cloudflare.com/ajax/libs/mathjax/; style-src 'self'; style-src-attr 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
		h.Set(noSniffHeader, "nosniff")
		next.ServeHTTP(w, r)
	})
}

// noSniffHeader tells browsers to take a response's declared type as it is.
const noSniffHeader = "X-Content-Type-Options"

// strictTransport sends Strict-Transport-Security when the site's base URL is https (whatever
// the connection: TLS often ends at a proxy in front), with the security settings' max-age;
// includeSubDomains and preload only when an admin turned them on, since both reach beyond
// this site and preload cannot be taken back quickly.
func strictTransport(s *site, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if st, err := s.model.Current(r.Context()); err == nil {
			if v := hstsValue(st.Settings.BaseURL, st.Security); v != "" {
				w.Header().Set("Strict-Transport-Security", v)
			}
		}
		next.ServeHTTP(w, r)
	})
}

// hstsValue is the Strict-Transport-Security header for a base URL, or "" for none.
func hstsValue(baseURL string, set data.SecuritySettings) string {
	if !strings.HasPrefix(baseURL, "https://") || set.HSTSMaxAge <= 0 {
		return ""
	}
	v := "max-age=" + strconv.Itoa(set.HSTSMaxAge)
	if set.HSTSIncludeSubdomains {
		v += "; includeSubDomains"
	}
	if set.HSTSPreload {
		v += "; preload"
	}
	return v
}

// compress gzips text responses for clients that accept it, at the fastest level: about 10%
// larger than the default, several times cheaper. What it writes is made once for one request
// (search, personal pages, query strings, errors); a page the response cache keeps is
// compressed again there at the best level (compressGzip), since it is sent thousands of times.
func compress(next http.Handler) http.Handler {
	// gzip only: every client that matters takes it; zstd would be one more encoding to keep.
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(512), gzhttp.EnableZstd(false), gzhttp.CompressionLevel(gzip.BestSpeed))
	if err != nil {
		// The options are constants; an error here is a programming error.
		panic(err)
	}
	return wrap(next)
}
