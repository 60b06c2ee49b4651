-- Case handling (penanganan perkara): a case (perkara) per accused ASN and
-- act, numbered per instansi and year (NTR/2024/0001), with its sources
-- (review items of the inbox, public reports, the team's own findings), its
-- steps through the lifecycle of domain-rules §2.9 (each timestamped,
-- assigned and with a due date), the timeline of events, notes (internal,
-- to the reporter, to and from the accused), clarification summons and an
-- outbox of events for later consumers (reminders, documents).
-- Times are UTC text "YYYY-MM-DDTHH:MM:SS.sssZ"; dates "YYYY-MM-DD".
-- report_id and review_item_id carry no foreign key: public reports live in
-- their own migration, and history must outlive the rows it points to.

-- +goose Up
CREATE TABLE case_counter (
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    year        INTEGER NOT NULL,
    last        INTEGER NOT NULL,
    PRIMARY KEY (instansi_id, year)
);

CREATE TABLE case_file (
    id                 INTEGER PRIMARY KEY,
    instansi_id        INTEGER NOT NULL REFERENCES instansi(id),
    number             TEXT NOT NULL,                -- nomor perkara, NTR/2024/0001
    title              TEXT NOT NULL,
    summary            TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL CHECK (status IN ('received', 'verification', 'clarification', 'finding',
                           'referral', 'referred', 'ppk', 'decided', 'closed', 'rejected', 'insufficient_evidence', 'merged')),
    outcome            TEXT NOT NULL DEFAULT '',     -- how it ended: a sanction id, not_proven, rejected, …
    end_reason         TEXT NOT NULL DEFAULT '',
    assignee_user_id   INTEGER REFERENCES app_user(id),
    -- The accused ASN, with position and unit at the time of the act.
    employee_id        INTEGER REFERENCES employee(id),
    accused_nip        TEXT NOT NULL DEFAULT '',
    accused_name       TEXT NOT NULL DEFAULT '',
    accused_position   TEXT NOT NULL DEFAULT '',
    accused_unit       TEXT NOT NULL DEFAULT '',
    accused_opd_id     INTEGER REFERENCES opd(id),
    accused_basis      TEXT NOT NULL DEFAULT '' CHECK (accused_basis IN ('', 'position', 'current', 'manual')),
    act_date           TEXT,
    act_kind           TEXT NOT NULL DEFAULT '',
    place              TEXT NOT NULL DEFAULT '',
    election_id        TEXT NOT NULL DEFAULT '',
    election_name      TEXT NOT NULL DEFAULT '',
    election_type      TEXT NOT NULL DEFAULT '',
    determined_on      TEXT,                         -- penetapan calon: the phase rule
    -- The team's finding.
    violation_code     TEXT NOT NULL DEFAULT '',
    finding            TEXT NOT NULL DEFAULT '',
    -- Referral to Bawaslu or BKN, and their recommendation.
    referral_target    TEXT NOT NULL DEFAULT '' CHECK (referral_target IN ('', 'bawaslu', 'bkn')),
    referral_number    TEXT NOT NULL DEFAULT '',
    referral_note      TEXT NOT NULL DEFAULT '',
    referred_at        TEXT,
    rec_outcome        TEXT NOT NULL DEFAULT '' CHECK (rec_outcome IN ('', 'violation', 'no_violation')),
    rec_number         TEXT NOT NULL DEFAULT '',
    rec_date           TEXT,
    rec_text           TEXT NOT NULL DEFAULT '',
    rec_sanction       TEXT NOT NULL DEFAULT '',
    rec_by_name        TEXT NOT NULL DEFAULT '',
    rec_at             TEXT,
    -- The PPK's decision, and the suggestion of the law in force when it was taken.
    decision_sanction  TEXT NOT NULL DEFAULT '',     -- a sanction id, or not_proven
    decision_basis     TEXT NOT NULL DEFAULT '',
    decision_number    TEXT NOT NULL DEFAULT '',
    decision_date      TEXT,
    decision_by_name   TEXT NOT NULL DEFAULT '',
    decided_at         TEXT,
    decision_suggestion TEXT NOT NULL DEFAULT '',    -- JSON: the suggestion shown when deciding
    merged_into        INTEGER REFERENCES case_file(id),
    due_at             TEXT,                         -- due date of the open step
    created_by         INTEGER,
    created_by_name    TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    closed_at          TEXT,
    UNIQUE (instansi_id, number)
);
CREATE INDEX case_file_list ON case_file (instansi_id, status, id);
CREATE INDEX case_file_assignee ON case_file (instansi_id, assignee_user_id) WHERE assignee_user_id IS NOT NULL;
CREATE INDEX case_file_employee ON case_file (employee_id) WHERE employee_id IS NOT NULL;
CREATE INDEX case_file_due ON case_file (instansi_id, due_at) WHERE due_at IS NOT NULL;

CREATE TABLE case_step (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES case_file(id),
    status           TEXT NOT NULL,
    started_at       TEXT NOT NULL,
    started_by_name  TEXT NOT NULL DEFAULT '',
    assignee_user_id INTEGER,                      -- no foreign key: history outlives users
    due_at           TEXT,
    due_basis        TEXT NOT NULL DEFAULT '',
    ended_at         TEXT,
    ended_by_name    TEXT NOT NULL DEFAULT '',
    ended_action     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_step_case ON case_step (case_id, id);

CREATE TABLE case_source (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES case_file(id),
    kind           TEXT NOT NULL CHECK (kind IN ('review', 'report', 'finding')),
    review_item_id INTEGER,
    report_id      INTEGER,
    description    TEXT NOT NULL DEFAULT '',
    links          TEXT NOT NULL DEFAULT '[]',     -- JSON array of evidence addresses
    merged_from    INTEGER,                        -- the case it came from by a merge
    added_by_name  TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE INDEX case_source_case ON case_source (case_id, id);
CREATE UNIQUE INDEX case_source_review ON case_source (review_item_id) WHERE review_item_id IS NOT NULL;
CREATE UNIQUE INDEX case_source_report ON case_source (report_id) WHERE report_id IS NOT NULL;

CREATE TABLE case_note (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES case_file(id),
    audience   TEXT NOT NULL CHECK (audience IN ('internal', 'reporter', 'accused', 'accused_reply')),
    body       TEXT NOT NULL,
    refs       TEXT NOT NULL DEFAULT '',           -- documents referred to (accused_reply)
    user_id    INTEGER,
    user_name  TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX case_note_case ON case_note (case_id, id);

CREATE TABLE case_summons (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES case_file(id),
    seq           INTEGER NOT NULL,                -- 1st, 2nd summons
    letter_number TEXT NOT NULL DEFAULT '',
    scheduled_at  TEXT NOT NULL,
    place         TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    attended      TEXT NOT NULL DEFAULT '' CHECK (attended IN ('', 'yes', 'no')),
    minutes       TEXT NOT NULL DEFAULT '',        -- BA klarifikasi
    minutes_at    TEXT,
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (case_id, seq)
);

CREATE TABLE case_event (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES case_file(id),
    kind        TEXT NOT NULL,                     -- open, transition, assign, source, note, summons, minutes, merge, identify
    action      TEXT NOT NULL DEFAULT '',
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '',          -- JSON
    user_id     INTEGER,
    user_name   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX case_event_case ON case_event (case_id, id);

-- Events for consumers outside the request (e-mail reminders, documents):
-- written in the same transaction as the change, marked when handled.
CREATE TABLE case_outbox (
    id           INTEGER PRIMARY KEY,
    instansi_id  INTEGER NOT NULL REFERENCES instansi(id),
    case_id      INTEGER NOT NULL REFERENCES case_file(id),
    event        TEXT NOT NULL,
    payload      TEXT NOT NULL DEFAULT '{}',
    created_at   TEXT NOT NULL,
    processed_at TEXT
);
CREATE INDEX case_outbox_pending ON case_outbox (id) WHERE processed_at IS NULL;

-- +goose Down
DROP TABLE case_outbox;
DROP TABLE case_event;
DROP TABLE case_summons;
DROP TABLE case_note;
DROP TABLE case_source;
DROP TABLE case_step;
DROP TABLE case_file;
DROP TABLE case_counter;
