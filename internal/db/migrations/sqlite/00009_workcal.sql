-- Working-day calendar: each instansi's changes to the national calendar
-- shipped in internal/workcal/data/holidays.json. A row either adds a
-- non-working day (removed = 0: a regional holiday, a corrected date) or
-- removes a shipped day (removed = 1, kind and name copied from it). At most
-- one row per instansi and date. Days are "YYYY-MM-DD" text; times are UTC
-- text "YYYY-MM-DDTHH:MM:SS.sssZ"; flags 0/1. Changes are audited
-- (workcal.add / workcal.remove / workcal.restore).

-- +goose Up
CREATE TABLE workcal_day (
    id          INTEGER PRIMARY KEY,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    day         TEXT NOT NULL CHECK (length(day) = 10),
    kind        TEXT NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama', 'libur_daerah')),
    name        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    removed     INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    created_by  INTEGER,                     -- app_user id, NULL for the system
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX workcal_day_once ON workcal_day (instansi_id, day);

-- +goose Down
DROP TABLE workcal_day;
