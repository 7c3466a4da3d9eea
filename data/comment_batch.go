package data

import (
	"context"
	"sync"
	"time"
)

// CommentBatcher writes caught comments in groups: every post waits for the one transaction
// its group shares, which commits within window of the group's first post. A flood of spam
// thus costs a few writes a second instead of one per post, and the page caches (which start
// over on every write) keep serving readers. Nothing is dropped: a post is answered only once
// its comment is stored.
type CommentBatcher struct {
	store  *Store
	window time.Duration

	mu      sync.Mutex
	pending []batchItem
}

type batchItem struct {
	c      NewComment
	budget CommentBudget
	done   chan CommentResult
}

// NewCommentBatcher groups the caught comments posted within window of each other.
func NewCommentBatcher(store *Store, window time.Duration) *CommentBatcher {
	return &CommentBatcher{store: store, window: window}
}

// Add queues a comment and waits until it is stored, or refused because its budget is spent
// (a *BudgetError). If ctx ends first the comment is still written with its group; only
// the wait is abandoned.
func (b *CommentBatcher) Add(ctx context.Context, c NewComment, budget CommentBudget) (int64, error) {
	item := batchItem{c: c, budget: budget, done: make(chan CommentResult, 1)}
	b.mu.Lock()
	b.pending = append(b.pending, item)
	if len(b.pending) == 1 {
		time.AfterFunc(b.window, b.flush)
	}
	b.mu.Unlock()
	select {
	case res := <-item.done:
		return res.ID, res.Err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func (b *CommentBatcher) flush() {
	b.mu.Lock()
	items := b.pending
	b.pending = nil
	b.mu.Unlock()
	list := make([]NewComment, len(items))
	for i, it := range items {
		list[i] = it.c
	}
	// Not the request's context: the group outlives any one of its posts.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The budget is the site's settings, the same for every post but for a save in between.
	res, err := b.store.AddCommentsWithin(ctx, list, items[0].budget)
	for i, it := range items {
		if err != nil {
			it.done <- CommentResult{Err: err}
			continue
		}
		it.done <- res[i]
	}
}
