-- Lists are read in Hugo's order (weighted first, then newest, then title and path) with the
-- publication rule and the section/type filters applied. This index holds all of those, so a
-- deep page (/page/500/) steps over index entries only and reads just the ten rows it shows;
-- with articles_order the rule had to read every skipped article row, bodies and all.
DROP INDEX articles_order;
CREATE INDEX articles_list ON articles (lang, (weight = 0), weight, date_unix DESC, title, source_path,
    draft, headless, publish_unix, expiry_unix, type, section);
