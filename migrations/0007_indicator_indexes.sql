-- Indexes the monthly indicators use: every figure is a range over one of them.
CREATE INDEX handoffs_by_request ON handoffs (requested_at);
CREATE INDEX faq_searches_misses ON faq_searches (at) WHERE hits = 0;
