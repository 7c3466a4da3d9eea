-- Phrases as lookups of word pairs (issue 10). A phrase of common words ("of the council")
-- cost FTS5 a walk over every article holding all its words, checking positions: tens of
-- milliseconds at 100,000 articles even when one article has the phrase. search_pairs indexes
-- each field as the sequence of its adjacent word pairs, so the phrase "a b c" is the phrase
-- "a_b b_c" there: pairs are far rarer than words, so the walk is short.
--
-- search_word_pairs() is a Go function (data/search_pairs.go; the driver gives it to every
-- connection Gazette opens): words lower-cased, diacritics dropped, not stemmed, so a quoted
-- phrase finds the words as written. Queries make their pairs with the same function.
-- The rowid is the search key (migration 0015). Contentless: the pairs are not kept twice,
-- and contentless_delete lets a trigger delete a row by its key alone.
CREATE VIRTUAL TABLE search_pairs USING fts5(
    title, lead, summary, plain_text, search_tags,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);

-- Rebuilding (Store.RebuildSearchIndex does it, with the other two indexes):
--     INSERT INTO search_pairs (search_pairs) VALUES ('delete-all');
--     INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags)
--     SELECT search_key, search_word_pairs(title), ... FROM search_docs;
INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags)
SELECT search_key, search_word_pairs(title), search_word_pairs(lead), search_word_pairs(summary),
    search_word_pairs(plain_text), search_word_pairs(search_tags)
FROM search_docs;

CREATE TRIGGER search_pairs_insert AFTER INSERT ON articles BEGIN
    INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), search_word_pairs(new.title),
        search_word_pairs(new.lead), search_word_pairs(new.summary), search_word_pairs(new.plain_text),
        search_word_pairs(new.search_tags));
END;

CREATE TRIGGER search_pairs_delete AFTER DELETE ON articles BEGIN
    DELETE FROM search_pairs WHERE rowid = coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215);
END;

-- The same condition as search_update (migration 0015): only indexed text or the date.
CREATE TRIGGER search_pairs_update AFTER UPDATE OF title, lead, summary, plain_text, search_tags, date_unix ON articles
WHEN old.title IS NOT new.title OR old.lead IS NOT new.lead OR old.summary IS NOT new.summary
    OR old.plain_text IS NOT new.plain_text OR old.search_tags IS NOT new.search_tags
    OR old.date_unix IS NOT new.date_unix BEGIN
    DELETE FROM search_pairs WHERE rowid = coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215);
    INSERT INTO search_pairs (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), search_word_pairs(new.title),
        search_word_pairs(new.lead), search_word_pairs(new.summary), search_word_pairs(new.plain_text),
        search_word_pairs(new.search_tags));
END;
