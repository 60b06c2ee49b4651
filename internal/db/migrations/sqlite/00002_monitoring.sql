-- Monitoring: activity records (what an account did on a platform), their
-- screening results (immutable, one row per record and election version), the
-- versioned election definitions each instansi screens with, and the tables
-- of the feed poller, the page capture and the review inbox.
-- Times are UTC text "YYYY-MM-DDTHH:MM:SS.sssZ"; flags 0/1.

-- +goose Up
CREATE TABLE instansi_election_version (
    id          INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    version     INTEGER NOT NULL,
    lexicon     TEXT NOT NULL,              -- SHA-256 (hex, 16 chars) of definition
    definition  TEXT NOT NULL,              -- JSON array of election definitions (scan.md §1)
    source      TEXT NOT NULL DEFAULT '',   -- "builtin", or the imported file's name
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (instansi_id, version)
);

CREATE TABLE activity (
    id             INTEGER PRIMARY KEY,
    instansi_id    INTEGER NOT NULL REFERENCES instansi(id),
    platform       TEXT NOT NULL,
    external_id    TEXT NOT NULL,
    kind           TEXT NOT NULL,
    author         TEXT NOT NULL DEFAULT '',  -- as given
    author_key     TEXT NOT NULL DEFAULT '',  -- normalised handle used for attribution
    author_id      TEXT NOT NULL DEFAULT '',  -- stable platform id, when given
    text           TEXT,                      -- NULL: absent (or purged)
    context_text   TEXT,
    media_captions TEXT,                      -- JSON array of strings
    url            TEXT NOT NULL DEFAULT '',
    occurred_at    TEXT,                      -- the record's created_at, UTC; NULL when not given
    source         TEXT NOT NULL,             -- import, api, feed, capture, manual
    ingested_at    TEXT NOT NULL,
    account_id     INTEGER,                   -- attribution (no foreign keys: registry rows may go)
    employee_id    INTEGER,
    opd_id         INTEGER,
    flagged        INTEGER NOT NULL DEFAULT 0, -- flag of the latest screening
    purged_at      TEXT,                      -- text removed by data minimisation
    UNIQUE (instansi_id, platform, external_id)
);
CREATE INDEX activity_recent ON activity (instansi_id, id);
CREATE INDEX activity_list ON activity (instansi_id, flagged, id);
CREATE INDEX activity_opd ON activity (instansi_id, opd_id, id) WHERE opd_id IS NOT NULL;
CREATE INDEX activity_employee ON activity (employee_id, id) WHERE employee_id IS NOT NULL;

-- activity_id has no foreign key: rows are written only with ids the activity
-- INSERT has just returned, activities are never deleted, and the per-row
-- check costs about 15% of bulk-ingest throughput on PostgreSQL.
CREATE TABLE activity_screening (
    id               INTEGER PRIMARY KEY,
    activity_id      INTEGER NOT NULL,
    election_version INTEGER NOT NULL,
    lexicon_version  TEXT NOT NULL,
    flagged          INTEGER NOT NULL,
    score            REAL NOT NULL,
    stance           TEXT NOT NULL DEFAULT 'none',
    targets          TEXT NOT NULL DEFAULT '[]', -- JSON array of target ids
    violation        TEXT NOT NULL DEFAULT '',
    matches          TEXT NOT NULL DEFAULT '[]', -- JSON array of matches (scan.md §3)
    explanation      TEXT NOT NULL DEFAULT '',
    screened_at      TEXT NOT NULL,
    UNIQUE (activity_id, election_version)
);

-- +goose StatementBegin
CREATE TRIGGER activity_screening_no_update BEFORE UPDATE ON activity_screening
BEGIN
    SELECT RAISE(ABORT, 'activity_screening rows are immutable');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activity_screening_no_delete BEFORE DELETE ON activity_screening
BEGIN
    SELECT RAISE(ABORT, 'activity_screening rows are immutable');
END;
-- +goose StatementEnd

CREATE TABLE account_feed (
    id             INTEGER PRIMARY KEY,
    instansi_id    INTEGER NOT NULL REFERENCES instansi(id),
    account_id     INTEGER NOT NULL REFERENCES social_account(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('rss', 'atom', 'mastodon')),
    url            TEXT NOT NULL DEFAULT '',   -- feed URL (rss, atom)
    server         TEXT NOT NULL DEFAULT '',   -- Mastodon server (mastodon)
    etag           TEXT NOT NULL DEFAULT '',
    last_modified  TEXT NOT NULL DEFAULT '',
    last_polled_at TEXT,
    last_status_id TEXT NOT NULL DEFAULT '',
    error          TEXT NOT NULL DEFAULT '',
    enabled        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (account_id, kind, url, server)
);
CREATE INDEX account_feed_poll ON account_feed (enabled, last_polled_at);

CREATE TABLE capture (
    id            INTEGER PRIMARY KEY,
    instansi_id   INTEGER NOT NULL REFERENCES instansi(id),
    activity_id   INTEGER REFERENCES activity(id),
    requested_url TEXT NOT NULL,
    final_url     TEXT NOT NULL DEFAULT '',
    status        INTEGER NOT NULL DEFAULT 0,  -- HTTP status, 0 when the fetch failed
    content_type  TEXT NOT NULL DEFAULT '',
    fetched_at    TEXT NOT NULL,
    sha256        TEXT NOT NULL DEFAULT '',
    body          BLOB,
    text          TEXT NOT NULL DEFAULT '',
    og_json       TEXT NOT NULL DEFAULT '',
    change        TEXT NOT NULL DEFAULT 'first' CHECK (change IN ('first', 'unchanged', 'changed', 'gone')),
    error         TEXT NOT NULL DEFAULT '',
    created_by    INTEGER,                     -- app_user id, NULL for the system
    created_at    TEXT NOT NULL
);
CREATE INDEX capture_url ON capture (instansi_id, requested_url, id);
CREATE INDEX capture_activity ON capture (activity_id) WHERE activity_id IS NOT NULL;

CREATE TABLE review_item (
    id               INTEGER PRIMARY KEY,
    instansi_id      INTEGER NOT NULL REFERENCES instansi(id),
    activity_id      INTEGER NOT NULL REFERENCES activity(id),
    status           TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'confirmed', 'dismissed', 'needs_info')),
    assignee_user_id INTEGER REFERENCES app_user(id),
    reason           TEXT NOT NULL DEFAULT '',
    decided_by       INTEGER REFERENCES app_user(id),
    decided_at       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (activity_id)
);
CREATE INDEX review_item_inbox ON review_item (instansi_id, status, id);

-- +goose Down
DROP TABLE review_item;
DROP TABLE capture;
DROP TABLE account_feed;
DROP TABLE activity_screening;
DROP TABLE activity;
DROP TABLE instansi_election_version;
