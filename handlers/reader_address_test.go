package handlers

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestReaderAddress(t *testing.T) {
	t.Parallel()
	trusted, err := ParseTrustedProxies("10.0.0.0/8, 192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseTrustedProxies("10.0.0.0/33"); err == nil {
		t.Error("bad range accepted")
	}
	var seen string
	h := readerAddress(trusted, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { seen = clientIP(r) }))
	for _, tt := range []struct{ peer, xff, want string }{
		{"10.1.2.3:5000", "203.0.113.9", "203.0.113.9"},
		{"10.1.2.3:5000", "1.1.1.1, 203.0.113.9, 10.9.9.9", "203.0.113.9"}, // the client wrote 1.1.1.1
		{"192.0.2.7:1", "203.0.113.9", "203.0.113.9"},
		{"198.51.100.1:5000", "203.0.113.9", "198.51.100.1"}, // not a proxy: the header is a lie
		{"10.1.2.3:5000", "", "10.1.2.3"},
		{"10.1.2.3:5000", "garbage", "10.1.2.3"},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = tt.peer
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		if seen != tt.want {
			t.Errorf("peer %s xff %q: reader %s, want %s", tt.peer, tt.xff, seen, tt.want)
		}
	}
}
