package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkCommentFlood posts spam from one address, each post with a fresh valid form token
// (the worst case), from 32 concurrent senders, while one reader loop fetches the article.
// It reports the posts turned away per second and the readers' mean time per page.
func BenchmarkCommentFlood(b *testing.B) {
	ts := commentSite(b, "moderated")
	h := ts.Config.Handler
	target, err := ts.store.ResolvePath(context.Background(), "/post/one/")
	if err != nil {
		b.Fatal(err)
	}
	id := target.ArticleID
	key, _ := ts.store.CommentFormSecret(context.Background())
	signer := formSigner{key: key}
	stop := make(chan struct{})
	var reads, readNanos atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			start := time.Now()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/post/one/", nil))
			readNanos.Add(int64(time.Since(start)))
			reads.Add(1)
		}
	}()
	var n atomic.Int64
	b.SetParallelism(16) // 16 × GOMAXPROCS senders
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			form := url.Values{"token": {signer.issue(id, ts.clock.Now().Add(-time.Minute))}, "name": {"Bot"}, "body": {fmt.Sprintf("Buy now %d", i)}}
			req := httptest.NewRequest(http.MethodPost, commentPostURL(id), strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.RemoteAddr = "203.0.113.9:4000"
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusSeeOther && rec.Code != http.StatusTooManyRequests {
				b.Errorf("flood post: status %d", rec.Code)
			}
		}
	})
	elapsed := time.Since(start)
	b.StopTimer()
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(n.Load())/elapsed.Seconds(), "spam/s")
	if r := reads.Load(); r > 0 {
		b.ReportMetric(float64(readNanos.Load())/float64(r)/1e6, "ms/read")
	}
}
