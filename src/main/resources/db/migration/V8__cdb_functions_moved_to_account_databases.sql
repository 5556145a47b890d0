-- Accounts' tables now live in databases of their own (db/account holds these functions there).
-- Tables left by the earlier schema-per-account layout still fire the trigger function: then
-- the functions stay, for them.
DO $$
BEGIN
    DROP FUNCTION IF EXISTS public.cdb_cartodbfytable(regclass), public.cdb_cartodbfytable(text, regclass),
        public._cdb_free_column_name(regclass, text), public._cdb_has_gist_index(regclass, name),
        public._cdb_update_the_geom_webmercator(), public.cdb_transformtowebmercator(public.geometry),
        public._cdb_clamp_latitude(public.geometry);
EXCEPTION WHEN dependent_objects_still_exist THEN
    RAISE NOTICE 'tables of the schema-per-account layout still use the CDB functions: kept';
END
$$;
