-- The messages of an album relayed while a person attends: they arrive one
-- by one and go across together, copied in one request. Kept in step with
-- migrations/sqlite/0018.
CREATE TABLE album_items (
    album TEXT NOT NULL,
    from_chat BIGINT NOT NULL,
    from_message BIGINT NOT NULL,
    handoff_id BIGINT NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
    sent BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (album, from_chat, from_message)
);
