-- Routing by service to several agents' groups: a service's conversations go
-- to its own group (`mesabot route set <servicio> <chat_id>`), the rest to the
-- general group (AGENT_CHAT_ID). Kept in step with migrations/sqlite/0019.
CREATE TABLE agent_routes (
    service_code TEXT PRIMARY KEY
        REFERENCES services (code) ON UPDATE CASCADE ON DELETE CASCADE,
    group_chat_id BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX agent_routes_by_group ON agent_routes (group_chat_id);

-- The group a handed-over conversation is in; NULL: the general group, so
-- conversations follow AGENT_CHAT_ID when it changes.
ALTER TABLE handoffs ADD COLUMN group_chat_id BIGINT;
CREATE INDEX handoffs_by_group ON handoffs (group_chat_id);

-- Message ids are counted per chat: the bot's posts are known by group and
-- id (0: the general group), so a reply in one group never finds another's.
CREATE TABLE group_messages (
    group_chat_id BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    handoff_id BIGINT NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
    PRIMARY KEY (group_chat_id, message_id)
);
INSERT INTO group_messages (group_chat_id, message_id, handoff_id)
    SELECT 0, message_id, handoff_id FROM handoff_messages;
DROP TABLE handoff_messages;

-- Each time an agent took a conversation: one may be released or passed to
-- another group and taken again, and the month's report counts every agent
-- who attended it, with the time it waited since it last entered a queue
-- (`queued_at`: NULL until it is released or passed, `requested_at` then).
ALTER TABLE handoffs ADD COLUMN queued_at BIGINT;
CREATE TABLE handoff_takes (
    handoff_id BIGINT NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
    agent_user_id BIGINT NOT NULL,
    agent_name TEXT NOT NULL,
    taken_at BIGINT NOT NULL,
    waited_ms BIGINT NOT NULL
);
CREATE INDEX handoff_takes_by_handoff ON handoff_takes (handoff_id);
INSERT INTO handoff_takes (handoff_id, agent_user_id, agent_name, taken_at, waited_ms)
    SELECT id, agent_user_id, coalesce(agent_name, ''), taken_at, taken_at - requested_at
      FROM handoffs
     WHERE taken_at IS NOT NULL AND agent_user_id IS NOT NULL AND target_chat_id IS NULL;
