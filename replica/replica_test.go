package replica

import (
	"strings"
	"testing"
	"time"
)

func TestLagTrackerMeasuresTheOldestUnshippedCommit(t *testing.T) {
	var l lagTracker
	t0 := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	l.observe(5, 5, t0)
	if got := l.lag(t0.Add(time.Second)); got != 0 {
		t.Errorf("caught up: lag %s", got)
	}
	l.observe(7, 5, t0.Add(100*time.Millisecond))
	l.observe(9, 5, t0.Add(200*time.Millisecond))
	if got := l.lag(t0.Add(700 * time.Millisecond)); got != 600*time.Millisecond {
		t.Errorf("behind: lag %s, want 600ms (since txid 7 was first seen)", got)
	}
	l.observe(9, 7, t0.Add(800*time.Millisecond))
	if got := l.lag(t0.Add(time.Second)); got != 800*time.Millisecond {
		t.Errorf("partly shipped: lag %s, want 800ms (since txid 9 was first seen)", got)
	}
	l.observe(9, 9, t0.Add(1100*time.Millisecond))
	if got := l.lag(t0.Add(2 * time.Second)); got != 0 {
		t.Errorf("shipped: lag %s", got)
	}
}

func TestReplicaURLs(t *testing.T) {
	for url, want := range map[string]string{
		"file:///var/backups/gazette": "",
		"s3://bucket/path":            "",
		"file://relative/path":        "absolute path",
		"s3:///no-bucket":             "name the bucket",
		"ftp://host/path":             "only file:// and s3://",
	} {
		_, err := openTarget(Config{URL: url})
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", url, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: got %v, want %q", url, err, want)
		}
	}
}
