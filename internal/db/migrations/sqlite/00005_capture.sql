-- URL capture as durable jobs: a capture request (a URL pasted by the Tim
-- Pengawas, or the URL of a flagged activity record) is fetched by a job and
-- re-fetched on a schedule; every fetch is one immutable capture row.
--
-- 00002 created an empty capture table whose change check did not allow a
-- failed fetch; it is rebuilt here (any rows are copied) with the columns a
-- capture needs as evidence and immutability triggers like audit_log's.
-- Times are UTC text "YYYY-MM-DDTHH:MM:SS.sssZ"; flags 0/1.

-- +goose Up
CREATE TABLE capture_request (
    id               INTEGER PRIMARY KEY,
    instansi_id      INTEGER NOT NULL REFERENCES instansi(id),
    url              TEXT NOT NULL,              -- as normalised by capture.NormalizeURL (as given when invalid)
    origin           TEXT NOT NULL CHECK (origin IN ('paste', 'activity')),
    activity_id      INTEGER REFERENCES activity(id), -- captures are linked to it (origin activity: the flagged record)
    account_id       INTEGER,                    -- attribution chosen when pasting (no foreign keys, as activity)
    employee_id      INTEGER,
    opd_id           INTEGER,
    note             TEXT NOT NULL DEFAULT '',
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'active', 'failed')),
    last_error       TEXT NOT NULL DEFAULT '',
    last_run_at      TEXT,                       -- when the last capture row was written
    recapture_until  TEXT NOT NULL,              -- re-captured on schedule until then
    created_by       INTEGER,                    -- app_user id, NULL for the system
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX capture_request_list ON capture_request (instansi_id, id);
CREATE INDEX capture_request_due ON capture_request (state, last_run_at);
CREATE UNIQUE INDEX capture_request_of_activity ON capture_request (activity_id) WHERE origin = 'activity';

CREATE TABLE capture_new (
    id            INTEGER PRIMARY KEY,
    instansi_id   INTEGER NOT NULL REFERENCES instansi(id),
    request_id    INTEGER REFERENCES capture_request(id),
    activity_id   INTEGER REFERENCES activity(id),
    requested_url TEXT NOT NULL,
    final_url     TEXT NOT NULL DEFAULT '',
    redirects     TEXT NOT NULL DEFAULT '[]',  -- JSON array of URLs
    status        INTEGER NOT NULL DEFAULT 0,  -- HTTP status, 0 when there was no answer
    content_type  TEXT NOT NULL DEFAULT '',
    fetched_at    TEXT NOT NULL,
    sha256        TEXT NOT NULL DEFAULT '',    -- of body as stored
    body          BLOB,                        -- raw body; NULL when none was kept
    truncated     INTEGER NOT NULL DEFAULT 0,
    gone          INTEGER NOT NULL DEFAULT 0,  -- 404, 410 or host no longer in DNS
    charset       TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL DEFAULT '',
    og_json       TEXT NOT NULL DEFAULT '',
    headers_json  TEXT NOT NULL DEFAULT '',
    text_hash     TEXT NOT NULL DEFAULT '',    -- capture.Capture.TextHash, what Compare compares
    change        TEXT NOT NULL DEFAULT 'first'
                  CHECK (change IN ('first', 'unchanged', 'changed', 'gone', 'unknown', 'failed')),
    error         TEXT NOT NULL DEFAULT '',
    error_kind    TEXT NOT NULL DEFAULT '',    -- blocked_address, network, timeout, … ('' when none)
    created_by    INTEGER,                     -- app_user id, NULL for the system
    created_at    TEXT NOT NULL
);
INSERT INTO capture_new (id, instansi_id, activity_id, requested_url, final_url, status, content_type, fetched_at,
    sha256, body, text, og_json, change, error, created_by, created_at)
SELECT id, instansi_id, activity_id, requested_url, final_url, status, content_type, fetched_at,
    sha256, body, text, og_json, change, error, created_by, created_at FROM capture;
DROP TABLE capture;
ALTER TABLE capture_new RENAME TO capture;
CREATE INDEX capture_url ON capture (instansi_id, requested_url, id);
CREATE INDEX capture_activity ON capture (activity_id) WHERE activity_id IS NOT NULL;
CREATE INDEX capture_request_rows ON capture (request_id, id) WHERE request_id IS NOT NULL;

-- +goose StatementBegin
CREATE TRIGGER capture_no_update BEFORE UPDATE ON capture
BEGIN
    SELECT RAISE(ABORT, 'capture rows are immutable');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER capture_no_delete BEFORE DELETE ON capture
BEGIN
    SELECT RAISE(ABORT, 'capture rows are immutable');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER capture_no_delete;
DROP TRIGGER capture_no_update;
CREATE TABLE capture_old (
    id            INTEGER PRIMARY KEY,
    instansi_id   INTEGER NOT NULL REFERENCES instansi(id),
    activity_id   INTEGER REFERENCES activity(id),
    requested_url TEXT NOT NULL,
    final_url     TEXT NOT NULL DEFAULT '',
    status        INTEGER NOT NULL DEFAULT 0,
    content_type  TEXT NOT NULL DEFAULT '',
    fetched_at    TEXT NOT NULL,
    sha256        TEXT NOT NULL DEFAULT '',
    body          BLOB,
    text          TEXT NOT NULL DEFAULT '',
    og_json       TEXT NOT NULL DEFAULT '',
    change        TEXT NOT NULL DEFAULT 'first' CHECK (change IN ('first', 'unchanged', 'changed', 'gone')),
    error         TEXT NOT NULL DEFAULT '',
    created_by    INTEGER,
    created_at    TEXT NOT NULL
);
INSERT INTO capture_old (id, instansi_id, activity_id, requested_url, final_url, status, content_type, fetched_at,
    sha256, body, text, og_json, change, error, created_by, created_at)
SELECT id, instansi_id, activity_id, requested_url, final_url, status, content_type, fetched_at,
    sha256, body, text, og_json, CASE WHEN change IN ('unknown', 'failed') THEN 'unchanged' ELSE change END, error,
    created_by, created_at FROM capture;
DROP TABLE capture;
ALTER TABLE capture_old RENAME TO capture;
CREATE INDEX capture_url ON capture (instansi_id, requested_url, id);
CREATE INDEX capture_activity ON capture (activity_id) WHERE activity_id IS NOT NULL;
DROP TABLE capture_request;
