package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
)

// TestCacheTier runs the deploy kit for real on 127.0.0.1: the gazette binary with
// --purge-url, --surrogate-header and --metrics-addr, Debian's varnishd with
// deploy/varnish/gazette.vcl in front, wrk for load. It checks the hit ratio under load, that an
// editor's correction and a comment approval reach readers through Varnish (purged, not
// expired), that unrelated pages stay cached, that /metrics parses and moves, and that with
// Varnish gone Gazette serves on while its purges are retried and then dropped with a metric.
func TestCacheTier(t *testing.T) {
	varnishd, varnishstat, wrk := requireTool(t, "varnishd"), requireTool(t, "varnishstat"), requireTool(t, "wrk")
	bin := filepath.Join(t.TempDir(), "gazette")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build gazette: %v\n%s", err, out)
	}
	dataDir := t.TempDir()
	var out strings.Builder
	if err := run(context.Background(), []string{"user", "add", "--data", dataDir, "--email", "ed@example.com", "--name", "Ed", "--role", "editor"},
		func(string) string { return "" }, strings.NewReader("correct horse battery\n"), &out, &out); err != nil {
		t.Fatalf("user add: %v %s", err, out.String())
	}
	vport := freePort(t)
	vbase := "http://127.0.0.1:" + vport
	g := startGazetteProcess(t, bin, "serve", "--addr", "127.0.0.1:0", "--data", dataDir,
		"--surrogate-header", "Surrogate-Key", "--purge-url", vbase+"/", "--shared-max-age", "5m",
		"--trusted-proxies", "127.0.0.1", "--metrics-addr", "127.0.0.1:0", "--log-format", "json",
		"--replicate", "file://"+filepath.Join(t.TempDir(), "replica"))
	waitFor(t, g.base+"/readyz", 60*time.Second)
	varnish := startVarnish(t, varnishd, vport, g.base)
	waitFor(t, vbase+"/", 30*time.Second)

	const article, home, tag = "/news/leonids-over-the-bay/", "/", "/tags/astronomy/"
	const otherArticle, otherTag, commented = "/about/", "/tags/ferry/", "/news/weekend-weather/"
	articleID := pageID(t, g.base+article)
	commentedID := pageID(t, g.base+commented)

	t.Run("readers never see the keys, each gets their own request id", func(t *testing.T) {
		get(t, vbase+article)
		a, b := get(t, vbase+article), get(t, vbase+article)
		if a.header.Get("X-Cache") != "HIT" {
			t.Errorf("second view of %s: X-Cache %q, want HIT", article, a.header.Get("X-Cache"))
		}
		for _, h := range []string{"Surrogate-Key", "Xkey"} {
			if v := a.header.Get(h); v != "" {
				t.Errorf("reader sees %s: %q", h, v)
			}
		}
		if a.header.Get("X-Request-Id") == "" || a.header.Get("X-Request-Id") == b.header.Get("X-Request-Id") {
			t.Errorf("request ids %q and %q: want two different ones", a.header.Get("X-Request-Id"), b.header.Get("X-Request-Id"))
		}
		if cc := a.header.Get("Cache-Control"); !strings.Contains(cc, "s-maxage=300") || !strings.Contains(cc, "stale-if-error=") {
			t.Errorf("Cache-Control %q: want the shared cache's s-maxage and stale-if-error", cc)
		}
	})

	// A reader opens the comment form now and posts after the load test: the form's
	// minimum time (3 s) is then long past, as it is for a person typing.
	reader := newClient()
	formPage := fetchDoc(t, reader, vbase+"/comments/article/"+strconv.FormatInt(commentedID, 10)+"/new")

	t.Run("hit ratio under wrk", func(t *testing.T) {
		for _, p := range []string{article, home, tag} {
			get(t, vbase+p)
		}
		before, originBefore := varnishCounters(t, varnishstat, varnish), g.pageRequests(t)
		script := filepath.Join(t.TempDir(), "rotate.lua")
		os.WriteFile(script, []byte(`local paths = {"`+article+`", "`+home+`", "`+tag+`"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
`), 0o644)
		res, err := exec.Command(wrk, "-t1", "-c8", "-d3s", "-s", script, vbase).CombinedOutput()
		if err != nil {
			t.Fatalf("wrk: %v\n%s", err, res)
		}
		after, originAfter := varnishCounters(t, varnishstat, varnish), g.pageRequests(t)
		reqs, hits := after["MAIN.client_req"]-before["MAIN.client_req"], after["MAIN.cache_hit"]-before["MAIN.cache_hit"]
		if reqs < 100 {
			t.Fatalf("wrk sent %d requests:\n%s", reqs, res)
		}
		ratio := float64(hits) / float64(reqs)
		t.Logf("Varnish: %d requests, %d hits (%.2f%%); origin page requests meanwhile: %.0f\n%s", reqs, hits, 100*ratio, originAfter-originBefore, res)
		if ratio < 0.95 {
			t.Errorf("hit ratio %.3f, want ≥ 0.95", ratio)
		}
	})

	editor := loginWriter(t, vbase, "ed@example.com", "correct horse battery")
	t.Run("an editor's correction shows through Varnish; unrelated pages stay cached", func(t *testing.T) {
		for _, p := range []string{article, otherArticle, otherTag, otherArticle, otherTag} {
			get(t, vbase+p)
		}
		originBefore := g.pageRequests(t)
		doc := fetchDoc(t, editor.client, vbase+"/admin/articles/"+strconv.FormatInt(articleID, 10))
		form := readDeskForm(doc.Find("form:has(textarea[name=body])").First())
		if form.Get("title") == "" {
			t.Fatalf("no article form at /admin/articles/%d", articleID)
		}
		const fix = "Correction: the shower peaks before dawn on Wednesday."
		form.Set("body", form.Get("body")+"\n\n"+fix)
		form.Set("action", "publish")
		res, err := editor.post("/admin/articles/"+strconv.FormatInt(articleID, 10), form, "", nil)
		if err != nil || res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save correction: %v %v", res, err)
		}
		took := untilShown(t, vbase+article, fix)
		t.Logf("correction visible through Varnish %s after the save returned", took)
		for _, p := range []string{otherArticle, otherTag} {
			if r := get(t, vbase+p); r.header.Get("X-Cache") != "HIT" {
				t.Errorf("%s after an unrelated correction: X-Cache %q, want HIT", p, r.header.Get("X-Cache"))
			}
		}
		// The origin rendered the corrected page (and the lists showing it), nothing else.
		if n := g.pageRequests(t) - originBefore; n > 3 {
			t.Errorf("origin answered %.0f page requests after one correction, want ≤ 3", n)
		}
	})

	t.Run("a comment approval shows through Varnish", func(t *testing.T) {
		get(t, vbase+commented)
		form := readDeskForm(formPage.Find("form:has(textarea[name=body])").First())
		const words = "Frost on the ferry deck this morning, as forecast."
		form.Set("name", "Ann Reader")
		form.Set("body", words)
		action, _ := formPage.Find("form:has(textarea[name=body])").First().Attr("action")
		req, _ := http.NewRequest(http.MethodPost, vbase+action, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", vbase)
		res, err := reader.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		_, anchor, _ := strings.Cut(loc, "#comment-")
		id, err := strconv.ParseInt(anchor, 10, 64)
		if res.StatusCode != http.StatusSeeOther || err != nil {
			t.Fatalf("post comment: %s, Location %q", res.Status, loc)
		}
		if r := get(t, vbase+commented); strings.Contains(r.body, words) || r.header.Get("X-Cache") != "HIT" {
			t.Fatalf("held comment: shown %v, X-Cache %q; want hidden, from the cache", strings.Contains(r.body, words), r.header.Get("X-Cache"))
		}
		res, err = editor.post("/admin/comments/"+strconv.FormatInt(id, 10)+"/status", url.Values{"csrf": {editor.csrf}, "action": {"approve"}}, "", nil)
		if err != nil || res.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %v %v", res, err)
		}
		took := untilShown(t, vbase+commented, words)
		t.Logf("approved comment visible through Varnish %s after the approval returned", took)
	})

	t.Run("metrics parse and move", func(t *testing.T) {
		get(t, g.base+"/search?q=harbour")
		get(t, g.base+"/readyz")
		fams := g.metrics(t)
		for _, c := range []struct {
			name   string
			labels map[string]string
		}{
			{"gazette_http_requests_total", map[string]string{"kind": "page", "code": "200"}},
			{"gazette_http_request_duration_seconds", map[string]string{"kind": "page"}},
			{"gazette_response_cache_total", map[string]string{"result": "miss"}},
			{"gazette_response_cache_total", map[string]string{"result": "hit"}},
			{"gazette_cache_invalidations_total", nil},
			{"gazette_cache_invalidated_keys_total", nil},
			{"gazette_purge_requests_total", map[string]string{"result": "sent"}},
			{"gazette_store_write_seconds", nil},
			{"gazette_comments_total", map[string]string{"status": "pending"}},
			{"gazette_search_duration_seconds", nil},
		} {
			if v := metricValue(fams, c.name, c.labels); v <= 0 {
				t.Errorf("%s%v = %v, want > 0", c.name, c.labels, v)
			}
		}
		if _, ok := fams["gazette_replication_lag_seconds"]; !ok {
			t.Error("gazette_replication_lag_seconds missing")
		}
	})

	t.Run("Varnish stopped: Gazette serves on, purges are retried then dropped", func(t *testing.T) {
		varnish.stop()
		direct := loginWriter(t, g.base, "ed@example.com", "correct horse battery")
		if err := direct.publish("Harbour lights switched on"); err != nil {
			t.Fatal(err)
		}
		if r := get(t, g.base+"/"); !strings.Contains(r.body, "Harbour lights switched on") {
			t.Error("the front page lacks the new article")
		}
		deadline := time.Now().Add(60 * time.Second)
		for metricValue(g.metrics(t), "gazette_purge_requests_total", map[string]string{"result": "dropped"}) == 0 {
			if time.Now().After(deadline) {
				t.Fatal("no purge dropped a minute after Varnish stopped")
			}
			time.Sleep(100 * time.Millisecond)
		}
		fams := g.metrics(t)
		if failed := metricValue(fams, "gazette_purge_requests_total", map[string]string{"result": "failed"}); failed < 2 {
			t.Errorf("failed purge attempts %v: want the retries counted", failed)
		}
		if r := get(t, g.base+"/readyz"); r.status != http.StatusOK {
			t.Errorf("/readyz %d with the cache gone", r.status)
		}
	})
}

// requireTool finds a program the test cannot do without: under make test a missing tool is
// a failure (scripts/install-test-deps.sh installs it), never a skip.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		for _, dir := range []string{"/usr/sbin", "/usr/bin"} {
			if _, serr := os.Stat(filepath.Join(dir, name)); serr == nil {
				return filepath.Join(dir, name)
			}
		}
		t.Fatalf("%s is missing: run scripts/install-test-deps.sh (Debian packages varnish, varnish-modules, wrk)", name)
	}
	return p
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// gazetteProcess is a running gazette binary.
type gazetteProcess struct {
	base, metricsURL string
}

// startGazetteProcess runs the binary and reads its addresses from what it prints.
func startGazetteProcess(t *testing.T, bin string, args ...string) *gazetteProcess {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if t.Failed() {
			t.Logf("gazette's log:\n%s", tail(stderr.String(), 4000))
		}
	})
	g := &gazetteProcess{}
	found := make(chan bool)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, "Metrics at "); ok {
				g.metricsURL = rest
			}
			if rest, ok := strings.CutPrefix(line, "Gazette is serving "); ok {
				g.base = strings.TrimSuffix(strings.Fields(rest)[0], "/")
				found <- true
				io.Copy(io.Discard, stdout)
				return
			}
		}
		close(found)
	}()
	select {
	case ok := <-found:
		if !ok {
			t.Fatalf("gazette stopped before serving:\n%s", stderr.String())
		}
	case <-time.After(90 * time.Second):
		t.Fatalf("gazette did not start:\n%s", stderr.String())
	}
	return g
}

// pageRequests is how many page requests the origin has answered.
func (g *gazetteProcess) pageRequests(t *testing.T) float64 {
	t.Helper()
	fams := g.metrics(t)
	var n float64
	for _, m := range fams["gazette_http_requests_total"].GetMetric() {
		if labelsMatch(m, map[string]string{"kind": "page"}) {
			n += m.GetCounter().GetValue()
		}
	}
	return n
}

// metrics reads /metrics with the Prometheus text parser.
func (g *gazetteProcess) metrics(t *testing.T) map[string]*dto.MetricFamily {
	t.Helper()
	if g.metricsURL == "" {
		t.Fatal("gazette printed no metrics address")
	}
	res, err := http.Get(g.metricsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var p expfmt.TextParser
	fams, err := p.TextToMetricFamilies(res.Body)
	if err != nil {
		t.Fatalf("/metrics does not parse: %v", err)
	}
	return fams
}

// metricValue sums a family's samples whose labels include labels: a counter's value, a
// gauge's, or a histogram's count.
func metricValue(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	var v float64
	for _, m := range fams[name].GetMetric() {
		if !labelsMatch(m, labels) {
			continue
		}
		switch {
		case m.Counter != nil:
			v += m.GetCounter().GetValue()
		case m.Gauge != nil:
			v += m.GetGauge().GetValue()
		case m.Histogram != nil:
			v += float64(m.GetHistogram().GetSampleCount())
		}
	}
	return v
}

func labelsMatch(m *dto.Metric, want map[string]string) bool {
	n := 0
	for _, l := range m.GetLabel() {
		if w, ok := want[l.GetName()]; ok && w == l.GetValue() {
			n++
		}
	}
	return n == len(want)
}

// startVarnish runs varnishd in the foreground with the kit's VCL pointed at the origin; the
// test stops it at its end, or earlier with stop.
func startVarnish(t *testing.T, varnishd, port, origin string) *testVarnish {
	t.Helper()
	vcl, err := os.ReadFile(filepath.Join("..", "..", "deploy", "varnish", "gazette.vcl"))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(origin)
	if !strings.Contains(string(vcl), `.port = "8080";`) {
		t.Fatal("deploy/varnish/gazette.vcl: no backend port 8080 to point at the test's origin")
	}
	vcl = []byte(strings.Replace(string(vcl), `.port = "8080";`, `.port = "`+u.Port()+`";`, 1))
	dir, err := os.MkdirTemp("", "gazette-varnish-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755) // varnishd's worker runs as its own user
	vclFile := filepath.Join(dir, "gazette.vcl")
	os.WriteFile(vclFile, vcl, 0o644)
	cmd := exec.Command(varnishd, "-F", "-n", filepath.Join(dir, "work"), "-a", "127.0.0.1:"+port,
		"-f", vclFile, "-s", "malloc,64m", "-p", "default_ttl=60")
	var logs syncBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("varnishd:\n%s", tail(logs.String(), 4000))
		}
		os.RemoveAll(dir)
	})
	return &testVarnish{stop: stop, workDir: filepath.Join(dir, "work")}
}

// testVarnish is a running varnishd.
type testVarnish struct {
	stop    func()
	workDir string // for varnishstat -n
}

func varnishCounters(t *testing.T, varnishstat string, v *testVarnish) map[string]int64 {
	t.Helper()
	out, err := exec.Command(varnishstat, "-n", v.workDir, "-1", "-f", "MAIN.client_req", "-f", "MAIN.cache_hit", "-f", "MAIN.cache_miss").CombinedOutput()
	if err != nil {
		t.Fatalf("varnishstat: %v\n%s", err, out)
	}
	c := map[string]int64{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			c[f[0]] = n
		}
	}
	return c
}

type page struct {
	status int
	header http.Header
	body   string
}

func get(t *testing.T, u string) page {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return page{res.StatusCode, res.Header, string(b)}
}

func waitFor(t *testing.T, u string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		res, err := http.Get(u)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer 200 within %s (last: %v)", u, limit, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var articleKey = regexp.MustCompile(`(?:^| )a:(\d+)(?: |$)`)

// pageID is the article id an article page names in its Surrogate-Key header.
func pageID(t *testing.T, u string) int64 {
	t.Helper()
	r := get(t, u)
	m := articleKey.FindStringSubmatch(r.header.Get("Surrogate-Key"))
	if r.status != http.StatusOK || m == nil {
		t.Fatalf("%s: status %d, Surrogate-Key %q", u, r.status, r.header.Get("Surrogate-Key"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// untilShown asks for a page every 10 ms until it contains text and says how long that took;
// the limit is far above the second the kit promises, so load on the machine cannot fail it,
// while a missing purge (pages kept for s-maxage, five minutes) still does.
func untilShown(t *testing.T, u, text string) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		if strings.Contains(get(t, u).body, text) {
			return time.Since(start)
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("%s still lacks %q after 20 s", u, text)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func newClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func fetchDoc(t *testing.T, c *http.Client, u string) *goquery.Document {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s", u, res.Status)
	}
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// readDeskForm collects a form's fields as a browser submits them.
func readDeskForm(form *goquery.Selection) url.Values {
	v := url.Values{}
	form.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		if name == "" {
			return
		}
		switch goquery.NodeName(s) {
		case "textarea":
			v.Add(name, s.Text())
		case "select":
			opt := s.Find("option[selected]")
			if opt.Length() == 0 {
				opt = s.Find("option").First()
			}
			v.Add(name, opt.AttrOr("value", opt.Text()))
		default:
			switch s.AttrOr("type", "text") {
			case "checkbox", "radio":
				if _, on := s.Attr("checked"); on {
					v.Add(name, s.AttrOr("value", "on"))
				}
			case "file", "submit", "button":
			default:
				v.Add(name, s.AttrOr("value", ""))
			}
		}
	})
	return v
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
