package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestWarmStandby runs the whole standby story with real processes on 127.0.0.1: a primary
// replicating to a folder (Litestream, embedded), a follower keeping a second data directory
// (`restore --follow`), a read-only server on it, an editor writing in a loop on the primary.
// The standby must serve the primary's articles, refuse writes with the standby page, show
// each new article within 5 s (polled: a bound on visibility, not a speed benchmark; the
// figures are logged), and after promotion take writes itself.
func TestWarmStandby(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "gazette")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build gazette: %v\n%s", err, out)
	}
	root := t.TempDir()
	primaryDir, standbyDir := filepath.Join(root, "primary"), filepath.Join(root, "standby")
	replicaURL := "file://" + filepath.Join(root, "replica")
	const email, password = "ed@example.com", "correct horse battery"
	if out, err := runWithStdin(password+"\n", "user", "add", "--data", primaryDir, "--email", email, "--name", "Ed", "--role", "editor"); err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}
	primary := startProcess(t, bin, "Gazette is serving ", "serve", "--addr", "127.0.0.1:0", "--data", primaryDir, "--replicate", replicaURL)
	pbase := servingURL(primary.line)
	follower := startProcess(t, bin, "Following ", "restore", replicaURL, "--data", standbyDir, "--follow", "--follow-every", "200ms")
	standby := startProcess(t, bin, "Gazette is serving ", "serve", "--read-only", "--addr", "127.0.0.1:0", "--data", standbyDir)
	sbase := servingURL(standby.line)

	const demoArticle = "/news/leonids-over-the-bay/"
	t.Run("serves the primary's articles", func(t *testing.T) {
		for _, p := range []string{demoArticle, "/", "/tags/astronomy/", "/index.xml"} {
			want, got := get(t, pbase+p), get(t, sbase+p)
			if got.status != http.StatusOK || got.status != want.status {
				t.Errorf("%s: standby answers %d, primary %d", p, got.status, want.status)
			}
		}
		if r := get(t, sbase+demoArticle); !strings.Contains(r.body, "Leonids") {
			t.Errorf("the standby's %s does not show the article", demoArticle)
		}
		if r := get(t, sbase+"/readyz"); r.status != http.StatusOK {
			t.Errorf("/readyz on the standby: %d %q, want 200 (it serves readers)", r.status, r.body)
		}
	})

	t.Run("refuses writes with the standby page", func(t *testing.T) {
		c := newClient()
		for _, req := range []struct{ method, path string }{
			{http.MethodPost, "/admin/login"}, {http.MethodGet, "/admin/"}, {http.MethodGet, "/admin/articles/new"},
			{http.MethodPost, "/admin/articles/new"}, {http.MethodPost, "/comments/article/1"}, {http.MethodPost, demoArticle},
		} {
			r, _ := http.NewRequest(req.method, sbase+req.path, strings.NewReader("title=x"))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := c.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), `data-testid="standby"`) || res.Header.Get("Retry-After") == "" {
				t.Errorf("%s %s on the standby: %d, standby page %v, want 503 with the standby page and Retry-After",
					req.method, req.path, res.StatusCode, strings.Contains(string(b), `data-testid="standby"`))
			}
		}
		if out, err := runWithEnv(func(string) string { return "" }, "serve", "--addr", "127.0.0.1:0", "--data", standbyDir); err == nil || !strings.Contains(err.Error(), "promote") {
			t.Errorf("serve read-write on the followed copy: %v %s, want a refusal naming promote", err, out)
		}
		// status reads the copy without turning it to WAL (the loop below would stall if it did).
		if out, err := runWithEnv(func(string) string { return "" }, "status", "--data", standbyDir); err != nil || !strings.Contains(out, "Standby:  at transaction") {
			t.Errorf("status on the standby: %v %s", err, out)
		}
	})

	editor := loginWriter(t, pbase, email, password)
	t.Run("trails the primary by at most 5 s under a write loop", func(t *testing.T) {
		// The loop: a second editor session publishing as fast as the primary takes it.
		loop := loginWriter(t, pbase, email, password)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var loopSaves int
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if loop.publish(fmt.Sprintf("Loop save %d", i)) != nil {
					return
				}
				loopSaves++
			}
		}()
		var lags []time.Duration
		var firstID string
		for i := range 10 {
			title := fmt.Sprintf("Standby check %d", i)
			id := publishReturningID(t, editor, title)
			if i == 0 {
				firstID = id
			}
			lags = append(lags, visibleWithin(t, sbase+"/news/standby-check-"+strconv.Itoa(i)+"/", title, 5*time.Second))
		}
		// A correction rewrites pages in place: the standby must not keep its cached ones.
		doc := fetchDoc(t, editor.client, pbase+"/admin/articles/"+firstID)
		form := readDeskForm(doc.Find("form:has(textarea[name=body])").First())
		const fix = "Corrected on the primary."
		form.Set("body", fix)
		form.Set("action", "publish")
		if res, err := editor.post("/admin/articles/"+firstID, form, "", nil); err != nil || res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save correction: %v %v", res, err)
		}
		lags = append(lags, visibleWithin(t, sbase+"/news/standby-check-0/", fix, 5*time.Second))
		close(stop)
		wg.Wait()
		// Lists too: the standby's caches drop what the follower's changes name.
		// Dates have whole seconds: one second after the loop's last save, this one is the
		// newest on the home page, of the primary and (once followed) of the standby.
		time.Sleep(1100 * time.Millisecond)
		publishReturningID(t, editor, "On the home page")
		if !strings.Contains(get(t, pbase+"/").body, "On the home page") {
			t.Fatal("the primary's home page does not list the newest article")
		}
		lags = append(lags, visibleWithin(t, sbase+"/", "On the home page", 5*time.Second))
		slices.Sort(lags)
		t.Logf("standby lag over %d writes (follow every 200 ms, %d loop saves meanwhile): min %s, median %s, max %s",
			len(lags), loopSaves, lags[0].Round(time.Millisecond), lags[len(lags)/2].Round(time.Millisecond), lags[len(lags)-1].Round(time.Millisecond))
		if loopSaves == 0 {
			t.Error("the write loop saved nothing")
		}
	})

	t.Run("promoted, it takes writes", func(t *testing.T) {
		// The primary is lost (stopped cleanly here, so everything acknowledged was shipped).
		publishReturningID(t, editor, "Last word from the primary")
		primary.stop(t)
		visibleWithin(t, sbase+"/news/last-word-from-the-primary/", "Last word from the primary", 5*time.Second)
		if out, err := runWithEnv(func(string) string { return "" }, "promote", "--data", standbyDir); err == nil {
			t.Errorf("promote while the follower runs: %s, want a refusal", out)
		}
		follower.stop(t)
		standby.stop(t)
		out, err := runWithEnv(func(string) string { return "" }, "promote", "--data", standbyDir)
		if err != nil || !strings.Contains(out, "Promoted") {
			t.Fatalf("promote: %v %s", err, out)
		}
		promoted := startProcess(t, bin, "Gazette is serving ", "serve", "--addr", "127.0.0.1:0", "--data", standbyDir,
			"--replicate", "file://"+filepath.Join(root, "replica-after-promotion"))
		base := servingURL(promoted.line)
		for _, p := range []string{demoArticle, "/news/standby-check-9/", "/news/last-word-from-the-primary/"} {
			if r := get(t, base+p); r.status != http.StatusOK {
				t.Errorf("promoted %s: %d", p, r.status)
			}
		}
		w := loginWriter(t, base, email, password)
		publishReturningID(t, w, "Written after promotion")
		if r := get(t, base+"/news/written-after-promotion/"); r.status != http.StatusOK || !strings.Contains(r.body, "Written after promotion") {
			t.Errorf("the promoted site does not show its own write: %d", r.status)
		}
		if r := get(t, base+"/readyz"); r.status != http.StatusOK {
			t.Errorf("/readyz after promotion: %d %q", r.status, r.body)
		}
	})
}

// publishReturningID publishes a new article through the desk and returns its id.
func publishReturningID(t *testing.T, w *deskWriter, title string) string {
	t.Helper()
	res, err := w.post("/admin/articles/new", url.Values{"csrf": {w.csrf}, "title": {title}, "body": {"Text of " + title + "."},
		"lang": {"en"}, "section": {"news"}, "version": {"0"}, "action": {"publish"}}, "", nil)
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish %q: %v %v", title, res, err)
	}
	id, _, _ := strings.Cut(strings.TrimPrefix(res.Header.Get("Location"), "/admin/articles/"), "?")
	if _, err := strconv.Atoi(id); err != nil {
		t.Fatalf("publish %q: redirected to %q", title, res.Header.Get("Location"))
	}
	return id
}

// visibleWithin polls u until its page contains text, failing after limit; it returns how
// long that took.
func visibleWithin(t *testing.T, u, text string, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		res, err := http.Get(u)
		if err == nil {
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK && strings.Contains(string(b), text) {
				return time.Since(start)
			}
		}
		if time.Since(start) > limit {
			t.Fatalf("%s did not show %q within %s", u, text, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// process is a running gazette command and the first line it printed that began as asked.
type process struct {
	cmd    *exec.Cmd
	line   string
	stderr *syncBuffer
	once   sync.Once
}

// startProcess runs bin with args and waits for a line of its output starting with prefix.
func startProcess(t *testing.T, bin, prefix string, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(bin, args...), stderr: &syncBuffer{}}
	p.cmd.Stderr = p.stderr
	stdout, _ := p.cmd.StdoutPipe()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.stop(t)
		if t.Failed() {
			t.Logf("gazette %s's log:\n%s", args[0], tail(p.stderr.String(), 3000))
		}
	})
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), prefix) {
				lines <- sc.Text()
				io.Copy(io.Discard, stdout)
				return
			}
		}
		close(lines)
	}()
	select {
	case line, ok := <-lines:
		if !ok {
			t.Fatalf("gazette %s stopped before printing %q:\n%s", args[0], prefix, p.stderr.String())
		}
		p.line = line
	case <-time.After(90 * time.Second):
		t.Fatalf("gazette %s did not print %q:\n%s", args[0], prefix, p.stderr.String())
	}
	return p
}

// stop ends the process as systemd would (SIGTERM) and waits for it.
func (p *process) stop(t *testing.T) {
	p.once.Do(func() {
		p.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			p.cmd.Process.Kill()
			<-done
			t.Errorf("gazette did not stop within 30 s of SIGTERM")
		}
	})
}

// servingURL reads the address from "Gazette is serving http://…/ (data in …)".
func servingURL(line string) string {
	return strings.TrimSuffix(strings.Fields(strings.TrimPrefix(line, "Gazette is serving "))[0], "/")
}

// runWithStdin runs a command in this process with stdin given, as a terminal would.
func runWithStdin(stdin string, args ...string) (string, error) {
	var out strings.Builder
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &out)
	return out.String(), err
}
