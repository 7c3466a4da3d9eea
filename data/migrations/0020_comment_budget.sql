-- The storage budget counts a reader address's held and caught comments of the last hour on
-- every post; purges find old spam and trash by when they got there.
CREATE INDEX comments_ip ON comments (ip, created_at);
CREATE INDEX comments_purge ON comments (status, updated_at) WHERE status IN ('spam', 'trash');
