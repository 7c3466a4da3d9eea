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

	"gazette/backup"
	"gazette/content"
	"gazette/data"
	"gazette/handlers"
	"gazette/hugosite"
	"gazette/metrics"
	"gazette/reads"
	"gazette/replica"
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
	backupEvery := fs.Duration("backup-every", 0, "take a verified backup this often, e.g. 6h (0: never)")
	backupKeep := fs.Int("backup-keep", 14, "scheduled backups to keep; older ones are deleted")
	backupDir := fs.String("backup-dir", "", "folder for scheduled backups, best on another disk (default: DATA/backups)")
	metricsAddr := fs.String("metrics-addr", "", "serve Prometheus metrics at http://ADDR/metrics, e.g. 127.0.0.1:9100 (default: off)")
	var purgeURLs listFlag
	fs.Var(&purgeURLs, "purge-url", "a shared cache to purge on every change (PURGE with Surrogate-Key, as deploy/varnish/gazette.vcl takes it); repeat or comma-separate for several")
	keysHeader := fs.String("surrogate-header", "", "send each public page's dependency keys in this header: Surrogate-Key (Varnish with the kit's VCL, Fastly), xkey or Cache-Tag (default: none)")
	sharedMaxAge := fs.Duration("shared-max-age", 0, "s-maxage for pages that name their keys, when every shared cache is purged (--purge-url), e.g. 5m (default: none)")
	staleIfError := fs.Duration("stale-if-error", 24*time.Hour, "with --shared-max-age: how long a shared cache may serve a page while Gazette fails")
	readsKeep := fs.Int("reads-keep-days", 90, "keep first-party reading figures (views per article per day, referring domains) this many days (0: count nothing)")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	logLevel := fs.String("log-level", "info", "log level: debug (every request), info, warn or error")
	readOnly := fs.Bool("read-only", false, "serve a warm standby's copy that `gazette restore URL --follow` keeps in DIR: readers' pages only, writes and the desk answer 503 until `gazette promote`")
	replicate := fs.String("replicate", "", "keep a live replica at file:///path or s3://bucket/path (S3 settings from AWS_* variables); an empty data directory is restored from it first")
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
	logger, err := newLogger(*logFormat, *logLevel, stderr)
	if err != nil {
		return err
	}
	if *readOnly && (*replicate != "" || *baseURL != "" || *backupEvery > 0) {
		return errors.New("--read-only serves a standby's copy: it cannot replicate, back up or change the base URL (promote it first)")
	}
	if *replicate != "" {
		if err := restoreFromReplicaIfNew(ctx, replicaConfig(*replicate, getenv), *dataDir, stdout, logger); err != nil {
			return err
		}
	}
	open := func() (*data.Store, *data.MediaDir, error) { return openStore(ctx, *dataDir) }
	if *readOnly {
		open = func() (*data.Store, *data.MediaDir, error) { return openStandbyStore(ctx, *dataDir) }
	}
	store, media, err := open()
	if err != nil {
		return err
	}
	var rep *replica.Replicator
	defer func() {
		// The replicator ships the last commits after the site's connections are closed.
		store.Close()
		if rep != nil {
			if err := rep.Close(context.Background()); err != nil {
				logger.Error("stop replication", "err", err)
			}
		}
	}()
	if *replicate != "" {
		rep, err = replica.Start(ctx, replicaConfig(*replicate, getenv), filepath.Join(*dataDir, backup.DatabaseName),
			filepath.Join(*dataDir, backup.MediaFolder), filepath.Join(*dataDir, replicaStatusName), logger)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Replicating to %s\n", *replicate)
	}
	if !*readOnly {
		if err := prepareSite(ctx, store, media, *baseURL, *noDemo, *addr, logger); err != nil {
			return err
		}
	}
	assets, err := static.New()
	if err != nil {
		return err
	}
	store.SetLogger(logger)
	var m *metrics.Metrics
	if *metricsAddr != "" {
		reg := newRegistry()
		m = metrics.New(reg)
		if rep != nil {
			metrics.Gauge(reg, "gazette_replication_lag_seconds", "How long the oldest commit not yet in the replica has waited.",
				func() float64 { return rep.Status().LagSeconds })
		}
		stop, err := serveMetrics(ctx, *metricsAddr, reg, stdout, logger)
		if err != nil {
			return err
		}
		defer stop()
	}
	var readCounter handlers.ReadCounter // a nil interface when off, never a nil *reads.Counter
	if *readsKeep > 0 {
		counter := reads.NewCounter(100_000)
		readCounter = counter
		written := make(chan struct{})
		readsCtx, stopReads := context.WithCancel(context.Background())
		go func() {
			defer close(written)
			reads.Writer{Counter: counter, Store: store, Every: 10 * time.Second, KeepDays: *readsKeep, Log: logger}.Run(readsCtx)
		}()
		defer func() { stopReads(); <-written }() // the last views are written before the store closes
	}
	site := handlers.New(handlers.Deps{Store: store, Media: media, Assets: assets, Logger: logger, TrustedProxies: trusted,
		Metrics: m, SharedCache: handlers.SharedCache{KeysHeader: *keysHeader, MaxAge: *sharedMaxAge, StaleIfError: *staleIfError},
		Reads: readCounter})
	if len(purgeURLs) > 0 {
		p := startPurger(store, purgeURLs, m, logger)
		defer func() {
			c, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			p.Close(c)
		}()
	}
	// Slow clients: a request's headers have 10 s, a body 60 s (handlers.bodyDeadline sets it
	// on requests that carry one), an idle connection 120 s. No server-wide ReadTimeout or
	// WriteTimeout: net/http would arm a write-deadline timer on every request and a
	// whole-request read timer where it now clears the header one, a cache hit's included
	// (together 3 % of a hit's req/s, measured in issue 9), and WriteTimeout would cut a large
	// image on a slow phone at 60 s; Caddy's and Traefik's defaults set no write timeout either.
	// A reader who never reads holds its own connection until it closes, and nothing else
	// (readers waiting for the same render are let go before it is written).
	srv := &http.Server{
		Handler:           site,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	fmt.Fprintf(stdout, "Gazette is serving http://%s/ (data in %s)\n", ln.Addr(), *dataDir)
	if *readOnly {
		fmt.Fprintln(stdout, "Read-only standby: readers' pages only; writes answer 503 until `gazette promote` (README, \"Operating Gazette\")")
	} else {
		go housekeeping(ctx, store, logger)
	}
	// /healthz answers at once; /readyz once the pages readers meet first are warm.
	go site.WarmUp()
	if *backupEvery > 0 {
		dir := *backupDir
		if dir == "" {
			dir = filepath.Join(*dataDir, "backups")
		}
		go scheduleBackups(ctx, backup.Schedule{Store: store, Media: media, Root: dir, Every: *backupEvery, Keep: *backupKeep, Version: version}, logger)
	}
	if !*readOnly {
		if err := printSetupLink(ctx, store, stdout, *baseURL, listenURL(ln.Addr())); err != nil {
			return err
		}
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
	if pending, err := store.SearchIndexPending(ctx); err != nil {
		return err
	} else if pending {
		// Not repaired here: the import may be running in another process, and a rebuild at
		// 100,000 articles holds the write lock for minutes.
		log.Warn("search is incomplete: a first import did not finish or is still running; " +
			"searches miss what it and later edits wrote until it ends or `gazette import` runs again")
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

// housekeeping deletes stale sessions and links, and spam and trash past their days, now and
// then every hour until ctx ends, so the database of a long-running site does not grow with them.
func housekeeping(ctx context.Context, store *data.Store, log *slog.Logger) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		if err := store.PurgeStale(ctx, handlers.DeskSessionLimits()); err != nil && ctx.Err() == nil {
			log.Error("housekeeping", "err", err)
		}
		if err := store.PurgeComments(ctx); err != nil && ctx.Err() == nil {
			log.Error("housekeeping: comments", "err", err)
		}
		if err := store.PurgeAuditLog(ctx); err != nil && ctx.Err() == nil {
			log.Error("housekeeping: audit log", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// scheduleBackups takes the scheduled backups until ctx ends, logging each one.
func scheduleBackups(ctx context.Context, s backup.Schedule, log *slog.Logger) {
	log.Info("scheduled backups", "every", s.Every, "keep", s.Keep, "folder", s.Root)
	s.Run(ctx, func(m backup.Manifest, dir string, err error) {
		if err != nil {
			log.Error("scheduled backup failed", "folder", dir, "err", err)
			return
		}
		log.Info("backup taken", "folder", dir, "summary", m.Summary())
	})
}
