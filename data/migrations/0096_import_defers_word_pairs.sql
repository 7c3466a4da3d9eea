-- The word-pair index (0080) came after batch imports learned to write the search indexes once
-- per batch (0090): its per-row triggers still flushed FTS5 at every article of an import.
-- They go quiet during a batch like the others; data/articles_import.go writes the pairs.
DROP TRIGGER search_pairs_insert;
DROP TRIGGER search_pairs_delete;
DROP TRIGGER search_pairs_update;

CREATE TRIGGER search_pairs_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), search_word_pairs(new.title),
        search_word_pairs(new.lead), search_word_pairs(new.summary), search_word_pairs(new.plain_text),
        search_word_pairs(new.search_tags));
END;

CREATE TRIGGER search_pairs_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    DELETE FROM search_pairs WHERE rowid = coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215);
END;

CREATE TRIGGER search_pairs_update AFTER UPDATE OF title, lead, summary, plain_text, search_tags, date_unix ON articles
WHEN (old.title IS NOT new.title OR old.lead IS NOT new.lead OR old.summary IS NOT new.summary
    OR old.plain_text IS NOT new.plain_text OR old.search_tags IS NOT new.search_tags
    OR old.date_unix IS NOT new.date_unix) AND NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    DELETE FROM search_pairs WHERE rowid = coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215);
    INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), search_word_pairs(new.title),
        search_word_pairs(new.lead), search_word_pairs(new.summary), search_word_pairs(new.plain_text),
        search_word_pairs(new.search_tags));
END;
