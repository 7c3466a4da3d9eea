package handlers

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gazette/data"
	"gazette/static"
)

// smallDisk mounts a tmpfs of the given size (tests run as root): a real filesystem that
// really fills up, so the store meets ENOSPC and SQLITE_FULL from the kernel, not a stand-in.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("mount a small tmpfs (these tests need root, as make test runs): %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fillDisk writes a file until the filesystem refuses; removing it frees the space.
func fillDisk(t *testing.T, dir string) (free func()) {
	t.Helper()
	name := filepath.Join(dir, "filler")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	// The last partial chunks: fill to the very last block.
	for _, n := range []int{4096, 512, 1} {
		for {
			if _, err := f.Write(chunk[:n]); err != nil {
				break
			}
		}
	}
	f.Close()
	return func() {
		if err := os.Remove(name); err != nil {
			t.Fatal(err)
		}
	}
}

// newTestServerIn is the real handler over a store whose data directory is dir.
func newTestServerIn(t *testing.T, dir string) *testServer {
	t.Helper()
	ts := &testServer{clock: newTestClock(time.Now())}
	store, err := data.Open(context.Background(), filepath.Join(dir, "gazette.db"), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	media, err := data.NewMediaDir(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	assets, err := static.New()
	if err != nil {
		t.Fatal(err)
	}
	ts.store = store
	srv := New(Deps{Store: store, Media: media, Assets: assets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv.WarmUp()
	ts.Server = httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestFullDiskAnswers503AndRecovers fills a real (tmpfs) disk under a serving store: readiness
// says why, writes answer 503 with the read-only page, reads go on, and freeing space brings
// writes back without a restart.
func TestFullDiskAnswers503AndRecovers(t *testing.T) {
	t.Parallel()
	dir := smallDisk(t, "12m")
	ts := newTestServerIn(t, dir)
	addEditor(t, ts, "ed@example.com", data.RoleEditor)
	c := newDeskClient(t, ts)
	c.login("ed@example.com", testPassword)
	id := saveNew(t, c, articleForm(c.token("/admin/articles/new"), "Before the disk filled", "Kept."), "publish")
	csrf := c.token("/admin/articles/new")

	free := fillDisk(t, dir)

	resp := ts.get(t, "/readyz")
	if body := readBody(t, resp); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "disk is full") {
		t.Errorf("readyz on a full disk: %d %q", resp.StatusCode, body)
	}
	if resp := ts.get(t, "/healthz"); resp.StatusCode != http.StatusOK {
		t.Errorf("healthz (alive, reads work): %d", resp.StatusCode)
	}
	if resp := ts.get(t, "/"); resp.StatusCode != http.StatusOK {
		t.Errorf("home page on a full disk: %d", resp.StatusCode)
	}
	// A body bigger than the WAL has room for: the commit must reach the disk.
	big := strings.Repeat("A paragraph that will not fit on a full disk. ", 15000)
	form := articleForm(csrf, "Written on a full disk", big)
	form.Set("action", "publish")
	resp, d := c.postMultipart("/admin/articles/new", form, "", "", nil)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(d.Text(), "read-only right now") {
		t.Errorf("save on a full disk: %d %.300q", resp.StatusCode, d.Find("h1").Text())
	}
	resp, d = c.postMultipart("/admin/media", c.formWithToken("/admin/media"), "file", "photo.png", pngBytes(t, 400, 300))
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(d.Text(), "disk is full") {
		t.Errorf("upload on a full disk: %d %.300q", resp.StatusCode, d.Find("h1").Text())
	}
	resp, d = c.page("/admin/articles/" + itoa(id))
	if resp.StatusCode != http.StatusOK || d.Find("input[name=title]").AttrOr("value", "") != "Before the disk filled" {
		t.Errorf("desk read on a full disk: %d", resp.StatusCode)
	}

	free()
	if resp := ts.get(t, "/readyz"); resp.StatusCode != http.StatusOK {
		t.Errorf("readyz after freeing space: %d %s", resp.StatusCode, readBody(t, resp))
	}
	saveNew(t, c, articleForm(c.token("/admin/articles/new"), "Written after space came back", big), "publish")
	if err := ts.store.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
}

// formWithToken is a form holding only the page's token.
func (c *deskClient) formWithToken(path string) url.Values {
	return url.Values{"csrf": {c.token(path)}}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestStorageFaultNamesReadOnlyStorage checks the mapper against the kernel's and SQLite's own
// read-only errors: a file created on a read-only mount (EROFS) and a write to a database
// opened read-only (SQLITE_READONLY). A mounted filesystem cannot be flipped to read-only while
// the store holds its files open for writing, so the running-server case is the full disk above.
func TestStorageFaultNamesReadOnlyStorage(t *testing.T) {
	t.Parallel()
	dir := smallDisk(t, "1m")
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, out)
	}
	_, err := os.Create(filepath.Join(dir, "x"))
	if got := data.StorageFault(err); got != "the data directory is read-only" {
		t.Errorf("EROFS: %q from %v", got, err)
	}
	file := filepath.Join(t.TempDir(), "ro.db")
	rw, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	rw.Close()
	ro, err := sql.Open("sqlite", "file:"+file+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, err = ro.Exec("INSERT INTO t VALUES (1)")
	if got := data.StorageFault(err); got != "the database is read-only" {
		t.Errorf("SQLITE_READONLY: %q from %v", got, err)
	}
	if got := data.StorageFault(errors.New("no such table: t")); got != "" {
		t.Errorf("an ordinary error is no storage fault: %q", got)
	}
}
