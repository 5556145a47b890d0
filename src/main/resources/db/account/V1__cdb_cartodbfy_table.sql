-- Every account's own database (AccountProvisioner runs these at start): CARTO's
-- CDB_CartodbfyTable (the SQL API's COPY workflow starts with it), and the web-mercator trigger
-- it installs. In public, owned by the service; SECURITY INVOKER (the default), so they act
-- with the caller's rights: an account can only cartodbfy a table it owns. PostGIS lives in
-- public (the template database holds it); everything is schema-qualified, so a caller's
-- search_path cannot substitute functions of its own.

-- Accounts run their own SQL: nothing they create may land where other sessions resolve names.
-- (PostgreSQL 15's default; where another role owns public this only warns, and the account
-- provisioning refuses to start.)
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Latitudes clamped to the edge of the square web map, vertex by vertex, as the importer's
-- WebMercator does (PostGIS would project them far off the map, or fail at the poles).
CREATE OR REPLACE FUNCTION public._cdb_clamp_latitude(geom public.geometry)
RETURNS public.geometry
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    lim CONSTANT float8 := 85.0511287798066;
    parts public.geometry[];
    y float8;
BEGIN
    IF public.st_isempty(geom) THEN
        RETURN geom;
    END IF;
    CASE public.st_geometrytype(geom)
        WHEN 'ST_Point' THEN
            y := public.st_y(geom);
            RETURN public.st_translate(geom, 0, greatest(-lim, least(lim, y)) - y);
        WHEN 'ST_LineString' THEN
            FOR i IN 0 .. public.st_npoints(geom) - 1 LOOP
                geom := public.st_setpoint(geom, i, public._cdb_clamp_latitude(public.st_pointn(geom, i + 1)));
            END LOOP;
            RETURN geom;
        WHEN 'ST_Polygon' THEN
            SELECT array_agg(public._cdb_clamp_latitude(public.st_interiorringn(geom, n)) ORDER BY n) INTO parts
              FROM generate_series(1, public.st_numinteriorrings(geom)) n;
            RETURN public.st_makepolygon(public._cdb_clamp_latitude(public.st_exteriorring(geom)),
                                         coalesce(parts, '{}'::public.geometry[]));
        WHEN 'ST_MultiPoint', 'ST_MultiLineString', 'ST_MultiPolygon', 'ST_GeometryCollection' THEN
            SELECT array_agg(public._cdb_clamp_latitude(public.st_geometryn(geom, n)) ORDER BY n) INTO parts
              FROM generate_series(1, public.st_numgeometries(geom)) n;
            IF public.st_geometrytype(geom) = 'ST_GeometryCollection' THEN
                RETURN public.st_forcecollection(public.st_collect(parts));
            END IF;
            RETURN public.st_collect(parts);
        ELSE
            -- Curves and surfaces are projected as they are.
            RETURN geom;
    END CASE;
END $$;

-- CARTO's CDB_TransformToWebmercator: any geometry to EPSG:3857 (SRID 0 is taken as 4326).
CREATE OR REPLACE FUNCTION public.cdb_transformtowebmercator(geom public.geometry)
RETURNS public.geometry
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    IF public.st_srid(geom) = 3857 THEN
        RETURN geom;
    ELSIF public.st_srid(geom) = 0 THEN
        geom := public.st_setsrid(geom, 4326);
    ELSIF public.st_srid(geom) <> 4326 THEN
        geom := public.st_transform(geom, 4326);
    END IF;
    -- Most geometries are within the map: one bounding-box test, and no clamping.
    IF public.st_ymin(geom::public.box3d) < -85.0511287798066 OR public.st_ymax(geom::public.box3d) > 85.0511287798066 THEN
        geom := public._cdb_clamp_latitude(geom);
    END IF;
    RETURN public.st_transform(geom, 3857);
END $$;

CREATE OR REPLACE FUNCTION public._cdb_update_the_geom_webmercator()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.the_geom_webmercator := public.cdb_transformtowebmercator(NEW.the_geom);
    RETURN NEW;
END $$;

-- Whether the table has a GiST index led by this column.
CREATE OR REPLACE FUNCTION public._cdb_has_gist_index(reloid regclass, col name)
RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                     JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
                     JOIN pg_catalog.pg_am am ON am.oid = ic.relam
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                    WHERE i.indrelid = reloid AND am.amname = 'gist' AND a.attname = col)
$$;

-- A column name not taken in the table: wanted, else wanted_1, wanted_2, ...
CREATE OR REPLACE FUNCTION public._cdb_free_column_name(reloid regclass, wanted text)
RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    candidate text := wanted;
    n int := 0;
BEGIN
    WHILE EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                   WHERE attrelid = reloid AND attname = candidate AND attnum > 0 AND NOT attisdropped) LOOP
        n := n + 1;
        candidate := wanted || '_' || n;
    END LOOP;
    RETURN candidate;
END $$;

-- Turns a table into a CARTO table, in place (moved to destschema first when that differs):
--   cartodb_id   an integer cartodb_id without nulls or duplicates is kept (given a sequence if it
--                has no default); otherwise it is renamed (cartodb_id_0) and a bigserial added;
--                primary key, or unique when the table has another primary key;
--   the_geom     geometry(Geometry,4326); a geometry column in another SRID is transformed (SRID 0
--                is taken as 4326); a non-geometry the_geom is renamed (the_geom_str) and kept;
--   the_geom_webmercator  geometry(Geometry,3857), filled and kept in sync by a trigger;
--   GiST indexes on both geometry columns.
-- Calling it again changes nothing.
CREATE OR REPLACE FUNCTION public.cdb_cartodbfytable(destschema text, reloid regclass)
RETURNS regclass
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    nsp name;
    rel name;
    kind "char";
    tbl text;
    col_type regtype;
    col_srid int;
    has_pk boolean;
    usable boolean;
    refill boolean := false;
    has_trigger boolean;
BEGIN
    SELECT n.nspname, c.relname, c.relkind INTO nsp, rel, kind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = reloid;
    IF kind IS NULL OR kind NOT IN ('r', 'p') THEN
        RAISE EXCEPTION 'CDB_CartodbfyTable: % is not a table', reloid USING ERRCODE = 'wrong_object_type';
    END IF;
    IF coalesce(destschema, '') <> '' AND destschema <> nsp THEN
        EXECUTE format('ALTER TABLE %I.%I SET SCHEMA %I', nsp, rel, destschema);
        nsp := destschema;
    END IF;
    tbl := format('%I.%I', nsp, rel);
    IF NOT pg_has_role((SELECT relowner FROM pg_class WHERE oid = reloid), 'USAGE') THEN
        RAISE EXCEPTION 'must be owner of table %', rel USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', tbl);

    -- cartodb_id
    SELECT atttypid INTO col_type FROM pg_attribute
     WHERE attrelid = reloid AND attname = 'cartodb_id' AND attnum > 0 AND NOT attisdropped;
    IF col_type IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype) THEN
        EXECUTE format('SELECT count(*) = count(cartodb_id) AND count(*) = count(DISTINCT cartodb_id) FROM %s', tbl)
           INTO usable;
    ELSE
        usable := false;
    END IF;
    IF col_type IS NOT NULL AND NOT usable THEN
        EXECUTE format('ALTER TABLE %s RENAME COLUMN cartodb_id TO %I', tbl,
                       public._cdb_free_column_name(reloid, 'cartodb_id_0'));
    END IF;
    IF NOT usable THEN
        EXECUTE format('ALTER TABLE %s ADD COLUMN cartodb_id bigserial NOT NULL', tbl);
    ELSIF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = reloid AND attname = 'cartodb_id'
                        AND (atthasdef OR attidentity <> '')) THEN
        EXECUTE format('ALTER TABLE %s ALTER COLUMN cartodb_id SET NOT NULL,'
                       ' ALTER COLUMN cartodb_id ADD GENERATED BY DEFAULT AS IDENTITY', tbl);
        EXECUTE format('SELECT setval(%L, coalesce(max(cartodb_id), 0) + 1, false) FROM %s',
                       pg_get_serial_sequence(tbl, 'cartodb_id'), tbl);
    END IF;
    has_pk := EXISTS (SELECT 1 FROM pg_index WHERE indrelid = reloid AND indisprimary);
    IF NOT has_pk THEN
        EXECUTE format('ALTER TABLE %s ADD PRIMARY KEY (cartodb_id)', tbl);
    ELSIF NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                       WHERE i.indrelid = reloid AND i.indisunique AND i.indnkeyatts = 1 AND i.indpred IS NULL
                         AND a.attname = 'cartodb_id') THEN
        EXECUTE format('ALTER TABLE %s ADD UNIQUE (cartodb_id)', tbl);
    END IF;

    -- the_geom
    SELECT atttypid, postgis_typmod_srid(atttypmod) INTO col_type, col_srid FROM pg_attribute
     WHERE attrelid = reloid AND attname = 'the_geom' AND attnum > 0 AND NOT attisdropped;
    IF col_type IS NOT NULL AND col_type <> 'geometry'::regtype THEN
        EXECUTE format('ALTER TABLE %s RENAME COLUMN the_geom TO %I', tbl,
                       public._cdb_free_column_name(reloid, 'the_geom_str'));
        col_type := NULL;
    END IF;
    IF col_type IS NULL THEN
        EXECUTE format('ALTER TABLE %s ADD COLUMN the_geom geometry(Geometry,4326)', tbl);
    ELSIF col_srid IS DISTINCT FROM 4326 THEN
        EXECUTE format('ALTER TABLE %s ALTER COLUMN the_geom TYPE geometry(Geometry,4326) USING CASE'
                       ' WHEN st_srid(the_geom) = 0 THEN st_setsrid(the_geom, 4326)'
                       ' ELSE st_transform(the_geom, 4326) END', tbl);
        refill := true;
    END IF;

    -- the_geom_webmercator, derived: anything else under that name is replaced
    SELECT atttypid, postgis_typmod_srid(atttypmod) INTO col_type, col_srid FROM pg_attribute
     WHERE attrelid = reloid AND attname = 'the_geom_webmercator' AND attnum > 0 AND NOT attisdropped;
    IF col_type IS NOT NULL AND (col_type <> 'geometry'::regtype OR col_srid IS DISTINCT FROM 3857) THEN
        EXECUTE format('ALTER TABLE %s DROP COLUMN the_geom_webmercator', tbl);
        col_type := NULL;
    END IF;
    IF col_type IS NULL THEN
        EXECUTE format('ALTER TABLE %s ADD COLUMN the_geom_webmercator geometry(Geometry,3857)', tbl);
        refill := true;
    END IF;
    has_trigger := EXISTS (SELECT 1 FROM pg_trigger
                            WHERE tgrelid = reloid AND tgname = 'update_the_geom_webmercator_trigger');
    IF refill OR NOT has_trigger THEN
        EXECUTE format('UPDATE %s SET the_geom_webmercator = public.cdb_transformtowebmercator(the_geom)'
                       ' WHERE the_geom IS NOT NULL OR the_geom_webmercator IS NOT NULL', tbl);
    END IF;
    IF NOT has_trigger THEN
        EXECUTE format('CREATE TRIGGER update_the_geom_webmercator_trigger'
                       ' BEFORE INSERT OR UPDATE OF the_geom, the_geom_webmercator ON %s'
                       ' FOR EACH ROW EXECUTE FUNCTION public._cdb_update_the_geom_webmercator()', tbl);
    END IF;

    IF NOT public._cdb_has_gist_index(reloid, 'the_geom') THEN
        EXECUTE format('CREATE INDEX ON %s USING gist (the_geom)', tbl);
    END IF;
    IF NOT public._cdb_has_gist_index(reloid, 'the_geom_webmercator') THEN
        EXECUTE format('CREATE INDEX ON %s USING gist (the_geom_webmercator)', tbl);
    END IF;
    RETURN reloid;
END $$;

CREATE OR REPLACE FUNCTION public.cdb_cartodbfytable(reloid regclass)
RETURNS regclass
LANGUAGE sql AS $$
    SELECT public.cdb_cartodbfytable(NULL::text, reloid)
$$;
