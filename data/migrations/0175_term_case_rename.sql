-- A term renamed only in letter case ("jessica walker" to "Jessica Walker", Hugo naming it by
-- another page) keeps its articles' search entries: every index folds case, so the entries
-- would come back token for token, and rewriting them is the term's whole archive (35,000
-- articles for the largest tag at 100,000) inside one write. Its articles' pages, which print
-- the name, are marked changed instead (as the search entries' rewrite did through the article
-- triggers); a bulk import's quiet renames mark them themselves (applyQuietTermRenames).
-- lower() folds ASCII only: a rename in other letters still rewrites the entries.
DROP TRIGGER terms_search_rename;
CREATE TRIGGER terms_search_rename AFTER UPDATE OF name ON terms WHEN lower(old.name) IS NOT lower(new.name) BEGIN
    UPDATE articles SET search_tags = coalesce((SELECT group_concat(t.name, ' ') FROM article_terms at
            JOIN terms t ON t.id = at.term_id WHERE at.article_id = articles.id), '')
        || coalesce((SELECT group_concat(' gzterm' || lower(hex(t.taxonomy || '/' || t.key)), '') FROM article_terms at
            JOIN terms t ON t.id = at.term_id WHERE at.article_id = articles.id), '')
    WHERE id IN (SELECT article_id FROM article_terms WHERE term_id = new.id);
END;
CREATE TRIGGER terms_case_rename AFTER UPDATE OF name ON terms
WHEN old.name IS NOT new.name AND lower(old.name) IS lower(new.name)
    AND NOT EXISTS (SELECT 1 FROM import_defers_indexing) BEGIN
    INSERT INTO change_log SELECT DISTINCT key FROM article_change_keys
        WHERE article_id IN (SELECT article_id FROM article_terms WHERE term_id = new.id);
END;
