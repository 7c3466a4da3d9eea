-- An import into an empty store builds the search indexes beside the store, in side files,
-- while it writes the articles, and copies them in at the end (data/import_search_build.go).
-- This row is written before the first article and deleted in the transaction that copies the
-- indexes in: while it is here the search indexes are not the articles'. An import that finds
-- it left by one that was cut off rebuilds them (Store.RepairSearchIndex) before it writes.
CREATE TABLE import_search_pending (
    token TEXT NOT NULL
);
