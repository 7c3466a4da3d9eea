// Package metrics holds Gazette's Prometheus collectors. cmd/gazette makes the registry and
// passes it to New; everything that records takes the *Metrics it returns. Every method is a
// no-op on a nil *Metrics, so a server started without --metrics-addr pays nothing and tests
// need not make one.
package metrics

import (
	"maps"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the collectors Gazette records into.
type Metrics struct {
	requests      *prometheus.CounterVec
	latency       *prometheus.HistogramVec
	cache         *prometheus.CounterVec
	invalidations prometheus.Counter
	invalidKeys   prometheus.Counter
	purges        *prometheus.CounterVec
	storeWrite    prometheus.Histogram
	comments      *prometheus.CounterVec
	search        prometheus.Histogram

	// The series of each route kind and status seen so far, read without a lock: every request
	// records into them, and a label lookup (hashing its values) cost as much as the rest of a
	// cache hit's bookkeeping. Copied on write; the kinds and codes a server answers are few.
	cacheResults map[string]prometheus.Counter // hit, stale, miss, bypass: made once
	series       atomic.Pointer[map[seriesKey]requestSeries]
	seriesMu     sync.Mutex
}

type seriesKey struct {
	kind string
	code int
}

type requestSeries struct {
	count   prometheus.Counter
	latency prometheus.Observer
}

// Purge outcomes, the values of gazette_purge_requests_total's result label.
const (
	PurgeSent    = "sent"    // the cache answered 2xx
	PurgeFailed  = "failed"  // one attempt failed; it is tried again
	PurgeDropped = "dropped" // every attempt failed: the cache keeps stale pages until they expire
)

// New registers Gazette's collectors in reg.
func New(reg prometheus.Registerer) *Metrics {
	f := promauto.With(reg)
	m := &Metrics{
		requests: f.NewCounterVec(prometheus.CounterOpts{Name: "gazette_http_requests_total",
			Help: "HTTP requests answered, by route kind and status code."}, []string{"kind", "code"}),
		latency: f.NewHistogramVec(prometheus.HistogramOpts{Name: "gazette_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route kind (response cache hits included).",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}}, []string{"kind"}),
		cache: f.NewCounterVec(prometheus.CounterOpts{Name: "gazette_response_cache_total",
			Help: "Public GET requests by what the in-process response cache did: hit, stale (served while re-rendered), miss, bypass."}, []string{"result"}),
		invalidations: f.NewCounter(prometheus.CounterOpts{Name: "gazette_cache_invalidations_total",
			Help: "Change sets delivered to the caches (each drops the pages naming one of its keys)."}),
		invalidKeys: f.NewCounter(prometheus.CounterOpts{Name: "gazette_cache_invalidated_keys_total",
			Help: "Dependency keys named by the change sets."}),
		purges: f.NewCounterVec(prometheus.CounterOpts{Name: "gazette_purge_requests_total",
			Help: "Purge requests to the shared caches (--purge-url), by target and result: sent, failed (retried), dropped."}, []string{"target", "result"}),
		storeWrite: f.NewHistogram(prometheus.HistogramOpts{Name: "gazette_store_write_seconds",
			Help:    "Time of a store commit measured by the readiness write probe (a one-row commit and a media file).",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1}}),
		comments: f.NewCounterVec(prometheus.CounterOpts{Name: "gazette_comments_total",
			Help: "Readers' comments stored, by status: approved, pending (held for an editor), spam (caught)."}, []string{"status"}),
		search: f.NewHistogram(prometheus.HistogramOpts{Name: "gazette_search_duration_seconds",
			Help:    "Time to answer a search page or a suggestion request.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1}}),
	}
	m.cacheResults = map[string]prometheus.Counter{}
	for _, r := range []string{"hit", "stale", "miss", "bypass"} {
		m.cacheResults[r] = m.cache.WithLabelValues(r)
	}
	return m
}

// Handler serves the registry's metrics in the Prometheus text format.
func Handler(g prometheus.Gatherer) http.Handler {
	return promhttp.HandlerFor(g, promhttp.HandlerOpts{})
}

// Request records one answered request.
func (m *Metrics) Request(kind string, code int, took time.Duration) {
	if m == nil {
		return
	}
	rs := m.requestSeries(kind, code)
	rs.count.Inc()
	rs.latency.Observe(took.Seconds())
	if kind == "search" {
		m.search.Observe(took.Seconds())
	}
}

// requestSeries returns the collectors of one route kind and status, made on first use.
func (m *Metrics) requestSeries(kind string, code int) requestSeries {
	k := seriesKey{kind, code}
	if all := m.series.Load(); all != nil {
		if rs, ok := (*all)[k]; ok {
			return rs
		}
	}
	m.seriesMu.Lock()
	defer m.seriesMu.Unlock()
	old := m.series.Load()
	if old != nil {
		if rs, ok := (*old)[k]; ok {
			return rs
		}
	}
	rs := requestSeries{m.requests.WithLabelValues(kind, strconv.Itoa(code)), m.latency.WithLabelValues(kind)}
	next := map[seriesKey]requestSeries{k: rs}
	if old != nil {
		maps.Copy(next, *old)
	}
	m.series.Store(&next)
	return rs
}

// CacheResult records what the response cache did with a public GET: "hit", "stale", "miss"
// or "bypass".
func (m *Metrics) CacheResult(result string) {
	if m == nil {
		return
	}
	if c, ok := m.cacheResults[result]; ok {
		c.Inc()
		return
	}
	m.cache.WithLabelValues(result).Inc()
}

// Invalidated records one change set of n keys.
func (m *Metrics) Invalidated(n int) {
	if m == nil {
		return
	}
	m.invalidations.Inc()
	m.invalidKeys.Add(float64(n))
}

// Purge records one purge request's outcome at a target.
func (m *Metrics) Purge(target, result string) {
	if m == nil {
		return
	}
	m.purges.WithLabelValues(target, result).Inc()
}

// StoreWrite records the time of one probe commit.
func (m *Metrics) StoreWrite(took time.Duration) {
	if m == nil {
		return
	}
	m.storeWrite.Observe(took.Seconds())
}

// Comment records a reader's comment stored with a status.
func (m *Metrics) Comment(status string) {
	if m == nil {
		return
	}
	m.comments.WithLabelValues(status).Inc()
}

// Gauge registers a gauge whose value fn reads at each scrape (the replica's lag, say).
func Gauge(reg prometheus.Registerer, name, help string, fn func() float64) {
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, fn))
}
