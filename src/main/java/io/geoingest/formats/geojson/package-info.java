/**
 * The GeoJSON format reader: {@link io.geoingest.formats.geojson.GeoJsonFormat#open} turns a
 * GeoJSON file into a {@link io.geoingest.rows.TableSource}, streaming (Jackson tokens, never a
 * tree of the file) with bounded memory: the column types are guessed from the first features
 * and checked on every later one, which start the rows over with the whole file's types if
 * they do not fit ({@link io.geoingest.formats.geojson.GeoJsonTableSource}).
 *
 * <p>The rules chosen, each explained where it is applied:
 * <ul>
 * <li>Input: one or more top-level FeatureCollection or Feature objects, separated by
 *     whitespace or RFC 8142 record separators; so {@code .geojson}/{@code .json},
 *     newline-delimited {@code .geojsonl}/{@code .ndjson} and {@code .geojsons} all read the
 *     same way. Members in any order; foreign members ignored. A bare geometry at the top
 *     level, a Topology or any other JSON is 3007 ({@link io.geoingest.formats.geojson.FeatureWalker}).</li>
 * <li>Columns: {@code id} from the feature ids unless a property is named {@code id} (then the
 *     property wins and ids are dropped), the union of the properties in first-seen order,
 *     then {@code the_geom}; names are kept raw for the sink to normalise
 *     ({@link io.geoingest.formats.geojson.GeoJsonProfile}).</li>
 * <li>Types: from every value of the file; JSON numbers are INTEGER, BIGINT, NUMERIC (beyond
 *     int64, or beyond a double) or DOUBLE; booleans BOOLEAN; strings TEXT unless all are ISO
 *     dates/timestamps; objects and arrays TEXT holding compact JSON; a mix is TEXT with
 *     numbers as written; a blank string is null in a column of any other type than TEXT
 *     ({@link io.geoingest.formats.geojson.PropertyValues}).</li>
 * <li>Geometry: any GeoJSON type, mixed in one file, null allowed, EPSG:4326 (a {@code crs}
 *     member is ignored). A geometry whose JSON shape is wrong fails the import (3007); one JTS
 *     refuses (unclosed ring) becomes null with the {@code invalid_geometries} warning
 *     ({@link io.geoingest.formats.geojson.GeometryReader}).</li>
 * <li>Empty: a file without any JSON value is 1005; a FeatureCollection of no features is a
 *     table without rows (it is valid GeoJSON, and the user may append to it later).</li>
 * <li>Limits: 64 Mi characters per string, 32 MiB of JSON per geometry or nested property
 *     value, nesting depth 64, error 3007 beyond; more properties than
 *     {@code geoingest.imports.max-columns} is 2004 ({@link io.geoingest.formats.geojson.GeoJsonParsing}).</li>
 * </ul>
 */
package io.geoingest.formats.geojson;
