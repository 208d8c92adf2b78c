-- The month's ratings, read from a small index of rated conversations only.
CREATE INDEX conversations_rated ON conversations (started_at, handled_by, satisfaction)
    WHERE satisfaction IS NOT NULL;
