-- Comment form tokens already posted with: one row per token, so a token carries one post
-- whatever the address, and parallel replays of it race for one primary key. Rows go when the
-- token could no longer be used anyway (the hourly purge).
CREATE TABLE comment_form_uses (
    token_hash TEXT    PRIMARY KEY,
    used_at    INTEGER NOT NULL
) WITHOUT ROWID;
