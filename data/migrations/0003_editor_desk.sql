-- The editor desk: accounts, server-side sessions, the one-time setup link, revisions, uploads,
-- and the two article columns the desk needs (a version for conflict detection, a trash mark).
CREATE TABLE editors (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- A session row per login; the cookie holds a random id and the table only its SHA-256, so a
-- copy of the database logs no one in. Deleting the row ends the session at once.
CREATE TABLE sessions (
    id_hash    TEXT    PRIMARY KEY,
    editor_id  INTEGER NOT NULL REFERENCES editors (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_editor ON sessions (editor_id);

CREATE TABLE setup_tokens (
    token_hash TEXT    PRIMARY KEY,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
) WITHOUT ROWID;

-- Every save of an article through the desk keeps the editable article as JSON.
CREATE TABLE article_revisions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    editor_id  INTEGER REFERENCES editors (id) ON DELETE SET NULL,
    note       TEXT    NOT NULL DEFAULT '',
    snapshot   TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions (article_id, version DESC);

-- Uploaded images: the original and its resized variants live in the media folder under
-- content-hash names; this table is the media library.
CREATE TABLE media (
    id          INTEGER PRIMARY KEY,
    stored_name TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    size        INTEGER NOT NULL,
    variants    TEXT    NOT NULL DEFAULT '[]',
    alt         TEXT    NOT NULL DEFAULT '',
    editor_id   INTEGER REFERENCES editors (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL
);

ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- Trashed articles are also drafts, so the publication rule hides them without knowing of trash.
ALTER TABLE articles ADD COLUMN trashed_at INTEGER;
