-- Kept in step with migrations/sqlite/0013, which drops SQLite's full-text
-- table for the directory; PostgreSQL never had one.
SELECT 1;
