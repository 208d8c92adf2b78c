-- Whether a search's first entry was given as the answer (not only
-- suggested): a conversation some entry solved although the bot only
-- suggested it is what `mesabot faq learn` and the monthly report learn
-- from, found without reading every solved conversation. Searches made
-- before this column count as suggestions, which `faq learn` checks again
-- against the FAQ as it is. Kept in step with migrations/sqlite/0022.
ALTER TABLE faq_searches ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
CREATE INDEX faq_searches_by_conversation ON faq_searches (conversation_id);
