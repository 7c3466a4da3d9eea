-- Who did what on the desk, when and from which address: publishing, retracting, deleting,
-- restoring, settings, roles, passwords, sign-ins (and failed ones). Kept for the security
-- settings' days, then purged by the hourly housekeeping.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    -- The editor who acted; NULL for a failed sign-in or once the account is deleted.
    editor_id INTEGER REFERENCES editors (id) ON DELETE SET NULL,
    -- Their email at the time (for a failed sign-in: the email typed).
    actor     TEXT    NOT NULL DEFAULT '',
    action    TEXT    NOT NULL,
    -- What it was done to: an article's title and id, an editor's email, a settings page.
    target    TEXT    NOT NULL DEFAULT '',
    detail    TEXT    NOT NULL DEFAULT '',
    ip        TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_action ON audit_log (action, at DESC);
