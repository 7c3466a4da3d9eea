-- Pages that are not articles: the home page, sections (nested ones too), taxonomies and
-- terms, read from a Hugo branch bundle's _index file. They give a list its title, its
-- description and a body shown above the list, and their `cascade` reaches the pages below
-- them; an export writes them back as they were written (front_matter_text || body_markdown
-- is the file, byte for byte).
CREATE TABLE list_pages (
    id                INTEGER PRIMARY KEY,
    source_path       TEXT NOT NULL UNIQUE,
    lang              TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('home', 'section', 'taxonomy', 'term')),
    dir               TEXT NOT NULL, -- the branch's folder in its content folder: '' (home), 'post/sub', 'tags/go'
    permalink         TEXT NOT NULL,
    title             TEXT NOT NULL DEFAULT '',
    link_title        TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    weight            INTEGER NOT NULL DEFAULT 0,
    draft             INTEGER NOT NULL DEFAULT 0,
    menus             TEXT NOT NULL DEFAULT '', -- JSON menu name → entry, as articles' menus; '' when none
    front_matter      TEXT NOT NULL DEFAULT '{}',
    front_matter_fmt  TEXT NOT NULL DEFAULT '',
    front_matter_text TEXT NOT NULL DEFAULT '',
    body_markdown     TEXT NOT NULL DEFAULT '',
    body_html         TEXT NOT NULL DEFAULT '',
    content_hash      TEXT NOT NULL DEFAULT '',
    updated_at        INTEGER NOT NULL
);
CREATE INDEX list_pages_permalink ON list_pages (permalink, lang);

-- A list page is shown on its list and its cascade reaches articles' pages: rare writes (an
-- import), so they name everything rather than working out each list's key.
CREATE TRIGGER change_list_pages_insert AFTER INSERT ON list_pages BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('*');
END;
CREATE TRIGGER change_list_pages_update AFTER UPDATE ON list_pages BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('*');
END;
CREATE TRIGGER change_list_pages_delete AFTER DELETE ON list_pages BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log VALUES ('*');
END;
