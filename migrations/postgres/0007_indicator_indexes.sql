-- Indexes the monthly indicators use: every figure is a range over one of them.
CREATE INDEX handoffs_by_request ON handoffs (requested_at);
CREATE INDEX faq_searches_misses ON faq_searches (at) WHERE hits = 0;
-- Covers the month's outcome counts and answer times: read from the index alone.
CREATE INDEX conversations_month_cover
    ON conversations (started_at, outcome, handled_by, ended_at, first_response_at);
