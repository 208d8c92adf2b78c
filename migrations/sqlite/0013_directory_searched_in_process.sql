-- The directory is ranked in the process (as the FAQ is), so the search is
-- the same on SQLite and PostgreSQL: SQLite's full-text table goes.
DROP TRIGGER directory_after_insert;
DROP TRIGGER directory_after_delete;
DROP TRIGGER directory_after_update;
DROP TABLE directory_fts;
