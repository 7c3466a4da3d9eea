-- An import writes articles in batches of a few hundred. Per row, the triggers of 0010 (change
-- keys) and 0015 (search index) cost more than the row itself: each trigger statement opens a
-- savepoint, and FTS5 flushes its pending terms to a new segment at every savepoint, then
-- merges those tiny segments again and again (over half of an import's time).
--
-- So a batch import records both itself, set-based, once per batch (data/articles_import.go):
-- while this table holds a row the per-row triggers below stay quiet. The row is inserted and
-- deleted inside the import's own write transaction, so it is never committed: no other
-- connection ever sees it, a crash rolls it back with the rest, and every other write (the
-- desk, comments, settings) fires the triggers exactly as before.
CREATE TABLE import_defers_indexing (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);

DROP TRIGGER change_articles_insert;
DROP TRIGGER change_articles_update_old;
DROP TRIGGER change_articles_update;
DROP TRIGGER change_articles_delete;
DROP TRIGGER change_article_terms_insert;
DROP TRIGGER change_article_terms_delete;
DROP TRIGGER change_terms_update;
DROP TRIGGER change_paths_insert;
DROP TRIGGER change_paths_delete;
DROP TRIGGER search_insert;
DROP TRIGGER search_delete;
DROP TRIGGER search_update;

CREATE TRIGGER change_articles_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = new.id;
END;
CREATE TRIGGER change_articles_update_old BEFORE UPDATE ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = old.id;
END;
CREATE TRIGGER change_articles_update AFTER UPDATE ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = new.id;
END;
CREATE TRIGGER change_articles_delete BEFORE DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT key FROM article_change_keys WHERE article_id = old.id;
END;
CREATE TRIGGER change_article_terms_insert AFTER INSERT ON article_terms
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT 't:' || new.term_id
        UNION ALL SELECT 'a:' || new.article_id
        UNION ALL SELECT 'tax:' || t.lang || ':' || t.taxonomy FROM terms t WHERE t.id = new.term_id;
END;
CREATE TRIGGER change_article_terms_delete AFTER DELETE ON article_terms
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT 't:' || old.term_id
        UNION ALL SELECT 'a:' || old.article_id
        UNION ALL SELECT 'tax:' || t.lang || ':' || t.taxonomy FROM terms t WHERE t.id = old.term_id;
END;
CREATE TRIGGER change_terms_update AFTER UPDATE ON terms
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log SELECT 't:' || new.id UNION ALL SELECT 'tax:' || new.lang || ':' || new.taxonomy;
END;
CREATE TRIGGER change_paths_insert AFTER INSERT ON paths
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('a:' || new.article_id);
END;
CREATE TRIGGER change_paths_delete AFTER DELETE ON paths
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('a:' || old.article_id);
END;

CREATE TRIGGER search_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    INSERT INTO search_fts (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.lead, new.summary, new.plain_text, new.search_tags);
    INSERT INTO search_titles (rowid, title, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.search_tags);
END;
CREATE TRIGGER search_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, lead, summary, plain_text, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.lead, old.summary, old.plain_text, old.search_tags);
    INSERT INTO search_titles (search_titles, rowid, title, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.search_tags);
END;
CREATE TRIGGER search_update AFTER UPDATE OF title, lead, summary, plain_text, search_tags, date_unix ON articles
WHEN (old.title IS NOT new.title OR old.lead IS NOT new.lead OR old.summary IS NOT new.summary
    OR old.plain_text IS NOT new.plain_text OR old.search_tags IS NOT new.search_tags
    OR old.date_unix IS NOT new.date_unix) AND NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, lead, summary, plain_text, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.lead, old.summary, old.plain_text, old.search_tags);
    INSERT INTO search_fts (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.lead, new.summary, new.plain_text, new.search_tags);
    INSERT INTO search_titles (search_titles, rowid, title, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.search_tags);
    INSERT INTO search_titles (rowid, title, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.search_tags);
END;
