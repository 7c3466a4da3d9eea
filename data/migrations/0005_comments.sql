-- Reader comments, their per-article switches and the readers' own sessions.
-- status: pending (waits for an editor), approved (readers see it), spam, trash. Nothing a
-- spam rule catches is dropped: it lands here with status 'spam' and the rule in spam_reason.
CREATE TABLE comments (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- One level of replies: a reply's parent is always a top-level comment.
    parent_id       INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
    spam_reason     TEXT    NOT NULL DEFAULT '',
    author_name     TEXT    NOT NULL,
    -- Never shown to readers; lower-cased for the trusted-commenter rule.
    author_email    TEXT    NOT NULL DEFAULT '',
    author_url      TEXT    NOT NULL DEFAULT '',
    -- An editor replying as the newsroom; readers see an editor badge.
    editor_id       INTEGER REFERENCES editors (id) ON DELETE SET NULL,
    body            TEXT    NOT NULL,
    -- Escaped, linkified HTML made from body when it is written, never per request.
    body_html       TEXT    NOT NULL,
    -- SHA-256 of the normalised body, for duplicate detection.
    body_hash       TEXT    NOT NULL,
    ip              TEXT    NOT NULL DEFAULT '',
    -- SHA-256 of the reader's session id: lets its author see it held, edit and delete it.
    reader_hash     TEXT    NOT NULL DEFAULT '',
    -- SHA-256 of the form token it was posted with, so a token cannot be used twice.
    token_hash      TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX comments_article ON comments (article_id, status, created_at);
CREATE INDEX comments_status ON comments (status, created_at DESC);
CREATE INDEX comments_body_hash ON comments (body_hash, created_at);
CREATE INDEX comments_email ON comments (author_email, status) WHERE author_email <> '';
CREATE INDEX comments_token ON comments (token_hash) WHERE token_hash <> '';

-- An editor's per-article choices beyond the front-matter `comments` flag. A row exists only
-- once an editor touched them; kept apart from articles so an import never resets them.
CREATE TABLE discussions (
    article_id       INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    closed           INTEGER NOT NULL DEFAULT 0,
    hidden           INTEGER NOT NULL DEFAULT 0,
    -- Close automatically this many days after publication; NULL = the site default.
    close_after_days INTEGER
);

-- A commenter's browser: remembers name, email and website for next time. The cookie holds a
-- random id, the table only its SHA-256.
CREATE TABLE reader_sessions (
    id_hash    TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL DEFAULT '',
    email      TEXT    NOT NULL DEFAULT '',
    url        TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL
) WITHOUT ROWID;
