-- The reader state reads these after changes; without them each read scanned every article
-- row (the whole file at 100,000 articles).
CREATE INDEX articles_menus ON articles (id) WHERE menus IS NOT NULL AND menus <> '{}';
CREATE INDEX articles_sections ON articles (lang, section, type, draft, headless, publish_unix, expiry_unix);
