package content

// Reading a site in two passes, so that a site of any size never sits in memory at once:
//
//  1. scan (at LoadSite/ScanSite): every page file is read and its front matter built, in
//     parallel; what stays is a Source per page (its path, language, URL and content hash),
//     which is all that the rules needing the whole site use: duplicate URLs, ref/relref.
//  2. RenderBatches (at import): the files are read again, built and rendered in parallel,
//     and handed over in source-path order a batch at a time.

import (
	"context"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"gazette/data"
)

// Source is one page file of a site and what the first pass learned of it.
type Source struct {
	SourcePath  string // from the site root, with forward slashes
	Lang        string
	Permalink   string
	ContentHash string // data.Article's: the file's bytes, URL and language

	file        string // absolute path
	sitePath    string // SourcePath as the walk named it, before the file was read
	contentRoot string
	dirLang     string
	bundle      []BundleFile
	size        int64 // the file's size when last read
}

// scan reads every source once: the ones that fail or are skipped become problems (in walk
// order) and leave Sources, which end sorted by source path. keepPages keeps the built pages
// in Pages, in the same order.
func (s *Site) scan(keepPages bool) {
	pages := make([]Page, len(s.Sources))
	problems := make([]*Problem, len(s.Sources))
	parallel(len(s.Sources), func(i int) {
		page, problem := s.loadPage(&s.Sources[i])
		if problem != nil {
			problems[i] = problem
			return
		}
		a := &page.Article
		src := &s.Sources[i]
		src.SourcePath, src.Lang, src.Permalink, src.ContentHash = a.SourcePath, a.Lang, a.Permalink, a.ContentHash
		if keepPages {
			pages[i] = page
		}
	})
	kept := s.Sources[:0]
	for i, src := range s.Sources {
		if problems[i] != nil {
			s.Problems = append(s.Problems, *problems[i])
			continue
		}
		if keepPages {
			s.Pages = append(s.Pages, pages[i])
		}
		kept = append(kept, src)
	}
	s.Sources = kept
	sort.SliceStable(s.Sources, func(i, j int) bool { return s.Sources[i].SourcePath < s.Sources[j].SourcePath })
	sort.SliceStable(s.Pages, func(i, j int) bool { return s.Pages[i].Article.SourcePath < s.Pages[j].Article.SourcePath })
}

// BatchLimit bounds a batch of RenderBatches: at most Pages pages, and no more than Bytes of
// source files (0: no bound), whichever comes first; a batch always has at least one page.
type BatchLimit struct {
	Pages int
	Bytes int64
}

// end is where the batch of sources beginning at start ends.
func (l BatchLimit) end(sources []Source, start int) int {
	end, bytes := start, int64(0)
	for end < len(sources) && end-start < l.Pages && (end == start || l.Bytes <= 0 || bytes+sources[end].size <= l.Bytes) {
		bytes += sources[end].size
		end++
	}
	return end
}

// RenderBatches reads the given sources again (a subset of s.Sources, in their order), builds
// and renders them on every core, and calls save with each batch, within limit, in that
// order. Rendering the next batch goes on while save writes this one, so at most three
// batches are in memory. A file that no longer reads, or does not render, becomes a Failed
// problem and is left out; render notes (unknown shortcodes, broken refs) become notes. The
// first error from save stops everything and is returned.
func (s *Site) RenderBatches(ctx context.Context, sources []Source, limit BatchLimit, save func([]Page) error) error {
	pl := NewPipeline(s.Config)
	refs := s.lazyRefIndex()
	type batch struct {
		pages    []Page
		problems []Problem
	}
	batches := make(chan batch, 1)
	stop := make(chan struct{})
	go func() {
		defer close(batches)
		for start := 0; start < len(sources); {
			end := limit.end(sources, start)
			pages, problems := s.renderBatch(pl, refs, sources[start:end])
			start = end
			select {
			case batches <- batch{pages, problems}:
			case <-stop:
				return
			}
		}
	}()
	var err error
	for b := range batches {
		s.Problems = append(s.Problems, b.problems...)
		if err = ctx.Err(); err == nil {
			err = save(b.pages)
		}
		if err != nil {
			close(stop)
			for range batches { // the renderer ends after the batch it is on
			}
			return err
		}
	}
	return nil
}

// renderBatch builds and renders one batch in parallel; problems keep the batch's order.
func (s *Site) renderBatch(pl *Pipeline, refs *lazyRefIndex, sources []Source) ([]Page, []Problem) {
	pages := make([]Page, len(sources))
	found := make([][]Problem, len(sources))
	ok := make([]bool, len(sources))
	parallel(len(sources), func(i int) {
		page, problem := s.loadPage(&sources[i])
		if problem != nil {
			problem.Kind = Failed // it read well in the first pass: it changed since
			found[i] = []Problem{*problem}
			return
		}
		found[i], ok[i] = renderPage(pl, refs, &page.Article, &s.shortcodes)
		pages[i] = page
	})
	var kept []Page
	var problems []Problem
	for i := range pages {
		problems = append(problems, found[i]...)
		if ok[i] {
			kept = append(kept, pages[i])
		}
	}
	return kept, problems
}

// parallel calls do(0) … do(n-1) on every core and returns when all are done.
func parallel(n int, do func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		}()
	}
	wg.Wait()
}

// lazyRefIndex is the site's RefIndex, built when the first ref or relref shortcode asks:
// most news sites have none, and at 100,000 pages the index is 100 MB.
type lazyRefIndex struct {
	once  sync.Once
	site  *Site
	index RefIndex
}

func (s *Site) lazyRefIndex() *lazyRefIndex { return &lazyRefIndex{site: s} }

func (l *lazyRefIndex) resolve(ref, lang string) (string, bool) {
	l.once.Do(func() { l.index = l.site.refIndex() })
	return l.index.resolve(ref, lang)
}

// refIndex indexes every page of the site for ref/relref, in source-path order.
func (s *Site) refIndex() RefIndex {
	paths := make([]data.ArticlePath, len(s.Sources))
	for i, src := range s.Sources {
		paths[i] = data.ArticlePath{SourcePath: src.SourcePath, Lang: src.Lang, Permalink: src.Permalink}
	}
	return NewRefIndex(s.Config, paths)
}
