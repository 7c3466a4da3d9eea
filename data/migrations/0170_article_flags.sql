-- The per-article switches of content's flag table that have no column of their own (issue 18):
-- a JSON object of lower-case key → boolean, as the page's front matter and cascades set them;
-- NULL when they set none. A switch declared after a row was stored is read from its front
-- matter until the row is written again, so no switch ever needs a migration of its own.
ALTER TABLE articles ADD COLUMN flags TEXT;
