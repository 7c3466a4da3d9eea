package content

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
)

func TestZZHeap(t *testing.T) {
	dir := os.Getenv("ZZ_SITE")
	if dir == "" {
		t.Skip()
	}
	s, err := ScanSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	refs := s.refIndex()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("sources %d refs %d heap %d MB", len(s.Sources), len(refs), m.HeapAlloc>>20)
	f, _ := os.Create("/tmp/importer/heap.prof")
	pprof.WriteHeapProfile(f)
	f.Close()
	runtime.KeepAlive(s)
	runtime.KeepAlive(refs)
}
