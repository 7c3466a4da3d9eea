package handlers

import (
	"bytes"
	stdgzip "compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/klauspost/compress/gzip"
)

// TestKeptPagesAreCompressedWell: a page from the cache comes in gzip at the best level, not at
// the fastest level the compressor uses for pages sent once, and it unpacks to the very page
// an identity client gets.
func TestKeptPagesAreCompressedWell(t *testing.T) {
	t.Parallel()
	h, _ := loggedSite(t, newTestServer(t, basicSite), slog.LevelInfo)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	get := func(encoding string) (http.Header, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/post/one/", nil)
		req.Header.Set("Accept-Encoding", encoding)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.Header, b
	}
	for _, enc := range []string{"gzip", "identity"} { // the misses that keep the page
		get(enc)
	}
	var gz []byte
	for i := 0; i < 20; i++ {
		var header http.Header
		if header, gz = get("gzip"); cacheAnswer(header) == "HIT" && header.Get("Content-Encoding") == "gzip" {
			break
		}
		gz = nil
	}
	if gz == nil {
		t.Fatal("no gzip answer from the cache")
	}
	_, page := get("identity")
	zr, err := stdgzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	unpacked, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(unpacked, page) {
		t.Fatalf("the gzip body unpacks to %d bytes (%v), not the %d-byte page", len(unpacked), err, len(page))
	}
	// The best level gives the same bytes every time: exactly what a new writer at that level
	// makes, whichever pooled writer made it.
	var best bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&best, gzip.BestCompression)
	zw.Write(page)
	zw.Close()
	if !bytes.Equal(gz, best.Bytes()) {
		t.Errorf("kept gzip body %d bytes, not the best level's %d", len(gz), best.Len())
	}
}
