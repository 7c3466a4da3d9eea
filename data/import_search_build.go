package data

// The first import of a site into an empty store builds the search indexes beside the store
// instead of in it. Tokenizing is most of an import's work (about 1.7 ms of CPU an article at
// 100,000 articles against 0.5 ms for writing the article itself), and SQLite has one writer
// per file: in the store, every index waited for the articles and for each other. Here each
// FTS5 index is built in a side file of its own, on its own connection and goroutine, fed the
// documents of every batch once the batch is committed; the side files are journal-less
// scratch. At the end each index's tables (FTS5's shadow tables) are copied into the store's
// empty ones as soon as that index is merged, a transaction per index.
//
// Crash safety: a row in import_search_pending (migration 0140) is committed before the first
// article and deleted by the transaction that copies the last index in. An import that finds the
// row and no bulk import of its own rebuilds the indexes from the articles first
// (RepairSearchIndex), so a cut-off first import leaves a store whose next import repairs it.
// Each copy is made only when nothing else touched the indexes meanwhile (the row is still
// this import's, the store's copy of that index is empty, no term was renamed under it and
// every article was fed to the side files); otherwise all three are rebuilt from the articles
// in the transaction that deletes the row.

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strconv"
	"sync"
)

// bulkChunk is how many documents a side index takes in one transaction, sorted by key: FTS5
// writes a segment whenever keys step back, so a longer sorted run means fewer segments and
// less merging. About 4 MB of text.
const bulkChunk = 1000

// sideHashSize is FTS5's buffer of pending terms in a side index (its 'hashsize', 1 MB by
// default): fewer, larger segments to merge. Larger buffers and caches were measured slower
// (FTS5 frees the buffer term by term at each flush) and cost 80 MiB more at 10,000 articles.
const sideHashSize = 4 << 20

// sideCrisisMerge is how many segments of one size a side index lets pile up before it merges
// them (FTS5's crisismerge, 16 by default). A side index does no merging of its own while it
// is built (automerge 0): it writes a segment per sorted chunk and per full buffer, and run
// merges them all at once at the end (optimize), which rewrites every entry once. Merging as
// it went (automerge 4 to 8) rewrote each entry two or three times before that optimize
// rewrote it again. At 100,000 articles (GAZETTE_CPUPROFILE, pprof label "side") the three
// side indexes took 118–133 CPU-s against 174, and the import 211 s against 225 s; only the final
// merge waits at the end, and Finish copies the two smaller indexes while search_fts merges.
// An index holds at most 2,000 segments, and a merge names its output while its inputs still
// exist: at 1999 a second crisis merge found no name left (FTS5 says "database or disk is
// full"); at 1,000 two levels always fit. About a segment per chunk, so a site first merges
// early past a million articles. The store's own settings are not these: Finish copies every
// table but the settings.
const sideCrisisMerge = 1000

// sideCacheKiB is a side file's page cache (SQLite's default).
const sideCacheKiB = 2 << 10

// searchDoc is what the search indexes read of one article row (the search_docs view).
type searchDoc struct {
	key                                         int64
	title, lead, summary, plainText, searchTags string
}

// sideIndexes are the FTS5 indexes built beside the store: how a document goes into each.
// They follow indexDeferred (articles_import.go), which writes the same entries in the store.
var sideIndexes = []struct {
	name   string
	insert string
	args   func(d *searchDoc) []any
}{
	{"search_fts", "INSERT INTO search_fts (rowid, title, lead, summary, plain_text, search_tags) VALUES (?, ?, ?, ?, ?, ?)",
		func(d *searchDoc) []any { return []any{d.key, d.title, d.lead, d.summary, d.plainText, d.searchTags} }},
	{"search_titles", "INSERT INTO search_titles (rowid, title, search_tags) VALUES (?, ?, ?)",
		func(d *searchDoc) []any { return []any{d.key, d.title, d.searchTags} }},
	{"search_pairs", `INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags) VALUES (?,
		search_word_pairs(?), search_word_pairs(?), search_word_pairs(?), search_word_pairs(?), search_word_pairs(?))`,
		func(d *searchDoc) []any { return []any{d.key, d.title, d.lead, d.summary, d.plainText, d.searchTags} }},
}

// BulkImport is an import into an empty store, building the search indexes beside it.
type BulkImport struct {
	s     *Store
	token string
	sides []*sideIndex
	chunk []searchDoc
	fed   int  // documents handed to the side indexes
	saved bool // a batch was committed
	// finished receives each side index when it has written everything and merged (failed
	// says how that went); waiting counts those not yet received.
	finished chan *sideIndex
	waiting  int
	closed   bool // the side indexes' inputs are closed
	// renamed: a term was renamed after articles naming it were fed to the side indexes
	// under its old name, so Finish rebuilds the indexes from the articles instead of copying.
	renamed bool
}

// sideIndex is one FTS5 index being built in a side file.
type sideIndex struct {
	name, insert string
	args         func(d *searchDoc) []any
	path         string
	db           *sql.DB
	in           chan []searchDoc

	mu  sync.Mutex
	err error // the first write or merge that failed
}

// BeginBulkImport starts a bulk import when the store has no article (and no cut-off bulk
// import to repair); nil, nil otherwise, and the caller saves with SaveArticles. A store in
// memory has no folder for side files, so it gets nil too.
func (s *Store) BeginBulkImport(ctx context.Context) (*BulkImport, error) {
	file, err := s.mainFile(ctx)
	if err != nil || file == "" {
		return nil, err
	}
	token, err := newBulkToken()
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin bulk import: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM import_search_pending)`).Scan(&n); err != nil {
		return nil, fmt.Errorf("begin bulk import: %w", err)
	}
	if n > 0 {
		return nil, nil
	}
	schemas := make([]string, len(sideIndexes))
	configs := make([][][2]any, len(sideIndexes))
	for i, x := range sideIndexes {
		if schemas[i], configs[i], err = indexDefinition(ctx, tx, x.name); err != nil {
			return nil, fmt.Errorf("begin bulk import: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO import_search_pending (token) VALUES (?)", token); err != nil {
		return nil, fmt.Errorf("begin bulk import: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("begin bulk import: %w", err)
	}
	b := &BulkImport{s: s, token: token, finished: make(chan *sideIndex, len(sideIndexes))}
	for i, x := range sideIndexes {
		side, err := openSideIndex(ctx, file, x.name, schemas[i], configs[i])
		if err != nil {
			b.Abort(ctx)
			return nil, fmt.Errorf("begin bulk import: %w", err)
		}
		side.insert, side.args = x.insert, x.args
		b.sides = append(b.sides, side)
		b.waiting++
		go pprof.Do(ctx, pprof.Labels("side", x.name), func(ctx context.Context) { side.run(ctx, b.finished) })
	}
	return b, nil
}

// mainFile is the store's database file; "" for a store in memory.
func (s *Store) mainFile(ctx context.Context) (string, error) {
	var seq int
	var name, file string
	if err := s.db.QueryRowContext(ctx, "SELECT seq, name, file FROM pragma_database_list WHERE name = 'main'").Scan(&seq, &name, &file); err != nil {
		return "", fmt.Errorf("database file: %w", err)
	}
	return file, nil
}

func newBulkToken() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("bulk import token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// indexDefinition is how the store made an FTS5 index and the settings it was given since
// (rows of its config table), for a side file to build the same index.
func indexDefinition(ctx context.Context, tx *sql.Tx, name string) (string, [][2]any, error) {
	var schema string
	if err := tx.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", name).Scan(&schema); err != nil {
		return "", nil, fmt.Errorf("index %s: %w", name, err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT k, v FROM "+name+"_config WHERE k <> 'version'")
	if err != nil {
		return "", nil, fmt.Errorf("index %s settings: %w", name, err)
	}
	defer rows.Close()
	var config [][2]any
	for rows.Next() {
		var k string
		var v any
		if err := rows.Scan(&k, &v); err != nil {
			return "", nil, fmt.Errorf("index %s settings: %w", name, err)
		}
		config = append(config, [2]any{k, v})
	}
	return schema, config, rows.Err()
}

// openSideIndex makes a side file beside the store holding an empty copy of the index.
func openSideIndex(ctx context.Context, storeFile, name, schema string, config [][2]any) (*sideIndex, error) {
	f, err := os.CreateTemp(filepath.Dir(storeFile), filepath.Base(storeFile)+"."+name+"-*.build")
	if err != nil {
		return nil, fmt.Errorf("side file for %s: %w", name, err)
	}
	path := f.Name()
	f.Close()
	// Scratch: no journal and no sync; a crash loses the file, which nothing reads but this import.
	dsn := "file:" + path + "?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_pragma=temp_store(MEMORY)" +
		"&_pragma=cache_size(-" + strconv.Itoa(sideCacheKiB) + ")"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("side file for %s: %w", name, err)
	}
	db.SetMaxOpenConns(1)
	x := &sideIndex{name: name, path: path, db: db, in: make(chan []searchDoc, 1)}
	setup := []string{schema}
	args := [][]any{nil}
	for _, kv := range config {
		setup = append(setup, "INSERT INTO "+name+" ("+name+", rank) VALUES (?, ?)")
		args = append(args, []any{kv[0], kv[1]})
	}
	setup = append(setup, "INSERT INTO "+name+" ("+name+", rank) VALUES ('hashsize', ?)")
	args = append(args, []any{sideHashSize})
	setup = append(setup, "INSERT INTO "+name+" ("+name+", rank) VALUES ('automerge', 0)",
		"INSERT INTO "+name+" ("+name+", rank) VALUES ('crisismerge', ?)")
	args = append(args, nil, []any{sideCrisisMerge})
	for i, q := range setup {
		if _, err := db.ExecContext(ctx, q, args[i]...); err != nil {
			x.remove()
			return nil, fmt.Errorf("side file for %s: %w", name, err)
		}
	}
	return x, nil
}

// run writes each chunk it is given, in a transaction of its own, until its input closes,
// and then merges the index into one segment (FTS5's optimize). After an error it only drains
// its input; the error is reported by failed and at the end.
//
// Every search reads each of its words in every segment of an index (a lookup and a leaf
// page per word and segment): at 100,000 articles the import left 10-15 segments per index,
// and opening those readers was a third of a search's CPU. Merged into one here, on the side
// file's own goroutine, searches took 20-50 % less CPU (BenchmarkSearch, issue 10's note).
// This is the only merge a side index makes (sideCrisisMerge says why): every segment the
// build wrote, merged at once, on its own goroutine, once its input closes.
func (x *sideIndex) run(ctx context.Context, finished chan<- *sideIndex) {
	for docs := range x.in {
		if x.failed() == nil {
			x.fail(x.write(ctx, docs))
		}
	}
	if x.failed() == nil {
		if _, err := x.db.ExecContext(ctx, "INSERT INTO "+x.name+" ("+x.name+") VALUES ('optimize')"); err != nil {
			x.fail(fmt.Errorf("%s: optimize: %w", x.name, err))
		}
	}
	finished <- x
}

func (x *sideIndex) write(ctx context.Context, docs []searchDoc) error {
	tx, err := x.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", x.name, err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, x.insert)
	if err != nil {
		return fmt.Errorf("%s: %w", x.name, err)
	}
	defer st.Close()
	for i := range docs {
		if _, err := st.ExecContext(ctx, x.args(&docs[i])...); err != nil {
			return fmt.Errorf("%s: %w", x.name, err)
		}
	}
	return tx.Commit()
}

// fail keeps err (when not nil) as the side index's error.
func (x *sideIndex) fail(err error) {
	if err == nil {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.err = err
}

// failed is the error the side index met; read by the import while it runs and at the end.
func (x *sideIndex) failed() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.err
}

// remove closes the side file and deletes it.
func (x *sideIndex) remove() {
	x.db.Close()
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(x.path + suffix)
	}
}

// SaveArticles saves a batch as Store.SaveArticles does, writing the change keys but not the
// search entries: the batch's documents go to the side indexes once it is committed.
func (b *BulkImport) SaveArticles(ctx context.Context, articles []Article) ([]SaveOutcome, error) {
	for _, x := range b.sides {
		if err := x.failed(); err != nil {
			return nil, fmt.Errorf("save articles: search index: %w", err)
		}
	}
	tx, err := b.s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("save articles: %w", err)
	}
	defer tx.Rollback()
	outcomes := make([]SaveOutcome, len(articles))
	wtx := newWriteTx(ctx, tx)
	if err := wtx.deferIndexing(); err != nil {
		return nil, fmt.Errorf("save articles: %w", err)
	}
	wtx.searchElsewhere = true
	for i := range articles {
		o, err := b.s.saveArticle(wtx, &articles[i])
		if err != nil {
			return nil, fmt.Errorf("save %s: %w", articles[i].SourcePath, err)
		}
		outcomes[i] = o
	}
	// Term renames are written while the per-row triggers are still quiet: their search
	// triggers would delete entries the store's (empty) indexes never had, which FTS5 reports
	// as a malformed database. The renamed terms' pages are named for the caches here, and
	// this batch's documents are read after the renames, with the new names.
	renames, err := wtx.applyQuietTermRenames()
	if err != nil {
		return nil, fmt.Errorf("save articles: %w", err)
	}
	docs, err := wtx.searchDocs()
	if err != nil {
		return nil, fmt.Errorf("save articles: %w", err)
	}
	if err := wtx.indexDeferred(); err != nil {
		return nil, fmt.Errorf("save articles: %w", err)
	}
	if err := b.s.commit(ctx, tx); err != nil {
		return nil, fmt.Errorf("save articles: commit: %w", err)
	}
	b.saved = true
	if renames > 0 && b.fed > 0 {
		b.renamed = true // earlier batches went to the side indexes under the old names
	}
	b.feed(docs, false)
	return outcomes, nil
}

// searchDocs reads back the search documents of the rows this transaction wrote.
func (w *writeTx) searchDocs() ([]searchDoc, error) {
	if len(w.pending) == 0 {
		return nil, nil
	}
	ids, err := json.Marshal(w.pending)
	if err != nil {
		return nil, err
	}
	st, err := w.stmt(`SELECT ` + searchKeyOf + `, title, lead, summary, plain_text, search_tags FROM articles
		WHERE id IN (SELECT value FROM json_each(?))`)
	if err != nil {
		return nil, fmt.Errorf("search documents: %w", err)
	}
	rows, err := st.QueryContext(w.ctx, string(ids))
	if err != nil {
		return nil, fmt.Errorf("search documents: %w", err)
	}
	defer rows.Close()
	docs := make([]searchDoc, 0, len(w.pending))
	for rows.Next() {
		var d searchDoc
		if err := rows.Scan(&d.key, &d.title, &d.lead, &d.summary, &d.plainText, &d.searchTags); err != nil {
			return nil, fmt.Errorf("search documents: %w", err)
		}
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// feed hands documents to the side indexes a sorted chunk at a time (all that is left when
// last is set). A side index still writing the chunk before holds the import back.
func (b *BulkImport) feed(docs []searchDoc, last bool) {
	b.chunk = append(b.chunk, docs...)
	if len(b.chunk) < bulkChunk && !(last && len(b.chunk) > 0) {
		return
	}
	chunk := b.chunk
	b.chunk = nil
	sort.Slice(chunk, func(i, j int) bool { return chunk[i].key < chunk[j].key })
	b.fed += len(chunk)
	for _, x := range b.sides {
		x.in <- chunk // read only by the side indexes
	}
}

// closeInputs tells the side indexes that every document was fed.
func (b *BulkImport) closeInputs() {
	if b.closed {
		return
	}
	b.closed = true
	for _, x := range b.sides {
		close(x.in)
	}
}

// nextFinished waits for the next side index to finish; nil when none is left.
func (b *BulkImport) nextFinished() *sideIndex {
	if b.waiting == 0 {
		return nil
	}
	b.waiting--
	return <-b.finished
}

// stop closes the side indexes' inputs and waits for those still running; the first error
// they met.
func (b *BulkImport) stop() error {
	b.closeInputs()
	var first error
	for x := b.nextFinished(); x != nil; x = b.nextFinished() {
		if err := x.failed(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Abort ends a bulk import that will not finish and deletes its side files. When it saved
// articles the pending row stays: the next import rebuilds the search indexes.
func (b *BulkImport) Abort(ctx context.Context) {
	b.stop()
	for _, x := range b.sides {
		x.remove()
	}
	b.sides = nil
	if !b.saved {
		_, _ = b.s.db.ExecContext(ctx, "DELETE FROM import_search_pending WHERE token = ?", b.token)
	}
}

// Finish copies each side index into the store as soon as it has finished, in a transaction
// of its own: the largest (search_fts) is still merging on one core while the others are
// copied and checkpointed on the other. The last copy also deletes the pending row, so an
// import cut off between copies is repaired by the next one. When something besides this
// import wrote articles or search entries meanwhile, the indexes are rebuilt from the
// articles instead, in the transaction that deletes the pending row.
func (b *BulkImport) Finish(ctx context.Context) (err error) {
	b.feed(nil, true)
	b.closeInputs()
	defer b.Abort(ctx) // deletes the side files; the pending row is gone once committed
	conn, err := b.s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("copy search index: %w", err)
	}
	// The connection that wrote FTS5's tables directly may hold an index's state from before:
	// it is closed, not returned to the pool.
	defer conn.Close()
	defer conn.Raw(func(any) error { return driver.ErrBadConn })
	for x := b.nextFinished(); x != nil; x = b.nextFinished() {
		if err := x.failed(); err != nil {
			return fmt.Errorf("build search index: %w", err)
		}
		copied, err := b.copyIn(ctx, conn, x, b.waiting == 0)
		if err != nil {
			return fmt.Errorf("copy search index %s: %w", x.name, err)
		}
		if !copied {
			return b.rebuildInstead(ctx)
		}
	}
	return nil
}

// copyIn replaces the store's tables of one index with its side file's (the config table
// excepted: the store keeps its own settings) when this import is still alone; the last
// copy also deletes the pending row. It reports whether it copied.
func (b *BulkImport) copyIn(ctx context.Context, conn *sql.Conn, x *sideIndex, last bool) (bool, error) {
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS side", x.path); err != nil {
		return false, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "DETACH DATABASE side")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if alone, err := b.alone(ctx, tx, x.name); err != nil || !alone {
		return false, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT name FROM side.sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\' AND name <> ?",
		escapeLike(x.name)+"\\_%", x.name+"_config")
	if err != nil {
		return false, err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return false, err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, err
	}
	if len(tables) == 0 {
		return false, errors.New("side index " + x.name + " has no tables")
	}
	for _, t := range tables {
		if _, err := tx.ExecContext(ctx, "DELETE FROM main."+t); err != nil {
			return false, fmt.Errorf("%s: %w", t, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO main."+t+" SELECT * FROM side."+t); err != nil {
			return false, fmt.Errorf("%s: %w", t, err)
		}
	}
	if last {
		if _, err := tx.ExecContext(ctx, "DELETE FROM import_search_pending"); err != nil {
			return false, err
		}
	}
	return true, b.s.commit(ctx, tx)
}

// rebuildInstead waits for the side indexes and rebuilds the store's indexes from the
// articles, in the transaction that deletes the pending row.
func (b *BulkImport) rebuildInstead(ctx context.Context) error {
	b.stop()
	return b.s.rebuildPendingSearchIndex(ctx)
}

// alone reports whether a side index is the whole truth: the pending row is still this
// import's and no other writer touched an article meanwhile (migration 0180), every article
// row was fed to the side indexes, no term was renamed under them, and the store's copy of
// the index holds nothing.
func (b *BulkImport) alone(ctx context.Context, tx *sql.Tx, index string) (bool, error) {
	var mine, articles, entries int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM import_search_pending WHERE token = ? AND touched = 0),
		(SELECT count(*) FROM articles), (SELECT count(*) FROM main.`+index+`_docsize) + (SELECT count(*) FROM main.`+index+`_idx)`,
		b.token).Scan(&mine, &articles, &entries); err != nil {
		return false, err
	}
	return mine == 1 && articles == b.fed && !b.renamed && entries == 0, nil
}

// escapeLike escapes LIKE's wildcards (the index names hold '_').
func escapeLike(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '_' || s[i] == '%' || s[i] == '\\' {
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// SearchIndexPending reports whether a first import left the search indexes unfinished (or is
// still building them, perhaps in another process): until an import repairs them, searches
// miss what it and every later edit wrote (migration 0180 keeps the triggers quiet).
func (s *Store) SearchIndexPending(ctx context.Context) (bool, error) {
	var pending bool
	if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM import_search_pending)").Scan(&pending); err != nil {
		return false, fmt.Errorf("search index pending: %w", err)
	}
	return pending, nil
}

// RepairSearchIndex rebuilds the search indexes when a bulk import left them unfinished
// (cut off before it copied them in); repaired says whether it did.
func (s *Store) RepairSearchIndex(ctx context.Context) (repaired bool, err error) {
	if pending, err := s.SearchIndexPending(ctx); err != nil || !pending {
		return false, err
	}
	if err := s.rebuildPendingSearchIndex(ctx); err != nil {
		return false, fmt.Errorf("repair search index: %w", err)
	}
	return true, nil
}

// rebuildPendingSearchIndex rebuilds the search indexes from the articles in the transaction
// that deletes the pending row: a first import's end when it cannot copy its side files, and
// the repair of one cut off.
func (s *Store) rebuildPendingSearchIndex(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	defer tx.Rollback()
	if err := rebuildSearchIndex(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM import_search_pending"); err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	return s.commit(ctx, tx)
}
