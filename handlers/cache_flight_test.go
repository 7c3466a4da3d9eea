package handlers

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"gazette/data"
)

// renderOnHold is a page whose first render waits until the test lets it go, so that other
// readers can ask for it while it renders. Each render writes its number.
type renderOnHold struct {
	cacheControl string
	renders      atomic.Int32
	rendering    chan struct{} // closed when the first render begins
	gate         chan struct{} // the first render goes on once this is closed
}

func newRenderOnHold(cacheControl string) *renderOnHold {
	return &renderOnHold{cacheControl: cacheControl, rendering: make(chan struct{}), gate: make(chan struct{})}
}

func (p *renderOnHold) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := p.renders.Add(1)
	if n == 1 {
		close(p.rendering)
		<-p.gate
	}
	setKeys(w, "a:999999")
	w.Header().Set("Cache-Control", p.cacheControl)
	w.Write([]byte("<!DOCTYPE html><title>render " + strconv.Itoa(int(n)) + "</title>"))
}

// askWhileRendering starts a second reader while the page's first render is on hold and
// returns what that reader gets. The pause only gives it time to find the render in flight:
// on a loaded machine it may come later, and the test then asks less than it could.
func askWhileRendering(c http.Handler, p *renderOnHold) <-chan *httptest.ResponseRecorder {
	<-p.rendering
	got := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		w := httptest.NewRecorder()
		c.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/slow/", nil))
		got <- w
	}()
	time.Sleep(200 * time.Millisecond)
	return got
}

// TestSlowReaderHoldsUpNoOneWaitingForItsRender: readers who ask for a page while it renders
// wait for that one render, and are let go once it is kept (or known not to be kept), not once
// its first reader has read it all: the server sets no write timeout, so a reader who never
// reads would hold them for good.
func TestSlowReaderHoldsUpNoOneWaitingForItsRender(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	for _, c := range []struct {
		name, cacheControl string
		big                bool  // past what the cache keeps
		wantRenders        int32 // 1: the waiter got the kept render; 2: it rendered its own
	}{
		{"kept", string(cachePublic), false, 1},
		{"not kept", "private, no-cache", false, 2},
		{"too big to keep", string(cachePublic), true, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := newRenderOnHold(c.cacheControl)
			var h http.Handler = page
			if c.big {
				h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					page.ServeHTTP(&bigWriter{w}, r)
				})
			}
			cache := cacheResponses(ts.store, false, h)
			stuck := make(chan struct{})
			t.Cleanup(func() { close(stuck) })
			go cache.ServeHTTP(&neverReads{h: http.Header{}, stuck: stuck}, httptest.NewRequest(http.MethodGet, "/slow/", nil))
			waiter := askWhileRendering(cache, page)
			close(page.gate)
			select {
			case w := <-waiter:
				if w.Code != http.StatusOK {
					t.Errorf("the waiting reader got %d", w.Code)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the waiting reader is still held by the first reader, who never reads")
			}
			if n := page.renders.Load(); n != c.wantRenders {
				t.Errorf("%d renders, want %d", n, c.wantRenders)
			}
		})
	}
}

// bigWriter pads a page past what the cache keeps, after the page's own bytes.
type bigWriter struct{ http.ResponseWriter }

func (b *bigWriter) Write(p []byte) (int, error) {
	if n, err := b.ResponseWriter.Write(p); err != nil {
		return n, err
	}
	b.ResponseWriter.Write(make([]byte, cacheMaxEntrySize+1))
	return len(p), nil
}

// TestWaitersAfterAChangeGetAFreshRender: a render that a change overtook is not kept, and the
// readers who waited for it (they may have asked after the save returned) get a render of
// their own, never that one.
func TestWaitersAfterAChangeGetAFreshRender(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, basicSite)
	page := newRenderOnHold(string(cachePublic))
	cache := cacheResponses(ts.store, false, page)
	first := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		w := httptest.NewRecorder()
		cache.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/slow/", nil))
		first <- w
	}()
	waiter := askWhileRendering(cache, page)
	cache.(*responseCache).invalidate(data.ChangeSet{Keys: []string{"a:999999"}}) // the page's article is saved
	close(page.gate)
	if body := (<-first).Body.String(); body != "<!DOCTYPE html><title>render 1</title>" {
		t.Errorf("the first reader got %q", body)
	}
	select {
	case w := <-waiter:
		if body := w.Body.String(); body != "<!DOCTYPE html><title>render 2</title>" {
			t.Errorf("a reader who waited past the change got %q, want a render of its own", body)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the waiting reader got no answer")
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
