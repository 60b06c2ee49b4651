-- Public reports (/lapor, POST /api/v1/public/reports): what a member of the
-- public reported, the evidence files and links they gave, and the messages
-- between them and the Tim Pengawas. The reporter's identity and contact are
-- never stored in clear text: identity_sealed holds them encrypted with
-- AES-256-GCM under a key kept outside the database (internal/sealbox). No
-- address or browser fingerprint of a reporter is stored anywhere.
-- Times are UTC text "YYYY-MM-DDTHH:MM:SS.sssZ"; flags 0/1.

-- +goose Up
CREATE TABLE public_report (
    id                   INTEGER PRIMARY KEY,
    instansi_id          INTEGER NOT NULL REFERENCES instansi(id),
    receipt              TEXT NOT NULL UNIQUE,          -- NTR-XXXX-XXXX (Crockford base32, 40 random bits)
    secret_hash          TEXT NOT NULL,                 -- SHA-256 of the reporter's secret (80 random bits), hex
    status               TEXT NOT NULL DEFAULT 'received'
                         CHECK (status IN ('received', 'in_review', 'clarification', 'referred', 'decided', 'closed', 'rejected')),
    act                  TEXT NOT NULL DEFAULT '',      -- the plain-language choice (interact, attend, photo, …)
    violation            TEXT NOT NULL DEFAULT '',      -- SKB code given by the reporter, '' when none
    suggested_code       TEXT NOT NULL DEFAULT '',      -- SKB code suggested from act and date (violation.Suggest)
    violation_version    TEXT NOT NULL DEFAULT '',      -- violation.Version of the suggestion
    description          TEXT NOT NULL,
    occurred_on          TEXT NOT NULL DEFAULT '',      -- YYYY-MM-DD, '' when not given
    place                TEXT NOT NULL DEFAULT '',
    reported_name        TEXT NOT NULL DEFAULT '',      -- the reported ASN as the reporter knows them
    reported_nip         TEXT NOT NULL DEFAULT '',      -- digits as given (validated softly)
    reported_unit        TEXT NOT NULL DEFAULT '',
    reported_key         TEXT NOT NULL DEFAULT '',      -- grouping key of the reported person (nip:…, name:…)
    reported_employee_id INTEGER,                       -- the employee whose NIP matched (no foreign key, as activity)
    identity             TEXT NOT NULL CHECK (identity IN ('anonymous', 'confidential', 'open')),
    identity_sealed      TEXT NOT NULL DEFAULT '',      -- sealbox value of {name, phone, email}; '' when anonymous
    has_contact          INTEGER NOT NULL DEFAULT 0,    -- a phone or e-mail is among the sealed details
    burst                INTEGER NOT NULL DEFAULT 0,    -- one of many reports on the same person in a short time
    proof_of_work        INTEGER NOT NULL DEFAULT 0,    -- sent with a valid proof of work (the form's JavaScript)
    case_id              INTEGER,                       -- the case it is handled in (no foreign key)
    channel              TEXT NOT NULL CHECK (channel IN ('web', 'api')),
    lang                 TEXT NOT NULL DEFAULT 'id',
    submission_sha256    TEXT NOT NULL,                 -- hash of the report as received (printed on the receipt)
    reporter_at          TEXT,                          -- last reply or evidence from the reporter
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    status_changed_at    TEXT NOT NULL
);
CREATE INDEX public_report_list ON public_report (instansi_id, id);
CREATE INDEX public_report_target ON public_report (instansi_id, reported_key, created_at);
CREATE INDEX public_report_case ON public_report (case_id) WHERE case_id IS NOT NULL;

CREATE TABLE public_report_evidence (
    id                INTEGER PRIMARY KEY,
    report_id         INTEGER NOT NULL REFERENCES public_report(id),
    instansi_id       INTEGER NOT NULL REFERENCES instansi(id),
    filename          TEXT NOT NULL,                    -- as given (cleaned), for display only
    content_type      TEXT NOT NULL,                    -- detected from the content
    size              INTEGER NOT NULL,
    sha256            TEXT NOT NULL,                    -- of the original, computed on receipt
    original          BLOB NOT NULL,                    -- exactly as received (metadata kept as evidence)
    stripped          BLOB,                             -- copy without metadata for staff views; NULL when none
    stripped_sha256   TEXT NOT NULL DEFAULT '',
    width             INTEGER NOT NULL DEFAULT 0,
    height            INTEGER NOT NULL DEFAULT 0,
    added_by          TEXT NOT NULL CHECK (added_by IN ('report', 'followup')),
    created_at        TEXT NOT NULL
);
CREATE INDEX public_report_evidence_report ON public_report_evidence (report_id, id);

-- +goose StatementBegin
CREATE TRIGGER public_report_evidence_no_update BEFORE UPDATE ON public_report_evidence
BEGIN
    SELECT RAISE(ABORT, 'report evidence is immutable');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER public_report_evidence_no_delete BEFORE DELETE ON public_report_evidence
BEGIN
    SELECT RAISE(ABORT, 'report evidence is immutable');
END;
-- +goose StatementEnd

CREATE TABLE public_report_link (
    id                 INTEGER PRIMARY KEY,
    report_id          INTEGER NOT NULL REFERENCES public_report(id),
    instansi_id        INTEGER NOT NULL REFERENCES instansi(id),
    url                TEXT NOT NULL,
    capture_request_id INTEGER REFERENCES capture_request(id),
    capture_error      TEXT NOT NULL DEFAULT '',        -- why no capture was requested (url_blocked, no_queue, …)
    created_at         TEXT NOT NULL
);
CREATE INDEX public_report_link_report ON public_report_link (report_id, id);

CREATE TABLE public_report_message (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES public_report(id),
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    author      TEXT NOT NULL CHECK (author IN ('team', 'reporter')),
    body        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT '',               -- the public status the message came with, '' when none
    user_id     INTEGER,                                -- the team member (never shown to the reporter)
    created_at  TEXT NOT NULL
);
CREATE INDEX public_report_message_report ON public_report_message (report_id, id);

-- +goose Down
DROP TABLE public_report_message;
DROP TABLE public_report_link;
DROP TRIGGER public_report_evidence_no_delete;
DROP TRIGGER public_report_evidence_no_update;
DROP TABLE public_report_evidence;
DROP TABLE public_report;
