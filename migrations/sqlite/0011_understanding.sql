-- The bot understands what people write (operation 2): the FAQ is searched
-- in the process (stems, synonyms, corrections), so SQLite's full-text index
-- goes; the desk's synonyms and phrase files are data; rejected answers are
-- recorded so the desk knows which entries to fix.

DROP TRIGGER faq_after_insert;
DROP TRIGGER faq_after_delete;
DROP TRIGGER faq_after_update;
DROP TABLE faq_vocab;
DROP TABLE faq_fts;

-- Words users write for the same thing, edited with the FAQ (`[[synonym]]`
-- in `mesabot faq export`): the word at position 0 is what the others mean.
CREATE TABLE faq_synonyms (
    group_no INTEGER NOT NULL,
    position INTEGER NOT NULL,
    word     TEXT    NOT NULL,
    PRIMARY KEY (group_no, position)
);

-- The phrases the bot understands, one file per locale, as the desk imported
-- it (`mesabot phrases import`); a locale without a row uses the shipped file.
CREATE TABLE phrasebooks (
    locale      TEXT    PRIMARY KEY,
    body        TEXT    NOT NULL,
    imported_at INTEGER NOT NULL
);

-- faq_generation now also moves when synonyms or phrases change, so a
-- running bot rebuilds what it understands with.
CREATE TRIGGER faq_synonyms_generation_on_insert AFTER INSERT ON faq_synonyms BEGIN
    UPDATE faq_generation SET value = value + 1 WHERE id = 1;
END;
CREATE TRIGGER faq_synonyms_generation_on_delete AFTER DELETE ON faq_synonyms BEGIN
    UPDATE faq_generation SET value = value + 1 WHERE id = 1;
END;
CREATE TRIGGER phrasebooks_generation_on_insert AFTER INSERT ON phrasebooks BEGIN
    UPDATE faq_generation SET value = value + 1 WHERE id = 1;
END;
CREATE TRIGGER phrasebooks_generation_on_update AFTER UPDATE ON phrasebooks BEGIN
    UPDATE faq_generation SET value = value + 1 WHERE id = 1;
END;
CREATE TRIGGER phrasebooks_generation_on_delete AFTER DELETE ON phrasebooks BEGIN
    UPDATE faq_generation SET value = value + 1 WHERE id = 1;
END;

-- An FAQ answer the user said did not solve the problem, with what they had
-- written and the entry shown (its question kept, should the entry change).
CREATE TABLE faq_rejections (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    at              INTEGER NOT NULL,
    query           TEXT    NOT NULL,
    faq_id          INTEGER REFERENCES faq (id) ON DELETE SET NULL,
    faq_question    TEXT    NOT NULL
);
CREATE INDEX faq_rejections_by_time ON faq_rejections (at);
