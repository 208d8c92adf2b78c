-- Agents take over escalated conversations in their Telegram group.

-- Names administrators give to agents (else their Telegram profile name is used).
CREATE TABLE agents (
    user_id  INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL,
    added_at INTEGER NOT NULL
);

-- A conversation handed to a person: queued, taken, released, closed.
CREATE TABLE handoffs (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    channel         TEXT    NOT NULL,
    chat_id         INTEGER NOT NULL,
    reason          TEXT    NOT NULL CHECK (reason IN ('asked', 'faq_failed', 'not_understood')),
    requested_at    INTEGER NOT NULL,
    -- The forum topic in the agents' group, or the card message when the group is no forum.
    thread_id       INTEGER,
    card_message_id INTEGER,
    agent_user_id   INTEGER,
    agent_name      TEXT,
    taken_at        INTEGER,
    last_hold_at    INTEGER NOT NULL,
    last_position   INTEGER,
    alerted_at      INTEGER,
    ended_at        INTEGER,
    ended_reason    TEXT CHECK (ended_reason IN ('closed', 'left', 'timeout'))
);
-- A conversation has at most one open handoff.
CREATE UNIQUE INDEX handoffs_one_open ON handoffs (conversation_id) WHERE ended_at IS NULL;
CREATE INDEX handoffs_waiting ON handoffs (requested_at) WHERE ended_at IS NULL AND taken_at IS NULL;
CREATE INDEX handoffs_by_thread ON handoffs (thread_id) WHERE thread_id IS NOT NULL;

-- Messages the bot posted in the agents' group for a handoff, so a reply to
-- any of them finds its conversation.
CREATE TABLE handoff_messages (
    message_id INTEGER PRIMARY KEY,
    handoff_id INTEGER NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE
);

-- Internal notes: agents only, never shown to the user.
CREATE TABLE agent_notes (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    agent_user_id   INTEGER NOT NULL,
    agent_name      TEXT    NOT NULL,
    at              INTEGER NOT NULL,
    body            TEXT    NOT NULL
);

-- Agent commands and buttons, allowed or refused, with who and from where.
CREATE TABLE agent_audit (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    user_id INTEGER,
    action  TEXT    NOT NULL,
    allowed INTEGER NOT NULL CHECK (allowed IN (0, 1))
);

-- Who wrote each message of the transcript: the user, the bot, or an agent.
ALTER TABLE messages ADD COLUMN author TEXT NOT NULL DEFAULT 'bot';
UPDATE messages SET author = 'user' WHERE direction = 'in';
