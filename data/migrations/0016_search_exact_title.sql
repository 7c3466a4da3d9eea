-- A search for an article's exact title finds that article first (issue 10): one lookup in
-- this index, whatever the case of the letters the reader typed (ASCII; NOCASE folds no more).
CREATE INDEX articles_title_nocase ON articles (title COLLATE NOCASE);
