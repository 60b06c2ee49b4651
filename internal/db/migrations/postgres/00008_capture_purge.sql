-- Data minimisation of captures: when the purge removes the text of an
-- activity that was never flagged, the captures of its URL lose their raw
-- body and everything extracted from it (text, title, OpenGraph tags,
-- response headers); the facts stay (URL, redirects, status, content type,
-- fetch time, SHA-256 of the body, text hash, change). purged_at records
-- when. The immutability trigger function of 00005 is replaced by one that
-- allows exactly that update, once, and nothing else (deletes stay refused).

-- +goose Up
ALTER TABLE capture ADD COLUMN purged_at TEXT;

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION capture_immutable() RETURNS trigger AS $$
DECLARE
    purged_cols CONSTANT text[] := ARRAY['body', 'text', 'title', 'og_json', 'headers_json', 'purged_at'];
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL
        AND NEW.body IS NULL AND NEW.text = '' AND NEW.title = '' AND NEW.og_json = '' AND NEW.headers_json = ''
        AND to_jsonb(NEW) - purged_cols = to_jsonb(OLD) - purged_cols THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'capture rows are immutable';
END;
$$ LANGUAGE plpgsql;
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
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION capture_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'capture rows are immutable';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
ALTER TABLE capture DROP COLUMN purged_at;
