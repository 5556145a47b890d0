-- Each stored source names its kind (SourceKind), decided once when the request was read, on
-- which the import route picks the source's route: {"kind": "url", "url": ...}. Sources stored
-- before are tagged from what they hold. A source of nothing ({}: the Python SDK's first POST,
-- failed at once) is never read, and keeps no kind.
UPDATE geoingest.imports SET source = source || jsonb_build_object('kind', CASE
        WHEN data_type = 'file' THEN 'file'
        WHEN data_type = 'url' THEN 'url'
        WHEN data_type IN ('query', 'table') THEN 'query'
        WHEN source ? 'drive' THEN 'drive'
        WHEN source ? 'arcgis' THEN 'arcgis'
        ELSE 'connector' END)
    WHERE NOT source ? 'kind' AND source <> '{}'::jsonb;

UPDATE geoingest.synchronizations SET source = source || jsonb_build_object('kind', CASE
        WHEN data_type = 'url' THEN 'url'
        WHEN source ? 'drive' THEN 'drive'
        WHEN source ? 'arcgis' THEN 'arcgis'
        ELSE 'connector' END)
    WHERE NOT source ? 'kind';
