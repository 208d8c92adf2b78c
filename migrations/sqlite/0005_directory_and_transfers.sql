-- Transfers to someone inside (seed operations 10-13): the directory of
-- areas and people, and every transfer made.

CREATE TABLE directory (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL,
    area             TEXT    NOT NULL,
    extension        TEXT    NOT NULL DEFAULT '',
    email            TEXT,
    -- When set, the bot hands the conversation to this Telegram chat.
    telegram_chat_id INTEGER
);

-- Search by name or area, accents and partial words tolerated.
CREATE VIRTUAL TABLE directory_fts USING fts5 (
    name, area,
    content = 'directory', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER directory_after_insert AFTER INSERT ON directory BEGIN
    INSERT INTO directory_fts (rowid, name, area) VALUES (new.id, new.name, new.area);
END;
CREATE TRIGGER directory_after_delete AFTER DELETE ON directory BEGIN
    INSERT INTO directory_fts (directory_fts, rowid, name, area) VALUES ('delete', old.id, old.name, old.area);
END;
CREATE TRIGGER directory_after_update AFTER UPDATE ON directory BEGIN
    INSERT INTO directory_fts (directory_fts, rowid, name, area) VALUES ('delete', old.id, old.name, old.area);
    INSERT INTO directory_fts (rowid, name, area) VALUES (new.id, new.name, new.area);
END;

CREATE TABLE transfers (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    directory_id    INTEGER REFERENCES directory (id) ON DELETE SET NULL,
    -- Who they asked for, kept even if the directory changes.
    target_name     TEXT    NOT NULL,
    caller_name     TEXT    NOT NULL,
    caller_from     TEXT    NOT NULL,
    -- 'relay': handed to the person's Telegram chat; 'contact': extension and e-mail given.
    mode            TEXT    NOT NULL CHECK (mode IN ('relay', 'contact')),
    at              INTEGER NOT NULL
);
CREATE INDEX transfers_by_time ON transfers (at);

-- A transfer relayed to a person's chat is a handoff whose place is that chat.
ALTER TABLE handoffs ADD COLUMN target_chat_id INTEGER;
CREATE INDEX handoffs_by_target ON handoffs (target_chat_id) WHERE ended_at IS NULL;

-- Sample directory (fictitious).
INSERT INTO directory (name, area, extension, email) VALUES
    ('Laura Méndez Ortega', 'Dirección de Correo y Colaboración', '4101', 'laura.mendez@dgsei.example.gob.mx'),
    ('Jorge Ramírez Salinas', 'Dirección de Alojamiento de Aplicaciones', '4205', 'jorge.ramirez@dgsei.example.gob.mx'),
    ('Patricia Núñez Vega', 'Departamento de Redes y Telecomunicaciones', '4310', 'patricia.nunez@dgsei.example.gob.mx'),
    ('Miguel Ángel Torres Cruz', 'Departamento de Telefonía', '4322', 'miguel.torres@dgsei.example.gob.mx'),
    ('Rosa Elena Castillo Rivas', 'Departamento de Soporte Técnico', '4402', 'rosa.castillo@dgsei.example.gob.mx'),
    ('Fernando Ibarra Luna', 'Dirección de Sistemas Institucionales', '4501', 'fernando.ibarra@dgsei.example.gob.mx'),
    ('Claudia Herrera Sánchez', 'Dirección General del Sistema Estatal de Informática', '4000', 'direccion.general@dgsei.example.gob.mx'),
    ('Ricardo Gómez Peña', 'Departamento de Seguridad de la Información', '4610', 'ricardo.gomez@dgsei.example.gob.mx'),
    ('Mónica Aguilar Ruiz', 'Unidad de Transparencia', '4050', 'transparencia@dgsei.example.gob.mx'),
    ('Héctor Salazar Ortiz', 'Coordinación Administrativa', '4020', 'hector.salazar@dgsei.example.gob.mx'),
    ('Mesa de Ayuda', 'Departamento de Soporte y Servicios a Telecomunicaciones', '4400', 'mesa.ayuda@dgsei.example.gob.mx');
