-- Files attached to a case by the team (internal/web/handlers_case_files.go):
-- the ASN's written reply and its documents, the signed BA klarifikasi scan and
-- other evidence. Only PDFs and JPEG, PNG or WebP images are accepted, checked
-- by their content (internal/reports.Inspect), at most 10 MiB each. The
-- original is kept exactly as received with its SHA-256; images also get a
-- copy without metadata (EXIF, XMP, text chunks), which is what is served.
-- Rows are immutable: a wrong upload stays on record (and in the audit trail).
-- Times are UTC text "YYYY-MM-DDTHH:MM:SS.sssZ".

-- +goose Up
CREATE TABLE case_file_doc (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES case_file(id),
    instansi_id      INTEGER NOT NULL REFERENCES instansi(id),
    kind             TEXT NOT NULL CHECK (kind IN ('reply', 'minutes_signed', 'evidence', 'other')),
    filename         TEXT NOT NULL,                    -- as given (cleaned), for display only
    content_type     TEXT NOT NULL,                    -- detected from the content
    size             INTEGER NOT NULL,
    sha256           TEXT NOT NULL,                    -- of the original, computed on receipt
    original         BLOB NOT NULL,                    -- exactly as received
    stripped         BLOB,                             -- image copy without metadata; NULL for PDFs
    stripped_sha256  TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    uploaded_by      INTEGER NOT NULL REFERENCES app_user(id),
    uploaded_at      TEXT NOT NULL
);
CREATE INDEX case_file_doc_case ON case_file_doc (instansi_id, case_id, id);

-- +goose StatementBegin
CREATE TRIGGER case_file_doc_no_update BEFORE UPDATE ON case_file_doc
BEGIN
    SELECT RAISE(ABORT, 'case documents are immutable');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER case_file_doc_no_delete BEFORE DELETE ON case_file_doc
BEGIN
    SELECT RAISE(ABORT, 'case documents are immutable');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER case_file_doc_no_delete;
DROP TRIGGER case_file_doc_no_update;
DROP TABLE case_file_doc;
