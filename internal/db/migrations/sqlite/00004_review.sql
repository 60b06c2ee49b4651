-- Review inbox (deteksi dini): the decisions taken on review items, the
-- reason code of a dismissal, the phrases an instansi declared innocent
-- (exceptions applied after screening) and, per election version, the
-- exceptions its results were computed with. Review items for activities
-- flagged before this migration are created here; later ones are created
-- when results are stored (ingest, rescreen).

-- +goose Up
ALTER TABLE review_item ADD COLUMN reason_code TEXT NOT NULL DEFAULT '';
CREATE INDEX review_item_assignee ON review_item (instansi_id, assignee_user_id) WHERE assignee_user_id IS NOT NULL;

CREATE TABLE review_decision (
    id              INTEGER PRIMARY KEY,
    review_item_id  INTEGER NOT NULL REFERENCES review_item(id),
    action          TEXT NOT NULL CHECK (action IN ('confirm', 'dismiss', 'needs_info', 'assign')),
    status_before   TEXT NOT NULL,
    status_after    TEXT NOT NULL,
    assignee_before INTEGER,                  -- app_user ids (no foreign keys: history outlives users)
    assignee_after  INTEGER,
    reason_code     TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    user_id         INTEGER,
    user_name       TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX review_decision_item ON review_decision (review_item_id, id);

CREATE TABLE review_exception (
    id          INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    phrase      TEXT NOT NULL,              -- as entered, white space collapsed
    phrase_key  TEXT NOT NULL,              -- lower-cased phrase: one row per phrase
    note        TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1,
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (instansi_id, phrase_key)
);

-- JSON array of the exception phrases applied with this version.
ALTER TABLE instansi_election_version ADD COLUMN exceptions TEXT NOT NULL DEFAULT '[]';

INSERT INTO review_item (instansi_id, activity_id, status, created_at, updated_at)
SELECT a.instansi_id, a.id, 'new', a.ingested_at, a.ingested_at FROM activity a
WHERE a.flagged = 1 AND NOT EXISTS (SELECT 1 FROM review_item r WHERE r.activity_id = a.id);

-- +goose Down
ALTER TABLE instansi_election_version DROP COLUMN exceptions;
DROP TABLE review_exception;
DROP TABLE review_decision;
DROP INDEX review_item_assignee;
ALTER TABLE review_item DROP COLUMN reason_code;
