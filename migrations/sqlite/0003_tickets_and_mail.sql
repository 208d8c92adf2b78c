-- Second-level support: resolvers per service, tickets with their history,
-- the mail outbox, and failed status lookups (to slow down guessing).

-- Each service's resolver receives its tickets by e-mail (fictitious sample data).
ALTER TABLE services ADD COLUMN resolver_name  TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN resolver_email TEXT NOT NULL DEFAULT '';
UPDATE services SET resolver_name = 'Laura Méndez Ortega',   resolver_email = 'correo.resolutores@dgsei.example.gob.mx'    WHERE code = 'correo';
UPDATE services SET resolver_name = 'Jorge Ramírez Salinas', resolver_email = 'alojamiento.resolutores@dgsei.example.gob.mx' WHERE code = 'hospedaje';
UPDATE services SET resolver_name = 'Patricia Núñez Vega',   resolver_email = 'redes.resolutores@dgsei.example.gob.mx'     WHERE code = 'red';
UPDATE services SET resolver_name = 'Miguel Ángel Torres',   resolver_email = 'telefonia.resolutores@dgsei.example.gob.mx' WHERE code = 'telefonia';
UPDATE services SET resolver_name = 'Rosa Elena Castillo',   resolver_email = 'soporte.equipo@dgsei.example.gob.mx'        WHERE code = 'equipo';
UPDATE services SET resolver_name = 'Fernando Ibarra Luna',  resolver_email = 'sistemas.resolutores@dgsei.example.gob.mx'  WHERE code = 'sistemas';
UPDATE services SET resolver_name = 'Mesa de Ayuda DGSEI',   resolver_email = 'mesa.ayuda@dgsei.example.gob.mx'            WHERE code = 'otro';

-- AUTOINCREMENT: a number is never reused, even after a ticket is deleted.
CREATE TABLE tickets (
    number              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id     INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
    channel             TEXT    NOT NULL,
    chat_id             INTEGER NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('incidente', 'requerimiento')),
    service_code        TEXT    NOT NULL REFERENCES services (code) ON UPDATE CASCADE,
    detail              TEXT    NOT NULL,
    -- A screenshot or document sent with the report (Telegram file id).
    attachment_file_id  TEXT,
    attachment_kind     TEXT CHECK (attachment_kind IN ('photo', 'document')),
    full_name           TEXT    NOT NULL,
    email               TEXT    NOT NULL,
    phone               TEXT    NOT NULL,
    impact              TEXT    NOT NULL CHECK (impact IN ('menor', 'moderado', 'significativo', 'extenso')),
    urgency             TEXT    NOT NULL CHECK (urgency IN ('baja', 'media', 'alta', 'critica')),
    priority            INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
    status              TEXT    NOT NULL CHECK (status IN ('abierto', 'asignado', 'en_proceso',
                                                           'en_espera', 'resuelto', 'cerrado')),
    resolver_name       TEXT    NOT NULL,
    resolver_email      TEXT    NOT NULL,
    -- When the user accepted the privacy notice (LGPDPPSO) for this ticket.
    privacy_accepted_at INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX tickets_by_chat ON tickets (channel, chat_id, number);
CREATE INDEX tickets_by_status ON tickets (status, number);
CREATE INDEX tickets_by_creation ON tickets (created_at);

-- Every status a ticket went through, with when and why.
CREATE TABLE ticket_events (
    id            INTEGER PRIMARY KEY,
    ticket_number INTEGER NOT NULL REFERENCES tickets (number) ON DELETE CASCADE,
    at            INTEGER NOT NULL,
    status        TEXT    NOT NULL,
    note          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_number, id);

-- Mail is written here in the same transaction as what it reports, and sent
-- by a worker: a ticket never waits for, or is lost to, a mail server.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    ticket_number   INTEGER REFERENCES tickets (number) ON DELETE SET NULL,
    purpose         TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body_text       TEXT    NOT NULL,
    body_html       TEXT    NOT NULL,
    -- The Message-ID header: the same on every attempt, so a receiver can
    -- recognise a repeat.
    message_id      TEXT    NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER,
    -- A permanent failure (the server refused the address): not retried.
    failed_at       INTEGER,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Status lookups that did not prove ownership, per chat, to slow down guessing.
CREATE TABLE status_lookup_failures (
    id      INTEGER PRIMARY KEY,
    channel TEXT    NOT NULL,
    chat_id INTEGER NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX status_lookup_failures_by_chat ON status_lookup_failures (channel, chat_id, at);
