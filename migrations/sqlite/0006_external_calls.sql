-- Calls to the outside (seed operations 14-24), only for DGSEI staff.

-- The staff registry: who may ask for a call to the outside (policy).
CREATE TABLE staff (
    email TEXT PRIMARY KEY COLLATE NOCASE,
    name  TEXT NOT NULL,
    area  TEXT NOT NULL DEFAULT ''
);

-- One-time codes e-mailed to prove a chat belongs to a staff member.
CREATE TABLE staff_codes (
    id         INTEGER PRIMARY KEY,
    channel    TEXT    NOT NULL,
    chat_id    INTEGER NOT NULL,
    email      TEXT    NOT NULL,
    code_hash  TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    used_at    INTEGER
);
CREATE INDEX staff_codes_by_chat ON staff_codes (channel, chat_id, id);

-- Chats proven to be a staff member's, for a while.
CREATE TABLE staff_verified (
    channel     TEXT    NOT NULL,
    chat_id     INTEGER NOT NULL,
    email       TEXT    NOT NULL,
    verified_at INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    PRIMARY KEY (channel, chat_id)
);

-- The seed's "reporte general de llamadas": every call to the outside.
CREATE TABLE calls (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
    channel         TEXT    NOT NULL,
    chat_id         INTEGER NOT NULL,
    requester_name  TEXT    NOT NULL,
    requester_email TEXT    NOT NULL,
    person          TEXT    NOT NULL,
    place           TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'answered', 'not_answered',
                                                       'retry', 'not_needed')),
    retry_at        INTEGER,
    closed_at       INTEGER
);
CREATE INDEX calls_by_time ON calls (created_at);
CREATE INDEX calls_retry ON calls (retry_at) WHERE status = 'retry';

-- Each time an agent dials: the number, the result, who, when.
CREATE TABLE call_attempts (
    id          INTEGER PRIMARY KEY,
    call_id     INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    number      TEXT    NOT NULL,
    posted_at   INTEGER NOT NULL,
    result      TEXT CHECK (result IN ('answered', 'not_answered')),
    result_at   INTEGER,
    agent_name  TEXT
);
CREATE INDEX call_attempts_by_call ON call_attempts (call_id, id);

-- Replies produced by another process (an agent's answer given on the
-- command line) for a chat whose front door shows them when it can.
CREATE TABLE pending_replies (
    id           INTEGER PRIMARY KEY,
    channel      TEXT    NOT NULL,
    chat_id      INTEGER NOT NULL,
    body         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    delivered_at INTEGER
);
CREATE INDEX pending_replies_waiting ON pending_replies (channel, chat_id) WHERE delivered_at IS NULL;

-- Sample staff registry (fictitious).
INSERT INTO staff (email, name, area) VALUES
    ('laura.mendez@dgsei.example.gob.mx', 'Laura Méndez Ortega', 'Dirección de Correo y Colaboración'),
    ('jorge.ramirez@dgsei.example.gob.mx', 'Jorge Ramírez Salinas', 'Dirección de Alojamiento de Aplicaciones'),
    ('patricia.nunez@dgsei.example.gob.mx', 'Patricia Núñez Vega', 'Departamento de Redes y Telecomunicaciones'),
    ('rosa.castillo@dgsei.example.gob.mx', 'Rosa Elena Castillo Rivas', 'Departamento de Soporte Técnico'),
    ('claudia.herrera@dgsei.example.gob.mx', 'Claudia Herrera Sánchez', 'Dirección General');
