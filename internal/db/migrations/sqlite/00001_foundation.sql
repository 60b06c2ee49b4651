-- Foundation schema: tenancy (instansi), registry (OPD, employees, positions,
-- social-media accounts), people (users, sessions, API tokens), audit trail.
-- Times are UTC text "YYYY-MM-DDTHH:MM:SS.sssZ"; dates "YYYY-MM-DD"; flags 0/1.

-- +goose Up
CREATE TABLE instansi (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES instansi(id),
    created_at  TEXT NOT NULL
);

CREATE TABLE opd (
    id          INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT '',
    parent_id   INTEGER REFERENCES opd(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (instansi_id, code)
);
CREATE INDEX opd_parent ON opd (parent_id);

CREATE TABLE employee (
    id          INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    nip         TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    jabatan     TEXT NOT NULL DEFAULT '',
    opd_id      INTEGER NOT NULL REFERENCES opd(id),
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    search      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (instansi_id, nip)
);
CREATE INDEX employee_opd ON employee (instansi_id, opd_id);
CREATE INDEX employee_name ON employee (instansi_id, name);

CREATE TABLE employee_position (
    id          INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employee(id),
    jabatan     TEXT NOT NULL,
    opd_id      INTEGER NOT NULL REFERENCES opd(id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    source      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX employee_position_employee ON employee_position (employee_id, valid_from);

CREATE TABLE social_account (
    id          INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    employee_id INTEGER NOT NULL REFERENCES employee(id),
    platform    TEXT NOT NULL,
    handle      TEXT NOT NULL,
    url         TEXT NOT NULL DEFAULT '',
    platform_id TEXT NOT NULL DEFAULT '',
    verified    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (instansi_id, platform, handle)
);
CREATE INDEX social_account_employee ON social_account (employee_id);
CREATE INDEX social_account_handle_lookup ON social_account (platform, handle);

CREATE TABLE social_account_handle (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES social_account(id),
    handle      TEXT NOT NULL,
    url         TEXT NOT NULL DEFAULT '',
    valid_from  TEXT NOT NULL,
    valid_to    TEXT
);
CREATE INDEX social_account_handle_account ON social_account_handle (account_id);

CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    instansi_id   INTEGER NOT NULL REFERENCES instansi(id),
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    opd_id        INTEGER REFERENCES opd(id),
    employee_id   INTEGER REFERENCES employee(id),
    lang          TEXT NOT NULL DEFAULT 'id',
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE user_session (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES app_user(id),
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE api_token (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES app_user(id),
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);

CREATE TABLE login_failure (
    id        INTEGER PRIMARY KEY,
    username  TEXT NOT NULL,
    ip        TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX login_failure_username ON login_failure (username, at);
CREATE INDEX login_failure_ip ON login_failure (ip, at);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    instansi_id INTEGER,
    actor_id    INTEGER,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    before_json TEXT NOT NULL DEFAULT '',
    after_json  TEXT NOT NULL DEFAULT '',
    ip          TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_instansi ON audit_log (instansi_id, seq);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
DROP TABLE audit_head;
DROP TABLE login_failure;
DROP TABLE api_token;
DROP TABLE user_session;
DROP TABLE app_user;
DROP TABLE social_account_handle;
DROP TABLE social_account;
DROP TABLE employee_position;
DROP TABLE employee;
DROP TABLE opd;
DROP TABLE instansi;
