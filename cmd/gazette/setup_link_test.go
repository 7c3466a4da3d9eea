package main

import (
	"net"
	"testing"
)

// TestListenURLIsOpenable: a server listening on every interface prints a link a person can
// open, not http://[::]:8080.
func TestListenURLIsOpenable(t *testing.T) {
	for addr, want := range map[string]string{
		"[::]:8080": "http://localhost:8080", "0.0.0.0:9000": "http://localhost:9000",
		"127.0.0.1:8080": "http://127.0.0.1:8080", "[2001:db8::1]:80": "http://[2001:db8::1]:80",
	} {
		tcp, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := listenURL(tcp); got != want {
			t.Errorf("listenURL(%s) = %q, want %q", addr, got, want)
		}
	}
}
