package purge

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"gazette/metrics"
)

// cache is a stand-in shared cache that records the purges it receives.
type cache struct {
	mu     sync.Mutex
	got    []string
	method string
	fail   int // answer 503 to this many requests first
	seen   chan struct{}
}

func newCache(t *testing.T) (*cache, *httptest.Server) {
	c := &cache{seen: make(chan struct{}, 100)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.method = r.Method
		if c.fail > 0 {
			c.fail--
			w.WriteHeader(http.StatusServiceUnavailable)
		} else {
			c.got = append(c.got, r.Header.Get("Surrogate-Key"))
		}
		c.seen <- struct{}{}
	}))
	t.Cleanup(srv.Close)
	return c, srv
}

func (c *cache) keys() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.got...)
}

// waitKeys waits until the cache has received n successful purges.
func (c *cache) waitKeys(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for len(c.keys()) < n {
		select {
		case <-c.seen:
		case <-deadline:
			t.Fatalf("cache got %v, want %d purges", c.keys(), n)
		}
	}
	return c.keys()
}

func TestPurgeSendsKeysToEveryCache(t *testing.T) {
	a, srvA := newCache(t)
	b, srvB := newCache(t)
	p := New(Config{URLs: []string{srvA.URL + "/", srvB.URL + "/"}})
	defer p.Close(context.Background())
	p.Keys([]string{"a:12", "home:en"})
	for _, c := range []*cache{a, b} {
		got := c.waitKeys(t, 1)
		if got[0] != "a:12 home:en" || c.method != "PURGE" {
			t.Errorf("got %s %q, want PURGE \"a:12 home:en\"", c.method, got[0])
		}
	}
}

func TestPurgeEverythingIsOneKey(t *testing.T) {
	c, srv := newCache(t)
	p := New(Config{URLs: []string{srv.URL}})
	defer p.Close(context.Background())
	p.Keys([]string{"a:1", "*"})
	if got := c.waitKeys(t, 1); got[0] != AllKey {
		t.Errorf("a change of everything purged %q, want %q", got[0], AllKey)
	}
	p.Keys([]string{"menu"})
	if got := c.waitKeys(t, 2); got[1] != AllKey {
		t.Errorf("a menu change purged %q, want %q", got[1], AllKey)
	}
}

func TestPurgeSplitsLongKeyLists(t *testing.T) {
	c, srv := newCache(t)
	p := New(Config{URLs: []string{srv.URL}})
	defer p.Close(context.Background())
	var keys []string
	for i := range 2000 {
		keys = append(keys, "a:"+strings.Repeat("9", 3)+string(rune('a'+i%26))+strings.Repeat("x", i%7))
	}
	keys = append(keys, "sec:en:news")
	p.Keys(keys)
	seen := map[string]bool{}
	deadline := time.Now().Add(10 * time.Second)
	for !seen["sec:en:news"] && time.Now().Before(deadline) {
		for _, h := range c.keys() {
			if len(h) > maxHeader {
				t.Fatalf("a purge header of %d bytes, want ≤ %d", len(h), maxHeader)
			}
			for _, k := range strings.Fields(h) {
				seen[k] = true
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, k := range keys {
		if !seen[k] {
			t.Fatalf("key %q never purged", k)
		}
	}
}

func TestPurgeRetriesThenDropsWithAMetric(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	c, srv := newCache(t)
	c.fail = 2
	p := New(Config{URLs: []string{srv.URL}, Attempts: 3, Backoff: time.Millisecond, Metrics: m})
	p.Keys([]string{"a:1"})
	if got := c.waitKeys(t, 1); got[0] != "a:1" {
		t.Errorf("after two failures the cache got %q", got[0])
	}
	c.mu.Lock()
	c.fail = 100
	c.mu.Unlock()
	p.Keys([]string{"a:2"})
	deadline := time.Now().Add(10 * time.Second)
	for dropped(t, reg) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("a purge that always fails was never dropped")
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.Close(context.Background())
	want := `
		# HELP gazette_purge_requests_total Purge requests to the shared caches (--purge-url), by target and result: sent, failed (retried), dropped.
		# TYPE gazette_purge_requests_total counter
		gazette_purge_requests_total{result="dropped",target="` + strings.TrimPrefix(srv.URL, "http://") + `"} 1
		gazette_purge_requests_total{result="failed",target="` + strings.TrimPrefix(srv.URL, "http://") + `"} 5
		gazette_purge_requests_total{result="sent",target="` + strings.TrimPrefix(srv.URL, "http://") + `"} 1
	`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "gazette_purge_requests_total"); err != nil {
		t.Error(err)
	}
}

func dropped(t *testing.T, reg *prometheus.Registry) float64 {
	t.Helper()
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() != "gazette_purge_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "result" && l.GetValue() == "dropped" {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}

func TestParseURLs(t *testing.T) {
	got, err := ParseURLs(" http://127.0.0.1:6081/ , https://cache.example.net/purge")
	if err != nil || len(got) != 2 {
		t.Fatalf("ParseURLs = %v, %v", got, err)
	}
	for _, bad := range []string{"127.0.0.1:6081", "ftp://x/", "http://"} {
		if _, err := ParseURLs(bad); err == nil {
			t.Errorf("ParseURLs(%q) accepted it", bad)
		}
	}
}
