-- geoingest's own state. Accounts' data lives in their own schemas, never here.
CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;

-- Account roles must never read the service's state.
REVOKE ALL ON SCHEMA geoingest FROM PUBLIC;

CREATE TABLE imports (
    id                     uuid PRIMARY KEY,
    username               text        NOT NULL,
    state                  text        NOT NULL,
    data_type              text        NOT NULL,            -- file | url | datasource
    source                 jsonb       NOT NULL,            -- what to read: file, url or connector
    options                jsonb       NOT NULL,            -- guessing flags, collision strategy, ...
    privacy                text        NOT NULL DEFAULT 'PRIVATE',
    create_visualization   boolean     NOT NULL DEFAULT false,
    display_name           text,
    table_name             text,
    table_id               uuid,
    tables_created_count   integer     NOT NULL DEFAULT 0,
    error_code             integer,
    error_message          text,
    warnings               jsonb,
    attempts               integer     NOT NULL DEFAULT 0,
    synchronization_id     uuid,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX imports_in_progress ON imports (username) WHERE state NOT IN ('complete', 'failure');

-- The dataset records the Python SDK reads after an import (tables and "viz" of CARTO).
CREATE TABLE datasets (
    table_id           uuid PRIMARY KEY,
    visualization_id   uuid        NOT NULL UNIQUE,
    username           text        NOT NULL,
    table_name         text        NOT NULL,
    import_id          uuid,
    privacy            text        NOT NULL DEFAULT 'PRIVATE',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (username, table_name)
);
