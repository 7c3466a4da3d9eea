package main

import (
	"bufio"
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
