package reads

import (
	"sort"
	"sync"
	"testing"
)

func TestCounterCountsAndTakes(t *testing.T) {
	c := NewCounter(100)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				c.Count("/news/a/", "")
				c.Count("/news/a/", "example.org")
				c.Count("/news/b/", "")
			}
		}()
	}
	wg.Wait()
	got := c.Take()
	sort.Slice(got, func(i, j int) bool { return got[i].Path+got[i].Referrer < got[j].Path+got[j].Referrer })
	want := []struct {
		path, ref string
		n         int64
	}{{"/news/a/", "", 8000}, {"/news/a/", "example.org", 8000}, {"/news/b/", "", 8000}}
	if len(got) != len(want) {
		t.Fatalf("took %+v", got)
	}
	for i, w := range want {
		if got[i].Path != w.path || got[i].Referrer != w.ref || got[i].Views != w.n {
			t.Errorf("%d: %+v, want %+v", i, got[i], w)
		}
	}
	if again := c.Take(); len(again) != 0 {
		t.Errorf("second take %+v", again)
	}
}

func TestCounterIsBounded(t *testing.T) {
	c := NewCounter(3)
	for _, p := range []string{"/a", "/b", "/c", "/d", "/e"} {
		c.Count(p, "")
	}
	c.Count("/a", "") // a known pair still counts
	if got := len(c.Take()); got != 3 {
		t.Errorf("%d keys kept", got)
	}
	if c.Dropped() != 2 {
		t.Errorf("dropped %d", c.Dropped())
	}
	c.Count("/z", "") // room again after a take
	if got := len(c.Take()); got != 1 {
		t.Errorf("after take: %d keys", got)
	}
}

// A pair seen since the last write costs no allocation: counting stays off the garbage
// collector's books whatever the traffic.
func TestCountingAPairSeenAllocatesNothing(t *testing.T) {
	c := NewCounter(10)
	path, ref := "/news/harbour/", "news.example"
	c.Count(path, ref)
	if n := testing.AllocsPerRun(1000, func() { c.Count(path, ref) }); n != 0 {
		t.Errorf("%v allocations per count", n)
	}
}

func BenchmarkCount(b *testing.B) {
	c := NewCounter(1000)
	paths := []string{"/news/a/", "/news/b/", "/news/c/", "/news/d/"}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			c.Count(paths[i&3], "")
			i++
		}
	})
}
