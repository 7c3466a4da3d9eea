-- Reader pages. Home pages filter on type (Hugo's mainSections): this index answers their
-- counts without reading the table. Prev/next inside a section seeks by date in the second.
CREATE INDEX articles_lang_type ON articles (lang, type, draft, headless, publish_unix, expiry_unix);
CREATE INDEX articles_section_date ON articles (lang, section, weight, date_unix);
-- Archive years and months are read from the dates as written.
CREATE INDEX articles_lang_date ON articles (lang, date, draft, headless, publish_unix, expiry_unix);
