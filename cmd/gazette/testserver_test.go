package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"gazette/content"
	"gazette/data"
	"gazette/handlers"
	"gazette/hugosite"
	"gazette/static"
)

// testSite is a real store in a temporary folder behind the real handler.
type testSite struct {
	Store  *data.Store
	Media  *data.MediaDir
	Server *httptest.Server
}

// newTestSite starts a site with the demo content loaded, plus any Hugo sites named.
func newTestSite(t testing.TB, hugoSites ...string) *testSite {
	t.Helper()
	return startTestSite(t, true, hugoSites...)
}

// newImportedSite starts a site holding only the Hugo sites named, as after a migration.
func newImportedSite(t testing.TB, hugoSites ...string) *testSite {
	t.Helper()
	return startTestSite(t, false, hugoSites...)
}

func startTestSite(t testing.TB, demo bool, hugoSites ...string) *testSite {
	t.Helper()
	ctx := context.Background()
	store, media, err := openStore(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if demo {
		if _, err := importDemo(ctx, store, media, "127.0.0.1:8080"); err != nil {
			t.Fatalf("demo: %v", err)
		}
	}
	for _, dir := range hugoSites {
		site, err := content.LoadSite(dir)
		if err != nil {
			t.Fatalf("load %s: %v", dir, err)
		}
		if _, err := hugosite.Import(ctx, store, media, site); err != nil {
			t.Fatalf("import %s: %v", dir, err)
		}
	}
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(handlers.New(handlers.Deps{Store: store, Media: media, Assets: assets,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(srv.Close)
	return &testSite{Store: store, Media: media, Server: srv}
}

// corpusDir returns a shared Hugo corpus folder (missingShared when shared/ is absent).
func corpusDir(t testing.TB, name string) string {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpora", name))
	if _, err := os.Stat(dir); err != nil {
		missingShared(t, "corpus "+dir)
	}
	return dir
}

// missingShared stops a test whose shared corpus or fixture is absent: under `make test`
// (GAZETTE_CORPORA=1) that is a failure that says what to fetch; elsewhere a skip.
func missingShared(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("GAZETTE_CORPORA") == "1" {
		t.Fatalf("GAZETTE_CORPORA=1 but %s is missing: make test needs the shared corpora and fixtures in ../shared beside the checkout", what)
	}
	t.Skipf("%s is missing; set GAZETTE_CORPORA=1 to make this a failure", what)
}
