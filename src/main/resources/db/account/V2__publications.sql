-- Which import published which tables, written in the same transaction as the tables: the
-- import's record lives in the service's database, committed right after. An attempt that
-- takes over an import whose earlier attempt died between the two commits finds its tables
-- here and completes the record, instead of importing them twice.
CREATE TABLE public.geoingest_publications (
    import_id    uuid PRIMARY KEY,
    tables       text[]      NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON public.geoingest_publications FROM PUBLIC;
