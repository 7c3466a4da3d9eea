package data

import (
	"context"
	"database/sql"
)

// writeTx is a write transaction that prepares each statement once. An import writes a dozen
// small statements per article; parsing them again for every article cost more than running
// them (a third of an import's time).
type writeTx struct {
	tx    *sql.Tx
	ctx   context.Context
	stmts map[string]*sql.Stmt
	desk  bool                // an editor's save: it may change what the desk changed before
	terms map[string]termSeen // terms met in this transaction, by lang, taxonomy and key
	// renames are terms a batch's articles name anew, written after its deferred indexing.
	renames []termRename

	// deferred: a batch import that writes change keys and search entries itself, once for
	// the batch (articles_import.go); pending are the articles it wrote, waiting for them.
	deferred bool
	pending  []int64
	isPend   map[int64]bool
	// searchElsewhere: a bulk import builds the search indexes beside the store
	// (import_search_build.go); indexDeferred writes only the change keys.
	searchElsewhere bool
}

func newWriteTx(ctx context.Context, tx *sql.Tx) *writeTx {
	return &writeTx{tx: tx, ctx: ctx, stmts: map[string]*sql.Stmt{}, terms: map[string]termSeen{}}
}

func deskWriteTx(ctx context.Context, tx *sql.Tx) *writeTx {
	w := newWriteTx(ctx, tx)
	w.desk = true
	return w
}

func (w *writeTx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = st
	return st, nil
}

func (w *writeTx) exec(query string, args ...any) (sql.Result, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

// queryRow is QueryRowContext through a prepared statement; a preparation error surfaces
// from Scan, as QueryRowContext's own errors do.
func (w *writeTx) queryRow(query string, args ...any) *sql.Row {
	st, err := w.stmt(query)
	if err != nil {
		return w.tx.QueryRowContext(w.ctx, query, args...)
	}
	return st.QueryRowContext(w.ctx, args...)
}

// termSeen is a term as this transaction last wrote it.
type termSeen struct {
	id            int64
	name, namedBy string
}
