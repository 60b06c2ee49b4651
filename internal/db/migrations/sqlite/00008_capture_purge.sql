-- Data minimisation of captures: when the purge removes the text of an
-- activity that was never flagged, the captures of its URL lose their raw
-- body and everything extracted from it (text, title, OpenGraph tags,
-- response headers); the facts stay (URL, redirects, status, content type,
-- fetch time, SHA-256 of the body, text hash, change). purged_at records
-- when. The immutability trigger of 00005 is replaced by one that allows
-- exactly that update, once, and nothing else.

-- +goose Up
ALTER TABLE capture ADD COLUMN purged_at TEXT;

DROP TRIGGER capture_no_update;
-- +goose StatementBegin
CREATE TRIGGER capture_no_update BEFORE UPDATE ON capture
WHEN NOT (OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL
    AND NEW.body IS NULL AND NEW.text = '' AND NEW.title = '' AND NEW.og_json = '' AND NEW.headers_json = ''
    AND NEW.id IS OLD.id AND NEW.instansi_id IS OLD.instansi_id AND NEW.request_id IS OLD.request_id
    AND NEW.activity_id IS OLD.activity_id AND NEW.requested_url IS OLD.requested_url
    AND NEW.final_url IS OLD.final_url AND NEW.redirects IS OLD.redirects AND NEW.status IS OLD.status
    AND NEW.content_type IS OLD.content_type AND NEW.fetched_at IS OLD.fetched_at AND NEW.sha256 IS OLD.sha256
    AND NEW.truncated IS OLD.truncated AND NEW.gone IS OLD.gone AND NEW.charset IS OLD.charset
    AND NEW.text_hash IS OLD.text_hash AND NEW.change IS OLD.change AND NEW.error IS OLD.error
    AND NEW.error_kind IS OLD.error_kind AND NEW.created_by IS OLD.created_by AND NEW.created_at IS OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, 'capture rows are immutable');
END;
-- +goose StatementEnd

-- Captures of activities purged before this migration.
UPDATE capture SET body = NULL, text = '', title = '', og_json = '', headers_json = '',
    purged_at = (SELECT a.purged_at FROM activity a WHERE a.id = COALESCE(capture.activity_id,
        (SELECT r.activity_id FROM capture_request r WHERE r.id = capture.request_id)))
WHERE purged_at IS NULL
    AND EXISTS (SELECT 1 FROM activity a WHERE a.purged_at IS NOT NULL AND a.id = COALESCE(capture.activity_id,
        (SELECT r.activity_id FROM capture_request r WHERE r.id = capture.request_id)))
    AND NOT EXISTS (SELECT 1 FROM public_report_link l WHERE l.capture_request_id = capture.request_id);

-- +goose Down
DROP TRIGGER capture_no_update;
-- +goose StatementBegin
CREATE TRIGGER capture_no_update BEFORE UPDATE ON capture
BEGIN
    SELECT RAISE(ABORT, 'capture rows are immutable');
END;
-- +goose StatementEnd
ALTER TABLE capture DROP COLUMN purged_at;
