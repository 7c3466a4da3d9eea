-- Search in bounded time (issue 10). Ranking every match with bm25 costs about 1 µs a row, so a
-- common word over 100,000 articles cost hundreds of milliseconds. Searches now rank within
-- the newest matches only, and FTS5 walks a doclist newest-first for free when rowid order is
-- publication order. So the index rowid is a search key, not the article id:
--
--     search_key = date_unix * 2^24 + (id & 0xFFFFFF)
--
-- Ordering by it is ordering by date (then id); `search_key & 16777215` gives the id back
-- (ids stay below 16.7 million) and `search_key >> 24` the date, so a date filter is a rowid
-- range and the year facet needs no article row.
--
-- search_docs is the content both indexes read (external content through a view): the text
-- lives once, in articles. The expression index lets FTS5 find a row by key for highlight()
-- and snippet() on the page shown.

DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;

CREATE INDEX articles_search_key ON articles ((coalesce(date_unix, 0) * 16777216 + (id & 16777215)));

CREATE VIEW search_docs AS
SELECT coalesce(date_unix, 0) * 16777216 + (id & 16777215) AS search_key,
       title, lead, summary, plain_text, search_tags
FROM articles;

-- Every field, for body relevance and for words spread over title and body.
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, lead, summary, plain_text, search_tags,
    content = 'search_docs', content_rowid = 'search_key',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
-- Titles and tags alone: "title and tag matches first" is its own small index, so finding
-- the newest title matches never walks past thousands of body-only matches. Its prefix
-- indexes answer the suggestion box at any prefix length a reader types.
CREATE VIRTUAL TABLE search_titles USING fts5(
    title, search_tags,
    content = 'search_docs', content_rowid = 'search_key',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5 6'
);
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
INSERT INTO search_titles (search_titles) VALUES ('rebuild');

CREATE TRIGGER search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO search_fts (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.lead, new.summary, new.plain_text, new.search_tags);
    INSERT INTO search_titles (rowid, title, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.search_tags);
END;

CREATE TRIGGER search_delete AFTER DELETE ON articles BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, lead, summary, plain_text, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.lead, old.summary, old.plain_text, old.search_tags);
    INSERT INTO search_titles (search_titles, rowid, title, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.search_tags);
END;

-- Only a change to indexed text or to the date (which moves the key) re-indexes: an import
-- that rewrites every column of an article but changes none of its words costs nothing here.
CREATE TRIGGER search_update AFTER UPDATE OF title, lead, summary, plain_text, search_tags, date_unix ON articles
WHEN old.title IS NOT new.title OR old.lead IS NOT new.lead OR old.summary IS NOT new.summary
    OR old.plain_text IS NOT new.plain_text OR old.search_tags IS NOT new.search_tags
    OR old.date_unix IS NOT new.date_unix BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, lead, summary, plain_text, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.lead, old.summary, old.plain_text, old.search_tags);
    INSERT INTO search_fts (rowid, title, lead, summary, plain_text, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.lead, new.summary, new.plain_text, new.search_tags);
    INSERT INTO search_titles (search_titles, rowid, title, search_tags)
    VALUES ('delete', coalesce(old.date_unix, 0) * 16777216 + (old.id & 16777215), old.title, old.search_tags);
    INSERT INTO search_titles (rowid, title, search_tags)
    VALUES (coalesce(new.date_unix, 0) * 16777216 + (new.id & 16777215), new.title, new.search_tags);
END;

-- Candidates are checked against the publication rule and the filters by article id; this
-- covering index answers that, and the section facet, without reading the wide article row.
DROP INDEX articles_search_filter;
CREATE INDEX articles_search_filter ON articles (id, draft, headless, publish_unix, expiry_unix, lang, section);

-- Search filters and suggestions find a term by taxonomy and key across languages.
CREATE INDEX terms_taxonomy_key ON terms (taxonomy, key);
