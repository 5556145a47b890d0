package io.geoingest.kernel;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.imports.*}: how imports are read, batched and supervised.
 *
 * @param batchSize               rows per Exchange between a source and the COPY sink
 * @param workDir                 where uploads and downloads are kept until their import ends
 *                                ({@code geoingest-<user>} in the JVM's temporary directory by
 *                                default, so that two users of one machine do not share it;
 *                                made absolute); in a cluster, a volume every replica can read
 * @param maxColumns              a file (CSV, spreadsheet, GeoJSON, KML, GPX, GDAL's formats)
 *                                with more columns than this fails with error 2004 (the seed's 250)
 * @param maxAttempts             how many times an import interrupted by a dying replica is started
 * @param orphanSeconds           an unfinished import with no job left is failed after this long
 * @param orphanSweep             how often to look for such imports
 * @param maxConcurrentPerAccount imports in progress per account before 429
 * @param swapLockTimeout         how long replacing a table (overwrite, sync) waits for its readers
 * @param progressInterval        a running import writes its progress at most this often
 * @param profileSample           features a GeoJSON file is typed from before its load starts;
 *                                a later value that needs another column type makes the load
 *                                profile the rest and start over; 0 reads the whole file first
 * @param connectorMaxColumns     a connector's table or query (databases, ArcGIS) with more
 *                                columns than this fails with error 2004
 * @param maxOsmNodes             an OSM XML file with more nodes than this fails with error 1007
 * @param spoolMaxAge             an upload's spool file in {@code <work-dir>/incoming} untouched
 *                                this long belongs to no request any more (its replica died
 *                                mid-upload) and is removed by the orphan sweep
 * @param takeoverWait            how long an attempt that took over the import of a replica taken
 *                                for dead waits for that replica's attempt, if it lives on, to
 *                                let go of its transaction (it gives up at its next write)
 */
@ConfigurationProperties("geoingest.imports")
public record ImportProperties(@DefaultValue("5000") int batchSize,
                               Path workDir,
                               @DefaultValue("250") int maxColumns,
                               @DefaultValue("2") int maxAttempts,
                               @DefaultValue("300") int orphanSeconds,
                               @DefaultValue("60s") Duration orphanSweep,
                               @DefaultValue("10") int maxConcurrentPerAccount,
                               @DefaultValue("10s") Duration swapLockTimeout,
                               @DefaultValue("500ms") Duration progressInterval,
                               @DefaultValue("10000") int profileSample,
                               @DefaultValue("256") int connectorMaxColumns,
                               @DefaultValue("10000000") long maxOsmNodes,
                               @DefaultValue("1h") Duration spoolMaxAge,
                               @DefaultValue("10m") Duration takeoverWait) {
    public ImportProperties {
        // Absolute, so that the container's transferTo(File) does not resolve it against its own directory.
        workDir = (workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "geoingest-" + System.getProperty("user.name")))
                .toAbsolutePath().normalize();
    }
}
