-- The newsroom's front page, authors and corrections (issue 17).

-- Articles an editor placed (front matter `leadstory`, `featured`, `sectionlead`,
-- `sectionfeatured`): few, so the front page finds them in this small index, newest first.
CREATE INDEX articles_placed ON articles (lang, date_unix)
    WHERE json_extract(front_matter, '$.leadstory') = 1 OR json_extract(front_matter, '$.featured') = 1
       OR json_extract(front_matter, '$.sectionlead') = 1 OR json_extract(front_matter, '$.sectionfeatured') = 1;

-- Author profiles: the people behind the `authors` taxonomy's terms, keyed by the term key
-- (Hugo's urlize of the name), so `authors: [Ana Ruiz]` in front matter is /authors/ana-ruiz/.
CREATE TABLE author_profiles (
    slug       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    bio        TEXT NOT NULL DEFAULT '',
    avatar     TEXT NOT NULL DEFAULT '',
    links      TEXT NOT NULL DEFAULT '[]', -- JSON [{"name": …, "url": …}]
    updated_at INTEGER NOT NULL
);

-- Articles imported before every site had the authors taxonomy have no author terms yet: a
-- cleared content hash makes the next import read them again (the hash only says "unchanged").
UPDATE articles SET content_hash = '' WHERE json_type(front_matter, '$.authors') IN ('array', 'text');

-- The pages a profile shows on: its author page (and its feeds), the authors index of every
-- language, and every article it signs (byline, author box, JSON-LD).
CREATE VIEW author_profile_keys AS
    SELECT p.slug, 'author:' || p.slug AS key FROM author_profiles p
    UNION ALL SELECT t.key, 't:' || t.id FROM terms t WHERE t.taxonomy = 'authors'
    UNION ALL SELECT t.key, 'tax:' || t.lang || ':authors' FROM terms t WHERE t.taxonomy = 'authors'
    UNION ALL SELECT t.key, 'a:' || at.article_id FROM terms t JOIN article_terms at ON at.term_id = t.id
        WHERE t.taxonomy = 'authors';

CREATE TRIGGER change_author_profiles_insert AFTER INSERT ON author_profiles BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT 'authors' UNION SELECT 'author:' || new.slug
        UNION SELECT key FROM author_profile_keys WHERE slug = new.slug;
END;
CREATE TRIGGER change_author_profiles_update AFTER UPDATE ON author_profiles BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT 'authors' UNION SELECT 'author:' || old.slug UNION SELECT 'author:' || new.slug
        UNION SELECT key FROM author_profile_keys WHERE slug IN (old.slug, new.slug);
END;
CREATE TRIGGER change_author_profiles_delete AFTER DELETE ON author_profiles BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT 'authors' UNION SELECT 'author:' || old.slug
        UNION SELECT key FROM author_profile_keys WHERE slug = old.slug;
END;

-- Corrections and updates an editor notes on an article, shown to readers in a log. noted_at is
-- the time as the editor gave it (RFC 3339, the site's zone), noted_unix the same for sorting.
CREATE TABLE article_notes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('correction', 'update')),
    note       TEXT NOT NULL,
    noted_at   TEXT NOT NULL,
    noted_unix INTEGER NOT NULL,
    editor_id  INTEGER REFERENCES editors (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX article_notes_article ON article_notes (article_id, noted_unix);

-- A note changes the article's page, its "updated" date and the lists and feeds it is in: the
-- same keys as an edit of the article.
CREATE TRIGGER change_article_notes_insert AFTER INSERT ON article_notes BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = new.article_id;
END;
CREATE TRIGGER change_article_notes_update AFTER UPDATE ON article_notes BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = new.article_id;
END;
CREATE TRIGGER change_article_notes_delete AFTER DELETE ON article_notes BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = old.article_id;
END;
