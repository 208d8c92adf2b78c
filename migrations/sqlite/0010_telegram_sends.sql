-- What the bot has to send to Telegram, written in the same transaction as the
-- state change that produced it: a crash between commit and send loses nothing,
-- and the sender sends it after a restart. Sent rows are deleted; rows Telegram
-- refused for good stay, with the error, for administrators.
-- AUTOINCREMENT: ids never go back, so the sender can read "everything after id N".
CREATE TABLE sends (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The chat the message goes to (a user, a transferred-to person, the agents' group).
    chat_id    INTEGER NOT NULL,
    -- 0 replies to people in a conversation, 1 hold reminders, 2 agents' group traffic.
    priority   INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 2),
    -- The delivery as JSON; file contents (report, chart) in `bytes`.
    delivery   TEXT    NOT NULL,
    bytes      BLOB,
    created_at INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    failed_at  INTEGER,
    error      TEXT
);
CREATE INDEX sends_failed ON sends (failed_at) WHERE failed_at IS NOT NULL;
