-- Failed sign-ins, kept across restarts. One row per key: an address (account = ''), an
-- account (address = ''), or an account tried from an address. Times are Unix seconds.
CREATE TABLE login_throttle (
    account    TEXT    NOT NULL DEFAULT '',
    address    TEXT    NOT NULL DEFAULT '',
    failures   INTEGER NOT NULL DEFAULT 0,
    last_fail  INTEGER NOT NULL DEFAULT 0,
    next_try   INTEGER NOT NULL DEFAULT 0,
    lock_until INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account, address)
) WITHOUT ROWID;
