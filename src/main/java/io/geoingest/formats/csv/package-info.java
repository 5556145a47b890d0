/**
 * The CSV format reader: {@link io.geoingest.formats.csv.CsvFormat#open} turns a CSV or TSV
 * file into a {@link io.geoingest.rows.TableSource} in two passes with bounded memory.
 *
 * <p>The rules chosen, each explained where it is applied:
 * <ul>
 * <li>Encoding: a BOM is trusted (UTF-8, UTF-16LE/BE); otherwise UTF-8 if the whole file is
 *     valid UTF-8, UTF-8 with its invalid sequences replaced and counted if most of its
 *     non-ASCII text is, else the single-byte code page Mozilla's detector finds, Windows-1252
 *     with ISO-8859-1 for its undefined bytes when none ({@link io.geoingest.formats.csv.TextEncoding}).</li>
 * <li>Delimiter: {@code ,} {@code ;} TAB {@code |}, the one most consistent across the first
 *     records; {@code .tsv} means TAB ({@link io.geoingest.formats.csv.Dialect}).</li>
 * <li>Blanks (spaces, tabs) between a delimiter or line start and an opening quote are not part
 *     of the field, as with Python's {@code skipinitialspace}: {@code a, "b, c"} is two fields.
 *     Unquoted values keep their blanks (typed columns ignore them)
 *     ({@link io.geoingest.formats.csv.BlanksBeforeQuoteReader}).</li>
 * <li>Types: inferred from every value of the file, widening on contradiction; booleans are
 *     only true/false; leading-zero integers are text
 *     ({@link io.geoingest.formats.csv.CellScanner}, {@link io.geoingest.formats.csv.ColumnProfile}).</li>
 * <li>Geometry: a geometry-named column holds geometry when more than half of its first 1000
 *     non-blank values parse; it beats a longitude/latitude pair, which needs more than half
 *     numeric values ({@link io.geoingest.formats.csv.ColumnProfile}).</li>
 * <li>Limits: 8 Mi characters per value, 32 Mi per row, error 2003 beyond
 *     ({@link io.geoingest.formats.csv.CsvParsing}).</li>
 * </ul>
 */
package io.geoingest.formats.csv;
