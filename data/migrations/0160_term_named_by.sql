-- A term written in several spellings that make one key (tag `Go` in one article, `go` in
-- another) is named, as in Hugo 0.111, by the first of its articles in Hugo's page tree
-- (content.pageTreeKey): named_by is that article's tree key. Terms stored before it keep
-- their name until an article carrying them is written again ('' gives way to any key).
ALTER TABLE terms ADD COLUMN named_by TEXT NOT NULL DEFAULT '';
