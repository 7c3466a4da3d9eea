-- Every image carries its words: alt text (already there), a caption and a credit, shown
-- wherever the image is (an article's figure, its thumbnail in lists).
ALTER TABLE media ADD COLUMN caption TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN credit  TEXT NOT NULL DEFAULT '';

-- An image's words are on every page that shows it; which pages those are is not indexed, so a
-- change names them all (`*`), as a settings change does. Such edits are rare.
CREATE TRIGGER media_text_update AFTER UPDATE OF alt, caption, credit ON media
    WHEN old.alt IS NOT new.alt OR old.caption IS NOT new.caption OR old.credit IS NOT new.credit
BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
    INSERT INTO change_log (key) VALUES ('*');
END;
