-- How long the process that holds the Telegram sender's lease may still
-- start sends (milliseconds on this server's clock). It moves the window
-- forward, on the connection that holds the lease, before it sends; the
-- next holder waits until Telegram's per-chat second has passed since the
-- window closed, and not at all when the sender was idle.
CREATE TABLE sender_window (
    id SMALLINT PRIMARY KEY CHECK (id = 1),
    sends_until BIGINT NOT NULL
);
