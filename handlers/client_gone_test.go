package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"gazette/static"
)

// loggedSite is the site over ts with its log kept, as text, from level up.
func loggedSite(t *testing.T, ts *testServer, level slog.Level) (http.Handler, *lockedBuffer) {
	t.Helper()
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	return New(Deps{Store: ts.store, Media: ts.media, Assets: assets,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: level}))}), logs
}

// TestClientGoneIsNotAnError: a reader who leaves before the page is ready (the request's
// context canceled: a closed tab, a load test stopping) gets no error page drawn and leaves no
// error in the log — it is counted as nginx's 499 and logged at debug level. Under a load test's
// end every in-flight render was an ERROR line and a second one for the error page.
func TestClientGoneIsNotAnError(t *testing.T) {
	t.Parallel()
	h, logs := loggedSite(t, newTestServer(t, basicSite), slog.LevelDebug)
	for _, path := range []string{"/post/one/?uncached", "/?uncached", "/tags/?uncached", "/tags/harbour/?uncached", "/categories/news/?uncached", "/search/?q=one"} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code == http.StatusInternalServerError {
			t.Errorf("%s, client gone: status 500", path)
		}
	}
	if l := logs.String(); strings.Contains(l, "level=ERROR") {
		t.Errorf("a client that left is logged as an error:\n%s", l)
	}
	if l := logs.String(); !strings.Contains(l, "client gone") {
		t.Errorf("no debug line says the client left:\n%s", l)
	}
}
