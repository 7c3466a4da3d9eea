package handlers

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestBodyDeadlineCutsATricklingBody: a client that sends a request's headers and then stops
// short of its body is cut at the body deadline instead of holding a handler for good, while a
// request without a body and one whose body arrives are answered. (The server itself sets no
// ReadTimeout: cmd/gazette/serve.go.)
func TestBodyDeadlineCutsATricklingBody(t *testing.T) {
	t.Parallel()
	h := bodyDeadline(200*time.Millisecond, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "body not read: "+err.Error(), http.StatusRequestTimeout)
			return
		}
		io.WriteString(w, "read")
	}))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	for _, c := range []struct {
		name, request string
		want          string // in the answer's first line, or "" for a closed connection
	}{
		{"no body", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "200"},
		{"whole body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody", "200"},
		{"body never sent", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\nfirst bytes", "408"},
	} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		// Bounds the test, not the server: the answer should come at the 200 ms deadline.
		conn.SetDeadline(time.Now().Add(30 * time.Second))
		if _, err := io.WriteString(conn, c.request); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(conn).ReadString('\n')
		conn.Close()
		if err != nil {
			t.Errorf("%s: no answer: %v", c.name, err)
			continue
		}
		if !strings.Contains(line, c.want) {
			t.Errorf("%s: answer %q, want %s", c.name, strings.TrimSpace(line), c.want)
		}
	}
}

// TestEveryRequestWithABodyGetsADeadline: the site's handler chain sets a read deadline on the
// connection of a request that carries a body, and none on a GET (whose answer may be a cache
// hit: a deadline is a timer change).
func TestEveryRequestWithABodyGetsADeadline(t *testing.T) {
	t.Parallel()
	h, _ := loggedSite(t, newTestServer(t, basicSite), slog.LevelInfo)
	for _, c := range []struct {
		name, method, body string
		length             int64 // the request's ContentLength as the server read it
		want               bool
	}{
		{"GET", http.MethodGet, "", 0, false},
		// Under HTTP/2 a GET's Body is an empty reader, never http.NoBody.
		{"GET as HTTP/2 gives it", http.MethodGet, "", 0, false},
		{"POST", http.MethodPost, "name=x&text=hello", 17, true},
		{"chunked POST", http.MethodPost, "name=x&text=hello", -1, true},
	} {
		req := httptest.NewRequest(c.method, "/comments/article/1", nil)
		if c.body != "" || c.name == "GET as HTTP/2 gives it" {
			req.Body = io.NopCloser(strings.NewReader(c.body))
		}
		req.ContentLength = c.length
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := &deadlineRecorder{ResponseRecorder: httptest.NewRecorder()}
		h.ServeHTTP(w, req)
		if w.set != c.want {
			t.Errorf("%s: read deadline set %v, want %v", c.name, w.set, c.want)
		}
	}
}

// deadlineRecorder is a recorder whose connection deadline http.ResponseController can set.
type deadlineRecorder struct {
	*httptest.ResponseRecorder
	set bool
}

func (d *deadlineRecorder) SetReadDeadline(time.Time) error {
	d.set = true
	return nil
}
