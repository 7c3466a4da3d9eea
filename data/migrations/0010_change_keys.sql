-- Dependency keys: every write readers can see names the pages it touches, so caches drop
-- exactly those (and a CDN can purge them by Surrogate-Key) instead of everything.
--
-- A key is one of:
--   a:<article id>                  the article's own page
--   home:<lang>                     the language's home list, its pages and feeds
--   sec:<lang>:<section>            a section list, its pages and feeds
--   t:<term id>                     a term list, its pages and feeds
--   tax:<lang>:<taxonomy>           a taxonomy's index (/tags/) with its counts
--   arch:<lang>                     the archive's year index
--   arch:<lang>:<yyyy>              a year's month index
--   arch:<lang>:<yyyy-mm>           a month of the archive
--   sitemap                         the sitemaps
--   menu                            the menus (an article that names a menu changed)
--   *                               everything (settings, static files)
--
-- changes holds each key once, with the public_changes count at its last change (watchers read
-- the keys past the count they saw) and when it changed (the Last-Modified of list pages). Every
-- trigger moves the count before it records, so a key never lands at a count a watcher has seen.
CREATE TABLE changes (
    key        TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL,
    changed_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX changes_seq ON changes (seq);
-- The watcher asks for the next publish or expiry instant after every change.
CREATE INDEX articles_publish_unix ON articles (publish_unix) WHERE publish_unix IS NOT NULL;
CREATE INDEX articles_expiry_unix ON articles (expiry_unix) WHERE expiry_unix IS NOT NULL;

-- The keys an article's current row touches: written before a change (the old row) and after
-- it (the new row), and read at a scheduled publish or expiry instant, which no write marks.
CREATE VIEW article_change_keys AS
    SELECT a.id AS article_id, 'a:' || a.id AS key FROM articles a
    UNION ALL SELECT a.id, 'home:' || a.lang FROM articles a
    UNION ALL SELECT a.id, 'sec:' || a.lang || ':' || a.section FROM articles a WHERE a.section <> ''
    UNION ALL SELECT a.id, 'arch:' || a.lang FROM articles a WHERE a.date <> ''
    UNION ALL SELECT a.id, 'arch:' || a.lang || ':' || substr(a.date, 1, 4) FROM articles a WHERE a.date <> ''
    UNION ALL SELECT a.id, 'arch:' || a.lang || ':' || substr(a.date, 1, 7) FROM articles a WHERE a.date <> ''
    UNION ALL SELECT a.id, 'sitemap' FROM articles a
    UNION ALL SELECT a.id, 'menu' FROM articles a WHERE a.menus IS NOT NULL AND a.menus NOT IN ('', '{}', 'null')
    UNION ALL SELECT at.article_id, 't:' || at.term_id FROM article_terms at
    UNION ALL SELECT at.article_id, 'tax:' || t.lang || ':' || t.taxonomy FROM article_terms at JOIN terms t ON t.id = at.term_id;

-- The pages that show an article's comment count besides its own: the lists it is an item of.
CREATE VIEW article_list_keys AS
    SELECT a.id AS article_id, 'a:' || a.id AS key FROM articles a
    UNION ALL SELECT a.id, 'home:' || a.lang FROM articles a
    UNION ALL SELECT a.id, 'sec:' || a.lang || ':' || a.section FROM articles a WHERE a.section <> ''
    UNION ALL SELECT at.article_id, 't:' || at.term_id FROM article_terms at;

-- change_log is where the triggers below record a key: one place says how (the change count the
-- key moved at, and when), so each trigger only names its keys.
CREATE VIEW change_log AS SELECT key FROM changes;
CREATE TRIGGER change_log_insert INSTEAD OF INSERT ON change_log BEGIN
    INSERT INTO changes (key, seq, changed_at) VALUES (new.key, (SELECT n FROM public_changes WHERE id = 1), unixepoch())
        ON CONFLICT (key) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;

-- The triggers of 0006 counted changes; these count them and name their keys.
DROP TRIGGER public_articles_insert;
DROP TRIGGER public_articles_update;
DROP TRIGGER public_articles_delete;
DROP TRIGGER public_article_terms_insert;
DROP TRIGGER public_article_terms_delete;
DROP TRIGGER public_terms_update;
DROP TRIGGER public_paths_insert;
DROP TRIGGER public_paths_delete;
DROP TRIGGER public_settings_insert;
DROP TRIGGER public_settings_update;
DROP TRIGGER public_discussions_insert;
DROP TRIGGER public_discussions_update;
DROP TRIGGER public_discussions_delete;
DROP TRIGGER public_comments_insert;
DROP TRIGGER public_comments_update;
DROP TRIGGER public_comments_delete;

CREATE TRIGGER change_articles_insert AFTER INSERT ON articles BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = new.id;
END;
-- An update touches the pages of the old row and of the new one (a moved section, a new date).
CREATE TRIGGER change_articles_update_old BEFORE UPDATE ON articles BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = old.id;
END;
CREATE TRIGGER change_articles_update AFTER UPDATE ON articles BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = new.id;
END;
CREATE TRIGGER change_articles_delete BEFORE DELETE ON articles BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = old.id;
END;

-- A term link added or removed: the term's list, its taxonomy's index and the article's page.
CREATE TRIGGER change_article_terms_insert AFTER INSERT ON article_terms BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT 't:' || new.term_id
        UNION ALL SELECT 'a:' || new.article_id
        UNION ALL SELECT 'tax:' || t.lang || ':' || t.taxonomy FROM terms t WHERE t.id = new.term_id;
END;
CREATE TRIGGER change_article_terms_delete AFTER DELETE ON article_terms BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT 't:' || old.term_id
        UNION ALL SELECT 'a:' || old.article_id
        UNION ALL SELECT 'tax:' || t.lang || ':' || t.taxonomy FROM terms t WHERE t.id = old.term_id;
END;
CREATE TRIGGER change_terms_update AFTER UPDATE ON terms BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT 't:' || new.id UNION ALL SELECT 'tax:' || new.lang || ':' || new.taxonomy;
END;

-- A path added or dropped (an alias, a redirect left by a move) belongs to its article.
CREATE TRIGGER change_paths_insert AFTER INSERT ON paths BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('a:' || new.article_id);
END;
CREATE TRIGGER change_paths_delete AFTER DELETE ON paths BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('a:' || old.article_id);
END;

-- Settings shape every page. An import saves the same settings again on every run: only a real
-- change counts.
CREATE TRIGGER change_settings_insert AFTER INSERT ON settings BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('*');
END;
CREATE TRIGGER change_settings_update AFTER UPDATE ON settings WHEN old.value IS NOT new.value BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('*');
END;

-- A discussion's switches and its visible comments show on the article's page and as counts on
-- the lists it is an item of. Comments count only when readers see them: approved before or
-- after the write.
CREATE TRIGGER change_discussions_insert AFTER INSERT ON discussions BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_list_keys WHERE article_id = new.article_id;
END;
CREATE TRIGGER change_discussions_update AFTER UPDATE ON discussions BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_list_keys WHERE article_id = new.article_id;
END;
CREATE TRIGGER change_discussions_delete AFTER DELETE ON discussions BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_list_keys WHERE article_id = old.article_id;
END;
CREATE TRIGGER change_comments_insert AFTER INSERT ON comments WHEN new.status = 'approved' BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_list_keys WHERE article_id = new.article_id;
END;
CREATE TRIGGER change_comments_update AFTER UPDATE ON comments WHEN old.status = 'approved' OR new.status = 'approved' BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_list_keys WHERE article_id = new.article_id;
END;
CREATE TRIGGER change_comments_delete AFTER DELETE ON comments WHEN old.status = 'approved' BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_list_keys WHERE article_id = old.article_id;
END;

-- Static files of an imported site may be any page's logo or stylesheet.
CREATE TRIGGER change_site_files_insert AFTER INSERT ON site_files BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('*');
END;
CREATE TRIGGER change_site_files_update AFTER UPDATE ON site_files BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('*');
END;
