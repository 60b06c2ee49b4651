-- Feed poller state beyond 00002's account_feed: the number of failed polls
-- in a row (the poller backs off on it), the account's id on its Mastodon
-- server (looked up on the first poll), and how many new activities the last
-- poll stored (shown on the employee page).

-- +goose Up
ALTER TABLE account_feed ADD COLUMN error_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account_feed ADD COLUMN remote_account_id TEXT NOT NULL DEFAULT '';
ALTER TABLE account_feed ADD COLUMN last_new INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE account_feed DROP COLUMN last_new;
ALTER TABLE account_feed DROP COLUMN remote_account_id;
ALTER TABLE account_feed DROP COLUMN error_count;
