-- Two-factor sign-in with an authenticator app (TOTP, RFC 6238).
-- totp_secret: the base32 shared secret; '' = not set up. totp_last_step: the last 30-second
-- step a code was accepted for, so a code cannot be used twice.
ALTER TABLE editors ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE editors ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- One-time recovery codes (SHA-256 of each), for a lost phone.
CREATE TABLE recovery_codes (
    editor_id INTEGER NOT NULL REFERENCES editors (id) ON DELETE CASCADE,
    code_hash TEXT    NOT NULL,
    used_at   INTEGER,
    PRIMARY KEY (editor_id, code_hash)
) WITHOUT ROWID;

-- A password that matched, waiting for its second factor: the browser holds a random id in a
-- short-lived cookie, the table its SHA-256.
CREATE TABLE login_challenges (
    id_hash    TEXT    PRIMARY KEY,
    editor_id  INTEGER NOT NULL REFERENCES editors (id) ON DELETE CASCADE,
    next       TEXT    NOT NULL DEFAULT '',
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
