package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"gazette/data"
	"gazette/metrics"
	"gazette/purge"
)

// newLogger makes the server's logger: text for a person at a terminal, JSON for a log
// collector (journald, Loki, CloudWatch).
func newLogger(format, level string, w io.Writer) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// newRegistry is the one Prometheus registry of a server: Gazette's metrics, the Go runtime's
// and the process's.
func newRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// serveMetrics serves /metrics on its own address (keep it off the public one: a firewall or
// a loopback address, since it tells how the site is doing) until ctx ends.
func serveMetrics(ctx context.Context, addr string, reg *prometheus.Registry, stdout io.Writer, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--metrics-addr %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", metrics.Handler(reg))
	// The profiler shares the operator's address: it answers "where does the time go" on a
	// live server, and like the metrics it is never on the public listener.
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server", "err", err)
		}
	}()
	fmt.Fprintf(stdout, "Metrics at http://%s/metrics\n", ln.Addr())
	return func() {
		c, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(c)
	}, nil
}

// startPurger sends the store's changes to the shared caches at urls. It subscribes after the
// site's handlers, so the response cache has dropped a changed page before any shared cache
// is told to fetch it again.
func startPurger(store *data.Store, urls []string, m *metrics.Metrics, log *slog.Logger) *purge.Purger {
	p := purge.New(purge.Config{URLs: urls, Metrics: m, Log: log})
	store.Changes().Subscribe(func(cs data.ChangeSet) { p.Keys(cs.Keys) })
	log.Info("purging shared caches on every change", "caches", strings.Join(urls, " "))
	return p
}

// listFlag is a flag that may be given several times, each time with one or more
// comma-separated values (so GAZETTE_PURGE_URL can name several caches too).
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	urls, err := purge.ParseURLs(v)
	if err != nil {
		return err
	}
	*l = append(*l, urls...)
	return nil
}

// runProbe is `gazette probe URL`: exit 0 when URL answers 200 within five seconds. It is the
// container's health check (the distroless image has no shell, curl or wget).
func runProbe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "Usage: gazette probe URL   (exit 0 when URL answers 200, e.g. http://127.0.0.1:8080/readyz)")
		return errReported
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, args[0], nil)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "%s: %s\n%s", args[0], res.Status, body)
		return errReported
	}
	fmt.Fprintf(stdout, "%s", body)
	return nil
}
