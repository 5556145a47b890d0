package io.geoingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.kernel.ImportProperties;
import io.geoingest.testing.TestImports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool sweep removes what cut-off uploads left in incoming/, never a live upload's file. */
class WorkDirsTest {
    @TempDir
    Path dir;

    @Test
    void spoolFilesNobodyWroteForAWhileAreRemovedOthersStay() throws Exception {
        var defaults = TestImports.properties(5000, 250);
        WorkDirs workDirs = new WorkDirs(new ImportProperties(defaults.batchSize(), dir, defaults.maxColumns(),
                defaults.maxAttempts(), defaults.orphanSeconds(), defaults.orphanSweep(), defaults.maxConcurrentPerAccount(),
                defaults.swapLockTimeout(), defaults.progressInterval(), defaults.profileSample(),
                defaults.connectorMaxColumns(), defaults.maxOsmNodes(), Duration.ofHours(1), defaults.takeoverWait()));
        assertThat(workDirs.sweepSpool(Duration.ofHours(1))).as("no incoming/ yet").isZero();
        Path spool = workDirs.uploadSpool();
        Path cutOff = Files.writeString(spool.resolve("upload_dead_00000001.tmp"), "name,lat\nA,1");
        Files.setLastModifiedTime(cutOff, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path live = Files.writeString(spool.resolve("upload_live_00000002.tmp"), "name,lat\nB,2");
        Path importDir = Files.createDirectories(dir.resolve("3f0c2a4e-0000-0000-0000-000000000000"));

        assertThat(workDirs.sweepSpool(Duration.ofHours(1))).isEqualTo(1);

        assertThat(cutOff).doesNotExist();
        assertThat(live).exists();
        assertThat(importDir).exists();
    }
}
