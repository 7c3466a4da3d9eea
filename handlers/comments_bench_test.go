package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gazette/data"
)

// BenchmarkCommentFlood posts spam from one address, and from 50 addresses behind a trusted
// proxy, each post with a fresh valid form token sent at once (the worst case), from 16 ×
// GOMAXPROCS concurrent senders, while one reader loop fetches the article. It reports the
// posts answered per second, the rows stored and the posts refused per 2,000, and the readers'
// mean time per page; "idle" is the reader loop alone, for comparison.
func BenchmarkCommentFlood(b *testing.B) {
	for _, bc := range []struct {
		name      string
		addresses int
	}{{"idle", 0}, {"one address", 1}, {"50 addresses", 50}} {
		b.Run(bc.name, func(b *testing.B) { benchmarkFlood(b, bc.addresses) })
	}
}

func benchmarkFlood(b *testing.B, addresses int) {
	ts := commentSite(b, "moderated")
	h := behindProxy(b, ts, "10.0.0.0/8")
	target, err := ts.store.ResolvePath(context.Background(), "/post/one/")
	if err != nil {
		b.Fatal(err)
	}
	id := target.ArticleID
	key, _ := ts.store.CommentFormSecret(context.Background())
	signer := data.FormSigner{Key: key}
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
	var n, refused atomic.Int64
	b.SetParallelism(16) // 16 × GOMAXPROCS senders
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			if addresses == 0 {
				time.Sleep(time.Millisecond)
				continue
			}
			form := url.Values{"token": {signer.Issue(id, ts.clock.Now())}, "name": {"Bot"}, "body": {fmt.Sprintf("Buy now %d", i)}}
			req := httptest.NewRequest(http.MethodPost, commentPostURL(id), strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.RemoteAddr = "10.0.0.1:4000"
			req.Header.Set("X-Forwarded-For", "203.0.113."+strconv.Itoa(1+int(i)%addresses))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			switch rec.Code {
			case http.StatusSeeOther:
			case http.StatusTooManyRequests:
				refused.Add(1)
			default:
				b.Errorf("flood post: status %d", rec.Code)
			}
		}
	})
	elapsed := time.Since(start)
	b.StopTimer()
	close(stop)
	wg.Wait()
	if addresses > 0 {
		b.ReportMetric(float64(n.Load())/elapsed.Seconds(), "posts/s")
		counts, _ := ts.store.CommentCounts(context.Background(), id)
		b.ReportMetric(float64(counts[data.CommentSpam]+counts[data.CommentPending]), "rows")
		b.ReportMetric(float64(refused.Load())/float64(n.Load())*100, "%refused")
	}
	if r := reads.Load(); r > 0 {
		b.ReportMetric(float64(readNanos.Load())/float64(r)/1e6, "ms/read")
	}
}
