-- Sync tables: a source re-imported every interval seconds into the same table. Each run is an
-- import (geoingest.imports.synchronization_id); the schedule lives in the Quartz tables.
CREATE TABLE synchronizations (
    id                 uuid PRIMARY KEY,
    username           text        NOT NULL,
    data_type          text        NOT NULL,            -- url | datasource
    source             jsonb       NOT NULL,            -- as an import's; connector passwords sealed
    options            jsonb       NOT NULL,
    privacy            text        NOT NULL DEFAULT 'PRIVATE',
    service_name       text,                            -- null (url), connector, arcgis
    service_item_id    text,                            -- what the user sees of the source: never a password
    shown_url          text,
    name               text,                            -- the table, once the first run created it
    interval_seconds   integer     NOT NULL,
    state              text        NOT NULL,            -- created | queued | syncing | success | failure
    run_at             timestamptz,
    ran_at             timestamptz,
    modified_at        timestamptz,                     -- the source's Last-Modified, as a time
    last_modified      text,                            -- ... and as the server wrote it, to send back
    etag               text,
    checksum           text,                            -- SHA-256 of the body last imported
    log_id             uuid,                            -- the import of the latest run
    error_code         integer,
    error_message      text,
    retried_times      integer     NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX synchronizations_by_user ON synchronizations (username, created_at);

-- Which version of its URL an import read (etag, Last-Modified, checksum), for its sync's next run.
ALTER TABLE imports ADD COLUMN source_version jsonb;
