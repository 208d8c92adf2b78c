-- mesabot core schema. Times are INTEGER milliseconds since the Unix epoch (UTC):
-- unambiguous, cheap to index, and months in the desk's time zone become plain
-- ranges. In the sqlite3 shell: datetime(started_at / 1000, 'unixepoch').

-- The services the DGSEI provides (the catalogue a ticket is filed against).
CREATE TABLE services (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- The first-level knowledge base.
CREATE TABLE faq (
    id           INTEGER PRIMARY KEY,
    question     TEXT NOT NULL,
    answer       TEXT NOT NULL,
    keywords     TEXT NOT NULL DEFAULT '',
    service_code TEXT REFERENCES services (code) ON UPDATE CASCADE ON DELETE SET NULL
);

-- Full-text index over the FAQ: diacritics removed so "contrasena" finds
-- "contraseña"; ranked with BM25.
CREATE VIRTUAL TABLE faq_fts USING fts5 (
    question, answer, keywords,
    content = 'faq', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER faq_after_insert AFTER INSERT ON faq BEGIN
    INSERT INTO faq_fts (rowid, question, answer, keywords)
    VALUES (new.id, new.question, new.answer, new.keywords);
END;
CREATE TRIGGER faq_after_delete AFTER DELETE ON faq BEGIN
    INSERT INTO faq_fts (faq_fts, rowid, question, answer, keywords)
    VALUES ('delete', old.id, old.question, old.answer, old.keywords);
END;
CREATE TRIGGER faq_after_update AFTER UPDATE ON faq BEGIN
    INSERT INTO faq_fts (faq_fts, rowid, question, answer, keywords)
    VALUES ('delete', old.id, old.question, old.answer, old.keywords);
    INSERT INTO faq_fts (rowid, question, answer, keywords)
    VALUES (new.id, new.question, new.answer, new.keywords);
END;

-- The indexed vocabulary, used to correct misspelled words before searching.
CREATE VIRTUAL TABLE faq_vocab USING fts5vocab (faq_fts, 'row');

-- Operation 25: every conversation ("call") is registered with its outcome.
CREATE TABLE conversations (
    id                INTEGER PRIMARY KEY,
    channel           TEXT    NOT NULL CHECK (channel IN ('telegram', 'terminal')),
    chat_id           INTEGER NOT NULL,
    user_id           INTEGER,
    user_name         TEXT,
    locale            TEXT    NOT NULL,
    -- The protocol state (JSON): a restart resumes the conversation at this step.
    state             TEXT    NOT NULL,
    started_at        INTEGER NOT NULL,
    first_response_at INTEGER,
    last_activity_at  INTEGER NOT NULL,
    ended_at          INTEGER,
    outcome           TEXT CHECK (outcome IN ('first_level', 'second_level', 'transferred',
                                              'external', 'out_of_scope', 'abandoned')),
    handled_by        TEXT    NOT NULL DEFAULT 'bot' CHECK (handled_by IN ('bot', 'agent')),
    -- The FAQ entry that solved it, when first-level support did.
    solved_by_faq_id  INTEGER REFERENCES faq (id) ON DELETE SET NULL,
    CHECK ((ended_at IS NULL) = (outcome IS NULL))
);

-- A chat has at most one open conversation.
CREATE UNIQUE INDEX conversations_one_open_per_chat
    ON conversations (channel, chat_id) WHERE ended_at IS NULL;
CREATE INDEX conversations_by_start ON conversations (started_at);
CREATE INDEX conversations_open_by_activity
    ON conversations (last_activity_at) WHERE ended_at IS NULL;

-- The transcript: every message in and out.
CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    direction       TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    at              INTEGER NOT NULL,
    body            TEXT    NOT NULL,
    -- Buttons offered with an outgoing message, as JSON [[{"label", "data"}]].
    buttons         TEXT
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);

-- What users searched in the FAQ, and how many answers were found:
-- searches that found nothing show where the knowledge base falls short.
CREATE TABLE faq_searches (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    at              INTEGER NOT NULL,
    query           TEXT    NOT NULL,
    hits            INTEGER NOT NULL,
    best_faq_id     INTEGER REFERENCES faq (id) ON DELETE SET NULL
);
CREATE INDEX faq_searches_by_time ON faq_searches (at);

-- Telegram update ids already handled, so an update delivered twice is handled once.
CREATE TABLE handled_updates (
    update_id  INTEGER PRIMARY KEY,
    handled_at INTEGER NOT NULL
);

-- Bumped by every change to the FAQ, so a running bot notices a `faq import`
-- made by another process and reloads its spelling vocabulary.
CREATE TABLE faq_generation (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO faq_generation (id, value) VALUES (1, 0);
CREATE TRIGGER faq_generation_on_insert AFTER INSERT ON faq BEGIN
    UPDATE faq_generation SET value = value + 1 WHERE id = 1;
END;
CREATE TRIGGER faq_generation_on_update AFTER UPDATE ON faq BEGIN
    UPDATE faq_generation SET value = value + 1 WHERE id = 1;
END;
CREATE TRIGGER faq_generation_on_delete AFTER DELETE ON faq BEGIN
    UPDATE faq_generation SET value = value + 1 WHERE id = 1;
END;
