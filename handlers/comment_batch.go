package handlers

import (
	"context"
	"sync"
	"time"

	"gazette/data"
)

// commentBatcher writes caught comments in groups: every post waits for the one transaction
// its group shares, which commits within window of the group's first post. A flood of spam
// thus costs a few writes a second instead of one per post, and the page caches (which start
// over on every write) keep serving readers. Nothing is dropped: a post is answered only once
// its comment is stored.
type commentBatcher struct {
	store  *data.Store
	window time.Duration

	mu      sync.Mutex
	pending []batchItem
}

type batchItem struct {
	c    data.NewComment
	done chan batchResult
}

type batchResult struct {
	id  int64
	err error
}

func newCommentBatcher(store *data.Store, window time.Duration) *commentBatcher {
	return &commentBatcher{store: store, window: window}
}

// add queues a comment and waits until it is stored. If ctx ends first the comment is still
// written with its group; only the wait is abandoned.
func (b *commentBatcher) add(ctx context.Context, c data.NewComment) (int64, error) {
	item := batchItem{c: c, done: make(chan batchResult, 1)}
	b.mu.Lock()
	b.pending = append(b.pending, item)
	if len(b.pending) == 1 {
		time.AfterFunc(b.window, b.flush)
	}
	b.mu.Unlock()
	select {
	case res := <-item.done:
		return res.id, res.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func (b *commentBatcher) flush() {
	b.mu.Lock()
	items := b.pending
	b.pending = nil
	b.mu.Unlock()
	list := make([]data.NewComment, len(items))
	for i, it := range items {
		list[i] = it.c
	}
	// Not the request's context: the group outlives any one of its posts.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ids, err := b.store.AddComments(ctx, list)
	for i, it := range items {
		if err != nil {
			it.done <- batchResult{err: err}
			continue
		}
		it.done <- batchResult{id: ids[i]}
	}
}
