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
