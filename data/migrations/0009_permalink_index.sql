-- The desk checks that a slug or an alias is free against every article's permalink, drafts
-- included (their paths may not be in the path index yet); without an index that read the
-- whole table on every save.
CREATE INDEX articles_permalink ON articles (permalink);
