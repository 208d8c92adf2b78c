-- Kept in step with migrations/postgres/0014, the sender's window for
-- replicas taking over from one another; SQLite serves one process.
SELECT 1;
