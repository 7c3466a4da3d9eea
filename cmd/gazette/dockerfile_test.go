package main

import (
	"bufio"
	"debug/elf"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// nonrootID is the uid and gid of distroless's nonroot user, the image's USER.
const nonrootID = 65532

// TestDockerfile checks the image as far as a machine without a Docker engine can: the
// binary is built with the Dockerfile's own flags and is static (it runs on distroless/static),
// the final stage runs as a non-root user that owns /data, the health check probes /readyz, and
// the binary serves and passes that probe as uid 65532.
func TestDockerfile(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	df := string(text)
	final := df[strings.LastIndex(df, "\nFROM "):]
	t.Run("final stage", func(t *testing.T) {
		user := regexp.MustCompile(`(?m)^USER\s+(\S+)`).FindStringSubmatch(final)
		if user == nil || strings.HasPrefix(user[1], "root") || strings.HasPrefix(user[1], "0") {
			t.Errorf("final stage USER %v: want a non-root user", user)
		}
		if !strings.Contains(final, "--chown=65532:65532") {
			t.Error("/data is not handed to uid 65532")
		}
		hc := regexp.MustCompile(`(?s)HEALTHCHECK .*?CMD (\[.*?\])`).FindStringSubmatch(final)
		if hc == nil || !strings.Contains(hc[1], `"/gazette", "probe"`) || !strings.Contains(hc[1], "/readyz") {
			t.Errorf("HEALTHCHECK %v: want /gazette probe …/readyz", hc)
		}
	})

	build := regexp.MustCompile(`CGO_ENABLED=0 go build (.*?) -o /out/gazette (\S+)`).FindStringSubmatch(df)
	if build == nil {
		t.Fatal("Dockerfile: no `CGO_ENABLED=0 go build … -o /out/gazette PKG` line")
	}
	dir, err := os.MkdirTemp("", "gazette-image-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "gazette")
	args := append([]string{"build"}, shellWords(build[1])...)
	cmd := exec.Command("go", append(args, "-o", bin, build[2])...)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %v: %v\n%s", cmd.Args[1:], err, out)
	}

	t.Run("static binary", func(t *testing.T) {
		f, err := elf.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Error("the binary asks for a dynamic loader: it would not start on distroless/static")
			}
		}
		if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
			t.Errorf("the binary needs shared libraries %v", libs)
		}
	})

	t.Run("serves as the non-root user and passes its health check", func(t *testing.T) {
		data := filepath.Join(dir, "data")
		os.Mkdir(data, 0o750)
		var cred *syscall.Credential
		if os.Geteuid() == 0 {
			// As in the image: a data directory owned by nonroot, the process run as nonroot.
			if err := os.Chown(data, nonrootID, nonrootID); err != nil {
				t.Fatal(err)
			}
			cred = &syscall.Credential{Uid: nonrootID, Gid: nonrootID}
		}
		srv := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", data)
		srv.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		var stderr syncBuffer
		srv.Stderr = &stderr
		stdout, _ := srv.StdoutPipe()
		if err := srv.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { srv.Process.Signal(syscall.SIGTERM); srv.Wait() }()
		base := readServing(t, stdout, &stderr)
		probe := func(url string) error {
			c := exec.Command(bin, "probe", url)
			c.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
			return c.Run()
		}
		deadline := time.Now().Add(60 * time.Second)
		for probe(base+"/readyz") != nil {
			if time.Now().After(deadline) {
				t.Fatalf("/readyz never passed the probe:\n%s", stderr.String())
			}
			time.Sleep(200 * time.Millisecond)
		}
		if fi, err := os.Stat(filepath.Join(data, "gazette.db")); err != nil {
			t.Error(err)
		} else if st := fi.Sys().(*syscall.Stat_t); cred != nil && st.Uid != nonrootID {
			t.Errorf("gazette.db owned by uid %d, want %d", st.Uid, nonrootID)
		}
		// The probe fails on anything but 200, so an unready site is reported unhealthy.
		down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "not ready: warming up", http.StatusServiceUnavailable)
		}))
		defer down.Close()
		if probe(down.URL+"/readyz") == nil {
			t.Error("probe passed a 503")
		}
	})
}

// readServing reads the site's address from what serve prints.
func readServing(t *testing.T, stdout io.Reader, stderr *syncBuffer) string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "Gazette is serving "); ok {
				got <- strings.TrimSuffix(strings.Fields(rest)[0], "/")
				io.Copy(io.Discard, stdout)
				return
			}
		}
		close(got)
	}()
	select {
	case u, ok := <-got:
		if !ok {
			t.Fatalf("serve stopped:\n%s", stderr.String())
		}
		return u
	case <-time.After(90 * time.Second):
		t.Fatalf("serve did not start:\n%s", stderr.String())
	}
	return ""
}

// shellWords splits a command line's arguments as sh does for plain and double-quoted words.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	quoted, in := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, in = !quoted, true
		case r == ' ' && !quoted:
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}
