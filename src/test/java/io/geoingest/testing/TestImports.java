package io.geoingest.testing;

import io.geoingest.kernel.ImportProperties;
import java.nio.file.Path;
import java.time.Duration;

/** Import settings for tests that build sources without a Spring context. */
public final class TestImports {
    private TestImports() {
    }

    public static ImportProperties properties(int batchSize, int maxColumns) {
        return properties(batchSize, maxColumns, 10_000);
    }

    /**
     * @param maxColumns    the column limit of files and of connectors alike
     * @param profileSample features a GeoJSON file is typed from before loading; 0: all
     */
    public static ImportProperties properties(int batchSize, int maxColumns, int profileSample) {
        return properties(batchSize, maxColumns, profileSample, 10_000_000);
    }

    public static ImportProperties properties(int batchSize, int maxColumns, int profileSample, long maxOsmNodes) {
        return new ImportProperties(batchSize, Path.of(System.getProperty("java.io.tmpdir"), "geoingest-unit"),
                maxColumns, 2, 300, Duration.ofSeconds(60), 10, Duration.ofSeconds(10),
                Duration.ofMillis(500), profileSample, maxColumns, maxOsmNodes, Duration.ofHours(1), Duration.ofMinutes(10));
    }
}
