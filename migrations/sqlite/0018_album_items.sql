-- The messages of an album relayed while a person attends: they arrive one
-- by one and go across together, copied in one request. Kept in step with
-- migrations/postgres/0018.
CREATE TABLE album_items (
    album TEXT NOT NULL,
    from_chat INTEGER NOT NULL,
    from_message INTEGER NOT NULL,
    handoff_id INTEGER NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
    sent INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (album, from_chat, from_message)
);
