-- First-party reading figures: page views per article per day (UTC) and per referring
-- domain, counted by the server in memory and written in batches. No reader is recorded:
-- no address, no cookie, no time finer than the day, no full referring URL.
CREATE TABLE article_reads (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL, -- 'YYYY-MM-DD', UTC
    views      INTEGER NOT NULL,
    PRIMARY KEY (article_id, day)
) WITHOUT ROWID;
CREATE INDEX article_reads_day ON article_reads (day, article_id, views);

CREATE TABLE article_referrers (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    domain     TEXT    NOT NULL, -- the referring page's host without "www."; '' = none given
    views      INTEGER NOT NULL,
    PRIMARY KEY (article_id, day, domain)
) WITHOUT ROWID;
CREATE INDEX article_referrers_day ON article_referrers (day);
