-- Each message relayed between a user and the person who attends them, with
-- the copy it became, so an edit of the original reaches the copy. Kept in
-- step with migrations/sqlite/0017.
CREATE TABLE relayed_messages (
    from_chat BIGINT NOT NULL,
    from_message BIGINT NOT NULL,
    to_chat BIGINT NOT NULL,
    to_message BIGINT NOT NULL,
    handoff_id BIGINT NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
    PRIMARY KEY (from_chat, from_message, to_chat, to_message)
);
