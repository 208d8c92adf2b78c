-- The desk's saved replies (`/plantilla nombre`), one text per name and locale.
-- Kept in step with migrations/postgres/0015.
CREATE TABLE reply_templates (
    name TEXT NOT NULL,
    locale TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (name, locale)
);
