-- The front matter as written (delimiters, key order, comments and format kept), so the desk
-- edits a key in place and an export writes the rest back untouched. '' for rows written
-- before: their front matter is known only as data.
ALTER TABLE articles ADD COLUMN front_matter_text TEXT NOT NULL DEFAULT '';
