package handlers

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestSlowReaderHoldsUpNoOneWaitingForItsRender: readers who ask for a page while it renders
// wait for that one render, and are let go once it is kept, not once its first reader has read
// it all: the server sets no write timeout, so a reader who never reads would hold them for good.
func TestSlowReaderHoldsUpNoOneWaitingForItsRender(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	rendering, renderGate := make(chan struct{}), make(chan struct{})
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(rendering)
		<-renderGate
		w.Header().Set("Cache-Control", string(cachePublic))
		w.Write([]byte("<!DOCTYPE html><title>page</title>"))
	})
	c := cacheResponses(ts.store, false, page)

	stuck := make(chan struct{})
	t.Cleanup(func() { close(stuck) })
	go c.ServeHTTP(&neverReads{h: http.Header{}, stuck: stuck}, httptest.NewRequest(http.MethodGet, "/slow/", nil))
	<-rendering
	waiter := make(chan int)
	go func() {
		w := httptest.NewRecorder()
		c.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/slow/", nil))
		waiter <- w.Code
	}()
	time.Sleep(50 * time.Millisecond) // let the second reader find the render in flight
	close(renderGate)
	select {
	case code := <-waiter:
		if code != http.StatusOK {
			t.Errorf("the waiting reader got %d", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the waiting reader is still held by the first reader, who never reads")
	}
}

// neverReads is a client that takes no byte of its answer: its Write blocks until the test ends.
type neverReads struct {
	h     http.Header
	stuck chan struct{}
}

func (n *neverReads) Header() http.Header { return n.h }
func (n *neverReads) WriteHeader(int)     {}
func (n *neverReads) Write(b []byte) (int, error) {
	<-n.stuck
	return len(b), nil
}
