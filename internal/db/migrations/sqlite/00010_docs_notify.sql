-- Documents and e-mail notifications.
--
-- letterhead: each instansi's kop surat (internal/docs), one row per instansi,
-- with its logo as a normalised PNG. Until a row exists, letters use a default
-- derived from the instansi's name.
--
-- email_outbox: every e-mail Netral means to send (internal/notify), written in
-- the same transaction as the change that causes it and delivered by a durable
-- job. The address of a protected recipient (a reporter) is never stored in
-- clear: recipient is '' and recipient_sealed holds it encrypted.
-- Times are UTC text "YYYY-MM-DDTHH:MM:SS.sssZ"; flags 0/1.

-- +goose Up
CREATE TABLE letterhead (
    instansi_id  INTEGER PRIMARY KEY REFERENCES instansi(id),
    line1        TEXT NOT NULL,               -- e.g. PEMERINTAH KABUPATEN TANJUNG HARAPAN
    line2        TEXT NOT NULL,               -- the team or office, largest line
    line3        TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    website      TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL,               -- town before the date of a letter
    logo         BLOB,                        -- PNG re-encoded by docs.NormalizeLogo; NULL for none
    logo_sha256  TEXT NOT NULL DEFAULT '',
    updated_by   INTEGER,                     -- app_user id, NULL for the system
    updated_at   TEXT NOT NULL
);

CREATE TABLE email_outbox (
    id               INTEGER PRIMARY KEY,
    instansi_id      INTEGER NOT NULL REFERENCES instansi(id),
    recipient        TEXT NOT NULL DEFAULT '',   -- the address; '' when private
    recipient_sealed TEXT NOT NULL DEFAULT '', -- private: the address sealed by notify's Sealer (sealbox)
    private          INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    template         TEXT NOT NULL DEFAULT '',   -- case_assigned, step_due, step_overdue, reporter_update, or '' (free text)
    lang             TEXT NOT NULL DEFAULT 'id',
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,              -- plain text
    object_type      TEXT NOT NULL DEFAULT '',   -- what the message is about, e.g. case
    object_id        TEXT NOT NULL DEFAULT '',
    dedupe_key       TEXT,                       -- a reminder is queued at most once per key and instansi
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'sent', 'failed', 'not_configured')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    send_round       INTEGER NOT NULL DEFAULT 0, -- raised by each manual retry; a job of an older round does nothing
    last_error       TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    sent_at          TEXT
);
CREATE INDEX email_outbox_list ON email_outbox (instansi_id, id);
CREATE INDEX email_outbox_status ON email_outbox (status, id);
CREATE INDEX email_outbox_object ON email_outbox (instansi_id, object_type, object_id);
CREATE UNIQUE INDEX email_outbox_dedupe ON email_outbox (instansi_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

-- +goose Down
DROP TABLE email_outbox;
DROP TABLE letterhead;
