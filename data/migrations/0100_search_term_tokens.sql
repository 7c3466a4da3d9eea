-- Tag and category filters as short walks (issue 10). A filtered search asked the index for
-- the term's name in the tags column (`search_tags : "pocece"`), and tag names are often words
-- that most articles use in their text: FTS5 then stepped through that word's whole doclist,
-- checking each entry's columns, to find the 1.5% of articles carrying the tag (11-47 ms at
-- 100,000 articles). Each article's search_tags now also holds one token per term that no text
-- contains, so the filter is that token: a doclist as long as the term's article list, which
-- FTS5 intersects with the words by skipping (about 1 ms).
--
--     token = 'gzterm' || lower(hex(taxonomy || '/' || key))
--
-- Hex keeps any key (spaces, hyphens, any script) one token of letters and digits, and the same
-- in Go (searchTermToken in data/article_sql.go, which writes search_tags on every save) and
-- here. The filter's SQL check by term stays exact, so two keys sharing a token (after the
-- porter stemmer) could only narrow less, never wrongly.
--
-- search_tags is rewritten with the change and search triggers quiet (the import's switch,
-- migration 0090; nothing a reader sees changes), then both external-content indexes are
-- rebuilt from it. The word-pair index keeps each row's old tag pairs until the article is
-- saved again: nothing asks it for tag tokens, and its rows are deleted by key alone.
INSERT INTO import_defers_indexing (id) VALUES (1);
DROP TRIGGER search_pairs_update;

UPDATE articles SET search_tags = coalesce((SELECT group_concat(t.name, ' ') FROM article_terms at
        JOIN terms t ON t.id = at.term_id WHERE at.article_id = articles.id), '')
    || coalesce((SELECT group_concat(' gzterm' || lower(hex(t.taxonomy || '/' || t.key)), '') FROM article_terms at
        JOIN terms t ON t.id = at.term_id WHERE at.article_id = articles.id), '');

DELETE FROM import_defers_indexing;

-- As migration 0096 made it (quiet during a batch import).
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

INSERT INTO search_fts (search_fts) VALUES ('rebuild');
INSERT INTO search_titles (search_titles) VALUES ('rebuild');

-- A renamed term rewrites its articles' search_tags in the same shape (names, then tokens);
-- the search triggers re-index them.
DROP TRIGGER terms_search_rename;
CREATE TRIGGER terms_search_rename AFTER UPDATE OF name ON terms WHEN old.name IS NOT new.name BEGIN
    UPDATE articles SET search_tags = coalesce((SELECT group_concat(t.name, ' ') FROM article_terms at
            JOIN terms t ON t.id = at.term_id WHERE at.article_id = articles.id), '')
        || coalesce((SELECT group_concat(' gzterm' || lower(hex(t.taxonomy || '/' || t.key)), '') FROM article_terms at
            JOIN terms t ON t.id = at.term_id WHERE at.article_id = articles.id), '')
    WHERE id IN (SELECT article_id FROM article_terms WHERE term_id = new.id);
END;
