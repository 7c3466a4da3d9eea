// Package metrics holds Gazette's Prometheus collectors. cmd/gazette makes the registry and
// passes it to New; everything that records takes the *Metrics it returns. Every method is a
// no-op on a nil *Metrics, so a server started without --metrics-addr pays nothing and tests
// need not make one.
package metrics

import (
	"net/http"
	"strconv"
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
	m.requests.WithLabelValues(kind, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(kind).Observe(took.Seconds())
	if kind == "search" {
		m.search.Observe(took.Seconds())
	}
}

// CacheResult records what the response cache did with a public GET: "hit", "stale", "miss"
// or "bypass".
func (m *Metrics) CacheResult(result string) {
	if m == nil {
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
