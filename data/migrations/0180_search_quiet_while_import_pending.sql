-- While a first import builds the search indexes beside the store (import_search_pending has
-- its row), the store's own indexes are empty or half copied: an editor's change to an
-- imported article made its triggers delete an entry the index never had, which FTS5 reports
-- as a malformed database, so the save failed. Now the search triggers stay quiet while the
-- row is there, and any article write but the bulk import's own (which quiets every trigger
-- through import_defers_indexing) marks the row touched: the import then rebuilds the indexes
-- from the articles instead of copying its side files (BulkImport.alone), so the edit is
-- searchable once the import ends. Store.SaveArticles marks it in Go, since its batches quiet
-- the triggers too (data/articles.go).
ALTER TABLE import_search_pending ADD COLUMN touched INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER search_insert;
CREATE TRIGGER search_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) AND NOT EXISTS (SELECT 1 FROM import_search_pending) BEGIN
    INSERT INTO search_fts (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.lead, new.summary, new.plain_text, new.search_tags);
    INSERT INTO search_titles (rowid, title, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.search_tags);
END;

DROP TRIGGER search_delete;
CREATE TRIGGER search_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) AND NOT EXISTS (SELECT 1 FROM import_search_pending) BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, lead, summary, plain_text, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.lead, old.summary, old.plain_text, old.search_tags);
    INSERT INTO search_titles (search_titles, rowid, title, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.search_tags);
END;

DROP TRIGGER search_update;
CREATE TRIGGER search_update AFTER UPDATE OF title, lead, summary, plain_text, search_tags, date_unix ON articles
WHEN (old.title IS NOT new.title OR old.lead IS NOT new.lead OR old.summary IS NOT new.summary
    OR old.plain_text IS NOT new.plain_text OR old.search_tags IS NOT new.search_tags
    OR old.date_unix IS NOT new.date_unix) AND NOT EXISTS (SELECT 1 FROM import_defers_indexing)
    AND NOT EXISTS (SELECT 1 FROM import_search_pending) BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, lead, summary, plain_text, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.lead, old.summary, old.plain_text, old.search_tags);
    INSERT INTO search_fts (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.lead, new.summary, new.plain_text, new.search_tags);
    INSERT INTO search_titles (search_titles, rowid, title, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.search_tags);
    INSERT INTO search_titles (rowid, title, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.search_tags);
END;

DROP TRIGGER search_pairs_insert;
CREATE TRIGGER search_pairs_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) AND NOT EXISTS (SELECT 1 FROM import_search_pending) BEGIN
    INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), search_word_pairs(new.title),
        search_word_pairs(new.lead), search_word_pairs(new.summary), search_word_pairs(new.plain_text),
        search_word_pairs(new.search_tags));
END;

DROP TRIGGER search_pairs_delete;
CREATE TRIGGER search_pairs_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) AND NOT EXISTS (SELECT 1 FROM import_search_pending) BEGIN
    DELETE FROM search_pairs WHERE rowid = coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215);
END;

DROP TRIGGER search_pairs_update;
CREATE TRIGGER search_pairs_update AFTER UPDATE OF title, lead, summary, plain_text, search_tags, date_unix ON articles
WHEN (old.title IS NOT new.title OR old.lead IS NOT new.lead OR old.summary IS NOT new.summary
    OR old.plain_text IS NOT new.plain_text OR old.search_tags IS NOT new.search_tags
    OR old.date_unix IS NOT new.date_unix) AND NOT EXISTS (SELECT 1 FROM import_defers_indexing)
    AND NOT EXISTS (SELECT 1 FROM import_search_pending) BEGIN
    DELETE FROM search_pairs WHERE rowid = coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215);
    INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), search_word_pairs(new.title),
        search_word_pairs(new.lead), search_word_pairs(new.summary), search_word_pairs(new.plain_text),
        search_word_pairs(new.search_tags));
END;

-- The marks: an article written, deleted or changed where search reads it while the row is
-- there (a save that changes nothing search reads, a draft toggled, costs the import no rebuild).
CREATE TRIGGER search_pending_touched_insert AFTER INSERT ON articles
WHEN EXISTS (SELECT 1 FROM import_search_pending) AND NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE import_search_pending SET touched = 1;
END;
CREATE TRIGGER search_pending_touched_delete AFTER DELETE ON articles
WHEN EXISTS (SELECT 1 FROM import_search_pending) AND NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE import_search_pending SET touched = 1;
END;
CREATE TRIGGER search_pending_touched_update AFTER UPDATE OF title, lead, summary, plain_text, search_tags, date_unix ON articles
WHEN (old.title IS NOT new.title OR old.lead IS NOT new.lead OR old.summary IS NOT new.summary
    OR old.plain_text IS NOT new.plain_text OR old.search_tags IS NOT new.search_tags
    OR old.date_unix IS NOT new.date_unix) AND EXISTS (SELECT 1 FROM import_search_pending)
    AND NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    UPDATE import_search_pending SET touched = 1;
END;
