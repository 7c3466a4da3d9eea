-- A counter of changes readers can see. The response cache starts a new generation when it
-- moves (or at a scheduled instant), not on every write: a comment held for moderation, a
-- used form token, a session or a spam catch changes no public page, and on a busy site such
-- writes would otherwise empty the cache several times a second.
CREATE TABLE public_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO public_changes (id, n) VALUES (1, 0);

CREATE TRIGGER public_articles_insert AFTER INSERT ON articles BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_articles_update AFTER UPDATE ON articles BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_articles_delete AFTER DELETE ON articles BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_article_terms_insert AFTER INSERT ON article_terms BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_article_terms_delete AFTER DELETE ON article_terms BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_terms_update AFTER UPDATE ON terms BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_paths_insert AFTER INSERT ON paths BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_paths_delete AFTER DELETE ON paths BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_settings_insert AFTER INSERT ON settings BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_settings_update AFTER UPDATE ON settings BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_discussions_insert AFTER INSERT ON discussions BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_discussions_update AFTER UPDATE ON discussions BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_discussions_delete AFTER DELETE ON discussions BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
-- Comments count only when readers see them: approved before or after the write.
CREATE TRIGGER public_comments_insert AFTER INSERT ON comments WHEN new.status = 'approved' BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_comments_update AFTER UPDATE ON comments
WHEN old.status = 'approved' OR new.status = 'approved' BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER public_comments_delete AFTER DELETE ON comments WHEN old.status = 'approved' BEGIN
    UPDATE public_changes SET n = n + 1 WHERE id = 1;
END;
