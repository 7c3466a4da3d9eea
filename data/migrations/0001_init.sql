-- Articles keep typed columns for every front-matter field Gazette acts on, plus the whole
-- front matter as written (front_matter) so nothing from an import is ever lost.
CREATE TABLE articles (
    id                   INTEGER PRIMARY KEY,
    source_path          TEXT    NOT NULL UNIQUE,
    lang                 TEXT    NOT NULL,
    translation_key      TEXT    NOT NULL,
    section              TEXT    NOT NULL DEFAULT '',
    type                 TEXT    NOT NULL DEFAULT '',
    title                TEXT    NOT NULL DEFAULT '',
    link_title           TEXT    NOT NULL DEFAULT '',
    slug                 TEXT    NOT NULL DEFAULT '',
    url                  TEXT    NOT NULL DEFAULT '',
    permalink            TEXT    NOT NULL,
    aliases              TEXT    NOT NULL DEFAULT '[]',
    description          TEXT    NOT NULL DEFAULT '',
    summary              TEXT    NOT NULL DEFAULT '',
    lead                 TEXT    NOT NULL DEFAULT '',
    thumbnail            TEXT    NOT NULL DEFAULT '',
    thumbnail_visibility TEXT,
    weight               INTEGER NOT NULL DEFAULT 0,
    -- Dates as written (RFC 3339 with their own offset, '' when unset) and as Unix seconds for
    -- sorting and publication checks (NULL when unset).
    date                 TEXT    NOT NULL DEFAULT '',
    date_unix            INTEGER,
    publish_date         TEXT    NOT NULL DEFAULT '',
    publish_unix         INTEGER,
    lastmod              TEXT    NOT NULL DEFAULT '',
    lastmod_unix         INTEGER,
    expiry_date          TEXT    NOT NULL DEFAULT '',
    expiry_unix          INTEGER,
    draft                INTEGER NOT NULL DEFAULT 0,
    headless             INTEGER NOT NULL DEFAULT 0,
    menus                TEXT,
    comments             INTEGER,
    authorbox            INTEGER,
    pager                INTEGER,
    toc                  INTEGER,
    mathjax              INTEGER,
    sidebar              TEXT    NOT NULL DEFAULT '',
    widgets              TEXT,
    post_meta            TEXT,
    lang_list            TEXT,
    translations_list    TEXT,
    front_matter         TEXT    NOT NULL DEFAULT '{}',
    front_matter_format  TEXT    NOT NULL DEFAULT '',
    body_markdown        TEXT    NOT NULL DEFAULT '',
    body_html            TEXT    NOT NULL DEFAULT '',
    summary_html         TEXT    NOT NULL DEFAULT '',
    truncated            INTEGER NOT NULL DEFAULT 0,
    toc_headings         TEXT    NOT NULL DEFAULT '[]',
    plain_text           TEXT    NOT NULL DEFAULT '',
    word_count           INTEGER NOT NULL DEFAULT 0,
    resources            TEXT    NOT NULL DEFAULT '[]',
    content_hash         TEXT    NOT NULL DEFAULT '',
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
-- Lists walk articles_order in Hugo's order (weighted first, then newest) and stop after one
-- page; counts read articles_published alone (it covers every column of the publication rule).
CREATE INDEX articles_order ON articles (lang, (weight = 0), weight, date_unix DESC);
CREATE INDEX articles_published ON articles (lang, draft, headless, publish_unix, expiry_unix, section);
CREATE INDEX articles_translation ON articles (translation_key);

-- Terms of every taxonomy, per language, keyed by Hugo's urlize of the name.
CREATE TABLE terms (
    id       INTEGER PRIMARY KEY,
    lang     TEXT NOT NULL,
    taxonomy TEXT NOT NULL,
    key      TEXT NOT NULL,
    name     TEXT NOT NULL,
    UNIQUE (lang, taxonomy, key)
);

CREATE TABLE article_terms (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    term_id    INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, term_id)
) WITHOUT ROWID;
CREATE INDEX article_terms_term ON article_terms (term_id, article_id);

-- The path index: every public URL path of an article, and every old or alias path that
-- redirects to one. One lookup answers any URL; nothing is matched by guessing.
CREATE TABLE paths (
    path        TEXT PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    is_redirect INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX paths_article ON paths (article_id);

-- Site settings, one JSON document per group.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
