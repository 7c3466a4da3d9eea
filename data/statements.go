package data

import (
	"context"
	"database/sql"
	"sync"
)

// pool is the store's connection pool with its queries prepared once. SQLite spends about as
// long parsing and planning a small query as running it: on an uncached article page at
// 100,000 articles, preparing the same six statements again took a quarter of the time. A
// prepared *sql.Stmt is safe for concurrent use and is prepared on each pooled connection the
// first time that connection runs it.
//
// Only reads are kept (QueryContext, QueryRowContext): they are the hot path, and writes and
// migrations are scripts run once. Everything else is *sql.DB's own.
type pool struct {
	*sql.DB

	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

// maxStatements bounds the kept statements: queries are constants or built from a few
// constants, so a store uses a few hundred; past the bound a query is prepared each time, as
// before.
const maxStatements = 1024

func newPool(db *sql.DB) *pool { return &pool{DB: db, stmts: map[string]*sql.Stmt{}} }

// prepared returns the kept statement for query, preparing it on first use; nil when it
// cannot be kept (the bound is reached, or preparing failed: the plain call then reports the
// error the caller expects).
func (p *pool) prepared(ctx context.Context, query string) *sql.Stmt {
	p.mu.RLock()
	st, ok := p.stmts[query]
	p.mu.RUnlock()
	if ok {
		return st
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st, ok := p.stmts[query]; ok {
		return st
	}
	if len(p.stmts) >= maxStatements {
		return nil
	}
	st, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	p.stmts[query] = st
	return st
}

// QueryContext runs a read through its kept statement.
func (p *pool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.DB.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row read through its kept statement.
func (p *pool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.DB.QueryRowContext(ctx, query, args...)
}

// Close closes the kept statements, then the pool.
func (p *pool) Close() error {
	p.mu.Lock()
	for q, st := range p.stmts {
		st.Close()
		delete(p.stmts, q)
	}
	p.mu.Unlock()
	return p.DB.Close()
}
