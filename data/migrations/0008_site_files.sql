-- Files of a Hugo site's static/ folder, served at the paths Hugo served them (/img/logo.png,
-- /favicon.ico), so links into them keep working after a migration. The bytes live in the
-- media folder under their content hash; this table maps each public path to them.
CREATE TABLE site_files (
    path        TEXT    PRIMARY KEY,
    stored_name TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Readers see these files (and the logo may be one), so they count as public changes.
CREATE TRIGGER public_site_files_insert AFTER INSERT ON site_files BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_site_files_update AFTER UPDATE ON site_files BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_site_files_delete AFTER DELETE ON site_files BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
