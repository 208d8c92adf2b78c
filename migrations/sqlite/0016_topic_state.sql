-- What a conversation's place in the agents' group is called and says, so
-- its topic's title (or its card, in a group without topics) can show the
-- state: waiting, with whom, closed. Kept in step with migrations/postgres/0016.
ALTER TABLE handoffs ADD COLUMN topic_title TEXT;
ALTER TABLE handoffs ADD COLUMN card_text TEXT;
