package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"gazette/data"
)

// TestReplicaSurvivesKill runs the real binary with --replicate, kills it with SIGKILL in the
// middle of a burst of saves, restores the replica into a fresh directory and checks that every
// save acknowledged more than a second before the kill is there and the store is sound. Five
// rounds against a folder; two against an S3 server (gofakes3, in this process, on 127.0.0.1).
func TestReplicaSurvivesKill(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "gazette")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build gazette: %v\n%s", err, out)
	}
	t.Run("file", func(t *testing.T) {
		root := t.TempDir()
		for round := range 5 {
			killRound(t, bin, fmt.Sprintf("file://%s/round-%d", root, round), nil)
		}
		// A new VM: serve on an empty data directory restores from the replica first.
		dataDir := t.TempDir()
		cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", dataDir, "--no-demo", "--replicate", fmt.Sprintf("file://%s/round-4", root))
		var stderr syncBuffer
		cmd.Stderr = &stderr
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { cmd.Process.Kill(); cmd.Wait() }()
		var head bytes.Buffer
		base := serverURL(t, io.TeeReader(stdout, &head), &stderr)
		go io.Copy(io.Discard, stdout)
		if !strings.Contains(head.String(), "Restored the site from the replica") {
			t.Errorf("serve on an empty data directory did not restore: %q", head.String())
		}
		resp, err := http.Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), "Writer ") {
			t.Errorf("the restored site does not show the replicated articles: %d", resp.StatusCode)
		}
	})
	t.Run("an idle store is copied at start", func(t *testing.T) {
		dataDir := t.TempDir()
		store, media, err := openStore(context.Background(), dataDir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := importDemo(context.Background(), store, media, "127.0.0.1:8080"); err != nil {
			t.Fatal(err)
		}
		// With an editor, serve prints no setup link, so it writes nothing at start.
		if _, err := store.CreateEditor(context.Background(), newEditorForTest()); err != nil {
			t.Fatal(err)
		}
		store.Close()
		url := "file://" + t.TempDir()
		cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", dataDir, "--no-demo", "--replicate", url)
		var stderr syncBuffer
		cmd.Stderr = &stderr
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		serverURL(t, stdout, &stderr) // serving: the first copy is taken
		go io.Copy(io.Discard, stdout)
		cmd.Process.Kill()
		cmd.Wait()
		fresh := t.TempDir()
		if out, err := runWithEnv(func(string) string { return "" }, "restore", url, "--data", fresh); err != nil || !strings.Contains(out, "articles") {
			t.Fatalf("restore: %v %s", err, out)
		}
		if titles := storedTitles(t, fresh); len(titles) == 0 {
			t.Error("the replica of a store nobody wrote to since the start is empty")
		}
	})
	t.Run("s3", func(t *testing.T) {
		backend := s3mem.New()
		if err := backend.CreateBucket("newsroom"); err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(gofakes3.New(backend).Server())
		t.Cleanup(srv.Close)
		// Litestream's S3 client cannot use a custom CA bundle with its own HTTP client; the
		// fake server is plain HTTP, so none is needed (this machine sets one for its proxy).
		t.Setenv("AWS_CA_BUNDLE", "")
		env := map[string]string{"AWS_ENDPOINT_URL": srv.URL, "AWS_REGION": "us-east-1",
			"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}
		for round := range 2 {
			killRound(t, bin, fmt.Sprintf("s3://newsroom/round-%d", round), env)
		}
	})
}

// ack is a save the server answered 303 to, and when.
type ack struct {
	title string
	at    time.Time
}

func killRound(t *testing.T, bin, replicaURL string, env map[string]string) {
	t.Helper()
	getenv := func(k string) string { return env[k] }
	dataDir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"user", "add", "--data", dataDir, "--email", "ed@example.com", "--name", "Ed", "--role", "editor"},
		getenv, strings.NewReader("correct horse battery\n"), &out, &out); err != nil {
		t.Fatalf("user add: %v %s", err, out.String())
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", dataDir, "--no-demo", "--replicate", replicaURL)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_CA_BUNDLE=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	t.Cleanup(func() {
		if !killed {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	base := serverURL(t, stdout, &stderr)
	go io.Copy(io.Discard, stdout)
	w := loginWriter(t, base, "ed@example.com", "correct horse battery")
	if err := w.upload(pngOf(t, rand.N(250)+1)); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var acked []ack
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for writer := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				title := fmt.Sprintf("Writer %d save %d", writer, i)
				if err := w.publish(title); err != nil {
					return // the server is gone
				}
				mu.Lock()
				acked = append(acked, ack{title, time.Now()})
				mu.Unlock()
			}
		}()
	}
	time.Sleep(1500*time.Millisecond + rand.N(time.Second))
	if status, err := runWithEnv(getenv, "status", "--data", dataDir); err != nil || !strings.Contains(status, "s behind") {
		t.Errorf("status while serving: %v %q", err, status)
	}
	killAt := time.Now()
	cmd.Process.Kill() // SIGKILL: no shutdown, no last sync
	killed = true
	cmd.Wait()
	close(stop)
	wg.Wait()

	fresh := filepath.Join(t.TempDir(), "restored")
	if out, err := runWithEnv(getenv, "restore", replicaURL, "--data", fresh); err != nil {
		t.Fatalf("restore from %s: %v\n%s", replicaURL, err, out)
	}
	titles := storedTitles(t, fresh) // and integrity_check
	info, err := data.InspectSnapshot(context.Background(), filepath.Join(fresh, "gazette.db"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Counts["media"] != 1 {
		t.Errorf("%s: %d uploads restored, want 1", replicaURL, info.Counts["media"])
	}
	for _, name := range info.Files {
		if _, err := os.Stat(filepath.Join(fresh, "media", filepath.FromSlash(name))); err != nil {
			t.Errorf("%s: media file not replicated: %v", replicaURL, err)
		}
	}
	var must, lost int
	newestMissing := time.Duration(0)
	for _, a := range acked {
		before := killAt.Sub(a.at)
		if titles[a.title] {
			continue
		}
		if before > time.Second {
			lost++
			t.Errorf("%s: %q was acknowledged %s before the kill and is not in the replica", replicaURL, a.title, before.Round(time.Millisecond))
		}
		newestMissing = max(newestMissing, before)
	}
	for _, a := range acked {
		if killAt.Sub(a.at) > time.Second {
			must++
		}
	}
	t.Logf("%s: %d saves acknowledged, %d of them more than 1 s before the kill; %d restored; oldest missing save acknowledged %s before the kill",
		replicaURL, len(acked), must, len(titles), newestMissing.Round(time.Millisecond))
	if len(acked) == 0 || must == 0 {
		t.Errorf("the burst wrote nothing worth checking (%d saves); log:\n%s", len(acked), stderr.String())
	}
}

// serverURL reads the serving line from a starting server's output.
func serverURL(t testing.TB, stdout io.Reader, stderr *syncBuffer) string {
	t.Helper()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "Gazette is serving "); ok {
				lines <- strings.TrimSuffix(strings.Fields(rest)[0], "/")
				return
			}
		}
		close(lines)
	}()
	select {
	case u, ok := <-lines:
		if !ok {
			t.Fatalf("server stopped before serving:\n%s", stderr.String())
		}
		return u
	case <-time.After(60 * time.Second):
		t.Fatalf("server did not start:\n%s", stderr.String())
	}
	return ""
}

func runWithEnv(getenv func(string) string, args ...string) (string, error) {
	var out bytes.Buffer
	err := run(context.Background(), args, getenv, strings.NewReader(""), &out, &out)
	return out.String(), err
}
