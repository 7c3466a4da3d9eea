-- One row that /readyz rewrites to learn whether the store can still commit: a full disk or a
-- read-only filesystem shows only when SQLite actually writes a page.
CREATE TABLE write_probe (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at INTEGER NOT NULL
);
