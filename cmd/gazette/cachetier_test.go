package main

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
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
		// A hit in Gazette's own cache: the same page twice, straight at the origin (a third time
		// if a change in between made the second one stale). A plain hit says neither X-Cache nor
		// X-Request-Id; anything rendered carries an id.
		for i := 0; i < 5; i++ {
			if h := get(t, g.base+otherTag).header; h.Get("X-Cache") == "" && h.Get("X-Request-Id") == "" {
				break
			}
		}
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
		// The demo's first change set went out before Varnish started: count from now.
		before := g.metrics(t)
		droppedBefore := metricValue(before, "gazette_purge_requests_total", map[string]string{"result": "dropped"})
		failedBefore := metricValue(before, "gazette_purge_requests_total", map[string]string{"result": "failed"})
		varnish.stop()
		direct := loginWriter(t, g.base, "ed@example.com", "correct horse battery")
		if err := direct.publish("Harbour lights switched on"); err != nil {
			t.Fatal(err)
		}
		if r := get(t, g.base+"/"); !strings.Contains(r.body, "Harbour lights switched on") {
			t.Error("the front page lacks the new article")
		}
		deadline := time.Now().Add(60 * time.Second)
		for metricValue(g.metrics(t), "gazette_purge_requests_total", map[string]string{"result": "dropped"}) == droppedBefore {
			if time.Now().After(deadline) {
				t.Fatal("no purge dropped a minute after Varnish stopped")
			}
			time.Sleep(100 * time.Millisecond)
		}
		fams := g.metrics(t)
		if failed := metricValue(fams, "gazette_purge_requests_total", map[string]string{"result": "failed"}) - failedBefore; failed < 2 {
			t.Errorf("%v failed purge attempts since Varnish stopped: want the retries counted", failed)
		}
		if r := get(t, g.base+"/readyz"); r.status != http.StatusOK {
			t.Errorf("/readyz %d with the cache gone", r.status)
		}
	})
}
