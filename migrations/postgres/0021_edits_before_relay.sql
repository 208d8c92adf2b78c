-- The last version of a message edited in a conversation with a person, kept
-- a day: a message is copied to the other side only once Telegram has sent
-- it, and an edit made before that (a typo fixed at once, a copy waiting in
-- the send queue) is applied to the copy when it is remembered. `text` is
-- NULL while a copy is being remembered and nobody edited the message.
-- Kept in step with migrations/sqlite/0021.
CREATE TABLE message_edits (
    from_chat BIGINT NOT NULL,
    from_message BIGINT NOT NULL,
    text TEXT,
    -- 'user', or the name of the person who attends.
    editor TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (from_chat, from_message)
);
CREATE INDEX message_edits_by_time ON message_edits (at);
