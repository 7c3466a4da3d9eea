// Package purge tells shared HTTP caches (Varnish with the xkey vmod, a CDN) which pages to
// drop when the store changes. It takes the change keys the store's ChangeWatcher delivers
// (data/migrations/0010) and sends them to every configured cache as
//
//	PURGE <url>
//	Surrogate-Key: a:12 home:en sec:en:news
//
// asynchronously: a writer never waits for a cache. Keys that arrive while a purge is being
// sent or retried are gathered into the next request, so a burst of edits costs a few
// requests. A request that keeps failing is dropped after its attempts, with a metric and a
// log line: the cache then serves those pages until their s-maxage runs out.
package purge

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"gazette/metrics"
)

// AllKey is the key every page exposed to a shared cache carries, so that a change that
// touches every page (settings, menus: the change key "*" or "menu") is one purge.
const AllKey = "all"

// maxHeader bounds one request's Surrogate-Key header: Varnish refuses request headers past
// 8 KiB by default, and CDNs have similar limits.
const maxHeader = 4000

// Config is what New needs.
type Config struct {
	URLs     []string      // each cache's purge endpoint, e.g. http://127.0.0.1:6081/
	Attempts int           // tries per request before it is dropped (default 5)
	Backoff  time.Duration // wait before the first retry, doubled each time (default 200ms)
	Client   *http.Client  // default: a client with a 2 s timeout
	Log      *slog.Logger
	Metrics  *metrics.Metrics
}

// Purger sends purges to every configured cache.
type Purger struct {
	targets []*target
	wg      sync.WaitGroup
	stop    chan struct{}
}

// target is one cache: its own queue and worker, so a dead cache never delays another.
type target struct {
	url     string
	name    string // the URL's host, the metric label
	cfg     Config
	mu      sync.Mutex
	pending map[string]bool
	all     bool
	wake    chan struct{}
}

// ParseURLs checks a comma-separated list of purge URLs.
func ParseURLs(list string) ([]string, error) {
	var out []string
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("purge URL %q: want http://host[:port]/ or https://…", s)
		}
		out = append(out, s)
	}
	return out, nil
}

// New starts one worker per cache URL.
func New(cfg Config) *Purger {
	if cfg.Attempts <= 0 {
		cfg.Attempts = 5
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = 200 * time.Millisecond
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 2 * time.Second}
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	p := &Purger{stop: make(chan struct{})}
	for _, raw := range cfg.URLs {
		name := raw
		if u, err := url.Parse(raw); err == nil {
			name = u.Host
		}
		t := &target{url: raw, name: name, cfg: cfg, pending: map[string]bool{}, wake: make(chan struct{}, 1)}
		p.targets = append(p.targets, t)
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			t.run(p.stop)
		}()
	}
	return p
}

// Keys queues the change keys of one change set for every cache; it never blocks on one.
// "*" and "menu" (shown on every page) become AllKey.
func (p *Purger) Keys(keys []string) {
	for _, t := range p.targets {
		t.add(keys)
	}
}

// Close sends what is queued (each cache gets one try, within ctx) and stops the workers.
func (p *Purger) Close(ctx context.Context) {
	close(p.stop)
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

func (t *target) add(keys []string) {
	t.mu.Lock()
	for _, k := range keys {
		if k == "*" || k == "menu" {
			t.all = true
			continue
		}
		t.pending[k] = true
	}
	t.mu.Unlock()
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// take empties the queue: the headers to send, each under maxHeader.
func (t *target) take() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.all {
		t.all, t.pending = false, map[string]bool{}
		return []string{AllKey}
	}
	if len(t.pending) == 0 {
		return nil
	}
	keys := make([]string, 0, len(t.pending))
	for k := range t.pending {
		keys = append(keys, k)
	}
	t.pending = map[string]bool{}
	sort.Strings(keys)
	var out []string
	var b strings.Builder
	for _, k := range keys {
		if b.Len() > 0 && b.Len()+1+len(k) > maxHeader {
			out = append(out, b.String())
			b.Reset()
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k)
	}
	return append(out, b.String())
}

func (t *target) run(stop chan struct{}) {
	for {
		select {
		case <-t.wake:
			for _, h := range t.take() {
				t.send(h, stop)
			}
		case <-stop:
			// Last chance for what is queued: one try each, no waiting.
			for _, h := range t.take() {
				if err := t.once(context.Background(), h); err != nil {
					t.cfg.Metrics.Purge(t.name, metrics.PurgeDropped)
					t.cfg.Log.Warn("purge dropped at shutdown", "cache", t.url, "err", err)
				} else {
					t.cfg.Metrics.Purge(t.name, metrics.PurgeSent)
				}
			}
			return
		}
	}
}

// send tries one purge until it succeeds or its attempts run out.
func (t *target) send(keys string, stop chan struct{}) {
	wait := t.cfg.Backoff
	for attempt := 1; ; attempt++ {
		err := t.once(context.Background(), keys)
		if err == nil {
			t.cfg.Metrics.Purge(t.name, metrics.PurgeSent)
			return
		}
		t.cfg.Metrics.Purge(t.name, metrics.PurgeFailed)
		if attempt >= t.cfg.Attempts {
			t.cfg.Metrics.Purge(t.name, metrics.PurgeDropped)
			t.cfg.Log.Error("purge dropped: the cache keeps these pages until they expire",
				"cache", t.url, "attempts", attempt, "keys", keys, "err", err)
			return
		}
		t.cfg.Log.Warn("purge failed, retrying", "cache", t.url, "attempt", attempt, "in", wait, "err", err)
		select {
		case <-time.After(wait):
		case <-stop:
			t.cfg.Metrics.Purge(t.name, metrics.PurgeDropped)
			t.cfg.Log.Warn("purge dropped at shutdown", "cache", t.url, "err", err)
			return
		}
		wait *= 2
	}
}

var errStatus = errors.New("purge refused")

func (t *target) once(ctx context.Context, keys string) error {
	req, err := http.NewRequestWithContext(ctx, "PURGE", t.url, nil)
	if err != nil {
		return fmt.Errorf("purge %s: %w", t.url, err)
	}
	req.Header.Set("Surrogate-Key", keys)
	res, err := t.cfg.Client.Do(req)
	if err != nil {
		return fmt.Errorf("purge %s: %w", t.url, err)
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("purge %s: %w: %s", t.url, errStatus, res.Status)
	}
	return nil
}
