-- tr:<translation key> names a story's group of translations: an article's change touches the
-- language links of every other article of its story, so their pages and the memo of their
-- translations (Store.Translations) catch up without reading the group on every page.
DROP VIEW article_change_keys;
CREATE VIEW article_change_keys AS
    SELECT a.id AS article_id, 'a:' || a.id AS key FROM articles a
    UNION ALL SELECT a.id, 'home:' || a.lang FROM articles a
    UNION ALL SELECT a.id, 'sec:' || a.lang || ':' || a.section FROM articles a WHERE a.section <> ''
    UNION ALL SELECT a.id, 'arch:' || a.lang FROM articles a WHERE a.date <> ''
    UNION ALL SELECT a.id, 'arch:' || a.lang || ':' || substr(a.date, 1, 4) FROM articles a WHERE a.date <> ''
    UNION ALL SELECT a.id, 'arch:' || a.lang || ':' || substr(a.date, 1, 7) FROM articles a WHERE a.date <> ''
    UNION ALL SELECT a.id, 'sitemap' FROM articles a
    UNION ALL SELECT a.id, 'menu' FROM articles a WHERE a.menus IS NOT NULL AND a.menus NOT IN ('', '{}', 'null')
    UNION ALL SELECT a.id, 'tr:' || a.translation_key FROM articles a
    UNION ALL SELECT at.article_id, 't:' || at.term_id FROM article_terms at
    UNION ALL SELECT at.article_id, 'tax:' || t.lang || ':' || t.taxonomy FROM article_terms at JOIN terms t ON t.id = at.term_id;
