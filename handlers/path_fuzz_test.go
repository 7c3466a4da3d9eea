package handlers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzPublicPaths: no path or query string makes a reader page answer 500 or panic.
func FuzzPublicPaths(f *testing.F) {
	for _, s := range []string{"/", "/post/one/", "/page/2/", "/tags/harbour/page/0/", "/search?q=%22a", "/%00", "/..%2f..%2f",
		"/archive/2026/13/", "/categories/x/index.xml", "/es/", "/index.json", "/sitemaps/-1.xml", "/post/one/pic.png?x=1",
		"/" + strings.Repeat("a/", 300), "/\xff\xfe/", "/tags/%E2%80%AE/", "/archive/9999999999999999999/"} {
		f.Add(s)
	}
	h := newTestServer(f, basicSite).Config.Handler
	f.Fuzz(func(t *testing.T, target string) {
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		req, err := http.NewRequest(http.MethodGet, "http://example.com"+target, nil)
		if err != nil {
			return // not a request a client could send
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 && w.Code != http.StatusServiceUnavailable {
			t.Fatalf("%q: status %d", target, w.Code)
		}
	})
}
