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
	fetchEncoded(t, srv.URL+"/post/one/", "identity") // a miss that keeps the page
	_, gz := gzipHit(t, srv.URL+"/post/one/")
	_, page := fetchEncoded(t, srv.URL+"/post/one/", "identity")
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

// fetchEncoded gets a URL asking for one content encoding and returns the answer as sent.
func fetchEncoded(t *testing.T, url, encoding string) (http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
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

// gzipHit asks for a page in gzip until the response cache answers (the first asks render it,
// or a change overtakes a render) and returns that answer.
func gzipHit(t *testing.T, url string) (http.Header, []byte) {
	t.Helper()
	for i := 0; i < 20; i++ {
		if h, b := fetchEncoded(t, url, "gzip"); cacheAnswer(h) == "HIT" && h.Get("Content-Encoding") == "gzip" {
			return h, b
		}
	}
	t.Fatalf("%s: no gzip answer from the cache in 20 asks", url)
	return nil, nil
}
