package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gazette/replica"
)

// BenchmarkReplicaLag runs the real binary with --replicate file://, saves articles from two
// editors as fast as the server takes them for five seconds, and samples the lag the server
// reports (replica-status.json, what `gazette status` prints) every 50 ms.
func BenchmarkReplicaLag(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "gazette")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build gazette: %v\n%s", err, out)
	}
	for b.Loop() {
		dataDir := b.TempDir()
		if err := addEditorCLI(dataDir); err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", dataDir, "--no-demo", "--replicate", "file://"+b.TempDir())
		var stderr syncBuffer
		cmd.Stderr = &stderr
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		base := serverURL(b, stdout, &stderr)
		go io.Copy(io.Discard, stdout)
		w := loginWriter(b, base, "ed@example.com", "correct horse battery")
		var saves atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for writer := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					if w.publish(fmt.Sprintf("Writer %d save %d", writer, i)) == nil {
						saves.Add(1)
					}
				}
			}()
		}
		var lags []float64
		start := time.Now()
		for time.Since(start) < 5*time.Second {
			time.Sleep(50 * time.Millisecond)
			if st, err := replica.ReadStatus(filepath.Join(dataDir, replicaStatusName)); err == nil {
				lags = append(lags, st.LagSeconds*1000)
			}
		}
		close(stop)
		wg.Wait()
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		slices.Sort(lags)
		if len(lags) == 0 {
			b.Fatalf("no status samples:\n%s", stderr.String())
		}
		b.ReportMetric(float64(saves.Load())/time.Since(start).Seconds(), "saves/s")
		b.ReportMetric(lags[len(lags)/2], "p50-lag-ms")
		b.ReportMetric(lags[len(lags)*95/100], "p95-lag-ms")
		b.ReportMetric(lags[len(lags)-1], "max-lag-ms")
	}
}

func addEditorCLI(dataDir string) error {
	var out strings.Builder
	err := run(context.Background(), []string{"user", "add", "--data", dataDir, "--email", "ed@example.com", "--name", "Ed", "--role", "editor"},
		func(string) string { return "" }, strings.NewReader("correct horse battery\n"), &out, &out)
	if err != nil {
		return fmt.Errorf("user add: %w %s", err, out.String())
	}
	return nil
}
