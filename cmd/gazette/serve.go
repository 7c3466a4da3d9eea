package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gazette/content"
	"gazette/data"
	"gazette/handlers"
	"gazette/hugosite"
	"gazette/static"
)

// runServe serves the site until ctx ends, then lets in-flight requests finish.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	dataDir := fs.String("data", defaultDataDir, "data directory (database and media)")
	baseURL := fs.String("base-url", "", "public URL of the site, e.g. https://news.example.com/ (default: the stored setting)")
	noDemo := fs.Bool("no-demo", false, "start an empty site instead of loading the demo articles")
	proxies := fs.String("trusted-proxies", "", "comma-separated addresses or CIDR ranges of reverse proxies/CDNs whose X-Forwarded-For to believe")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: gazette serve [flags]\n\nServes the site. A new data directory starts with demo articles unless --no-demo is given.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, getenv); err != nil {
		return err
	}
	trusted, err := handlers.ParseTrustedProxies(*proxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	store, media, err := openStore(ctx, *dataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := prepareSite(ctx, store, media, *baseURL, *noDemo, *addr, logger); err != nil {
		return err
	}
	assets, err := static.New()
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handlers.New(handlers.Deps{Store: store, Media: media, Assets: assets, Logger: logger, TrustedProxies: trusted}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	fmt.Fprintf(stdout, "Gazette is serving http://%s/ (data in %s)\n", ln.Addr(), *dataDir)
	go housekeeping(ctx, store, logger)
	if err := printSetupLink(ctx, store, stdout, *baseURL, "http://"+ln.Addr().String()); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "Shutting down: finishing requests in flight…")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// prepareSite loads the demo into a new store and applies --base-url.
func prepareSite(ctx context.Context, store *data.Store, media *data.MediaDir, baseURL string, noDemo bool, addr string, log *slog.Logger) error {
	n, err := store.CountArticles(ctx)
	if err != nil {
		return err
	}
	has, err := store.HasSiteSettings(ctx)
	if err != nil {
		return err
	}
	if n == 0 && !has && !noDemo {
		rep, err := importDemo(ctx, store, media, addr)
		if err != nil {
			return fmt.Errorf("load demo content: %w", err)
		}
		log.Info("loaded demo content", "articles", rep.Imported)
	}
	if baseURL != "" {
		set, err := store.SiteSettings(ctx)
		if err != nil {
			return err
		}
		set.BaseURL = strings.TrimSuffix(baseURL, "/") + "/"
		if err := store.SaveSiteSettings(ctx, set); err != nil {
			return err
		}
	}
	return nil
}

// importDemo imports the embedded demo site through the same importer as any Hugo site, so the
// demo shows exactly what an import gives.
func importDemo(ctx context.Context, store *data.Store, media *data.MediaDir, addr string) (hugosite.Report, error) {
	dir, err := os.MkdirTemp("", "gazette-demo-")
	if err != nil {
		return hugosite.Report{}, err
	}
	defer os.RemoveAll(dir)
	if err := copyFS(dir, demoSite); err != nil {
		return hugosite.Report{}, err
	}
	site, err := content.LoadSite(filepath.Join(dir, "demo"))
	if err != nil {
		return hugosite.Report{}, err
	}
	site.Config.BaseURL = "http://" + addr + "/"
	return hugosite.Import(ctx, store, media, site)
}

func copyFS(dst string, src fs.FS) error {
	return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dst, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// housekeeping deletes stale sessions and links now and then every hour until ctx ends, so the
// database of a long-running site does not grow with them.
func housekeeping(ctx context.Context, store *data.Store, log *slog.Logger) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		if err := store.PurgeStale(ctx, handlers.DeskSessionLimits()); err != nil && ctx.Err() == nil {
			log.Error("housekeeping", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
