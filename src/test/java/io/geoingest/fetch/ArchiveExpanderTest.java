package io.geoingest.fetch;

import static io.geoingest.fetch.Archives.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.testing.NeedsCorpus;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class ArchiveExpanderTest {
    private final ArchiveExpander expander = new ArchiveExpander(new DownloadProperties(Duration.ofSeconds(5),
            Duration.ofSeconds(30), 5, DataSize.ofGigabytes(1), DataSize.ofMegabytes(1)));

    @TempDir
    Path tmp;

    @Test
    void aFileThatIsNoArchiveIsReturnedAsItIs() throws IOException {
        Path csv = Files.writeString(tmp.resolve("a.csv"), "x,y\n1,2\n");
        DataFile file = new DataFile(csv, "a.csv");
        assertThat(expander.expand(file, tmp.resolve("out"))).containsExactly(file);
        DataFile xlsx = new DataFile(Files.write(tmp.resolve("b.xlsx"), text("PK\u0003\u0004 zip-based")), "b.xlsx");
        assertThat(expander.expand(xlsx, tmp.resolve("out"))).containsExactly(xlsx);
    }

    @NeedsCorpus
    @Test
    void corpusZipWithTwoCsvs() throws IOException {
        List<DataFile> files = expandCorpus("multiple_csvs.zip");
        assertThat(files).extracting(DataFile::originalName).containsExactly("csv_1.csv", "csv_2.csv");
        assertThat(files).extracting(f -> Files.size(f.path())).containsExactly(103L, 156L);
        assertThat(files).allSatisfy(f -> assertThat(f.path().getParent()).isEqualTo(out()));
    }

    @NeedsCorpus
    @Test
    void corpusGzippedCsv() throws IOException {
        List<DataFile> files = expandCorpus("ok_data.csv.gz");
        assertThat(files).extracting(DataFile::originalName).containsExactly("ok_data.csv");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TestDatabases.corpus("ok_data.csv.gz")))) {
            assertThat(Files.readAllBytes(files.get(0).path())).isEqualTo(in.readAllBytes());
        }
    }

    @NeedsCorpus
    @Test
    void corpusShapefileWithoutMacosJunk() throws IOException {
        List<DataFile> files = expandCorpus("TM_WORLD_BORDERS_SIMPL-0.3.zip");
        assertThat(files).extracting(DataFile::originalName).containsExactly("TM_WORLD_BORDERS_SIMPL-0.3.dbf",
                "TM_WORLD_BORDERS_SIMPL-0.3.prj", "TM_WORLD_BORDERS_SIMPL-0.3.shp", "TM_WORLD_BORDERS_SIMPL-0.3.shx");
        assertThat(files.get(2).path().getFileName().toString()).isEqualTo("TM_WORLD_BORDERS_SIMPL-0.3.shp");
        assertThat(Files.size(files.get(2).path())).isEqualTo(448188L);
        assertThat(listing(out())).hasSize(4);
    }

    @Test
    void zipSlipCannotWriteOutsideTheDirectory() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String name : List.of("../../evil.csv", "/etc/abs.csv", "..\\..\\win.csv", "C:\\temp\\drive.csv",
                "a/../../../up.csv", "./dot/./x.csv", "ctl\u0001name.csv")) {
            entries.put(name, text("a,b\n1,2\n"));
        }
        List<DataFile> files = expand(Archives.zip(tmp.resolve("slip.zip"), entries));
        assertThat(files).extracting(DataFile::originalName)
                .containsExactlyInAnyOrder("evil.csv", "abs.csv", "win.csv", "drive.csv", "up.csv", "x.csv",
                        "ctlname.csv");
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(Files::isRegularFile))
                    .allMatch(p -> p.getParent().equals(out()) || p.getFileName().toString().equals("slip.zip"));
        }
    }

    @Test
    void tarSkipsLinksAndDirectories() throws IOException {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("data/", new byte[0]);
        entries.put("data/points.csv", text("x,y\n1,2\n"));
        entries.put("data/passwd.csv", new Archives.Link(true, "/etc/passwd"));
        entries.put("data/hard.csv", new Archives.Link(false, "data/points.csv"));
        List<DataFile> files = expand(Archives.tar(tmp.resolve("a.tar"), entries));
        assertThat(files).extracting(DataFile::originalName).containsExactly("points.csv");
        assertThat(listing(out())).containsExactly("points.csv");
    }

    @Test
    void gzippedTarsByEitherName() throws IOException {
        for (String name : List.of("a.tar.gz", "b.tgz")) {
            Path archive = Archives.tar(tmp.resolve(name), Map.of("dir/one.csv", text("1"), "two.geojson", text("{}")));
            assertThat(expander.expand(new DataFile(archive, name), tmp.resolve(name + ".out")))
                    .extracting(DataFile::originalName).containsExactly("two.geojson", "one.csv");
        }
    }

    @Test
    void nestedArchivesAreExpandedToo() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("inner/data.csv.gz", Archives.gzip(text("a,b\n1,2\n")));
        entries.put("more.zip", Files.readAllBytes(twoCsvs()));
        List<DataFile> files = expand(Archives.zip(tmp.resolve("nested.zip"), entries));
        assertThat(files).extracting(DataFile::originalName).containsExactly("csv_1.csv", "csv_2.csv", "data.csv");
        assertThat(Files.readString(files.get(2).path())).isEqualTo("a,b\n1,2\n");
        assertThat(listing(out())).containsExactlyInAnyOrder("csv_1.csv", "csv_2.csv", "data.csv");
    }

    @Test
    void aGzipWithoutTarInItsNameIsRecognisedByContent() throws IOException {
        Path tar = Archives.tar(tmp.resolve("shapes.tar"), Map.of("s.shp", text("shp"), "s.dbf", text("dbf")));
        Path gz = Files.write(tmp.resolve("shapes.gz"), Archives.gzip(Files.readAllBytes(tar)));
        assertThat(expander.expand(new DataFile(gz, "shapes.gz"), out()))
                .extracting(DataFile::originalName).containsExactly("s.dbf", "s.shp");
        assertThat(listing(out())).containsExactlyInAnyOrder("s.dbf", "s.shp");
    }

    @Test
    void keepsTheFirstTenDatasetsByNameWhateverTheOrder() throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            names.add(String.format("f%02d.csv", i));
        }
        Collections.shuffle(names, new Random(1));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        names.forEach(n -> entries.put(n, text(n)));
        List<String> firstTen = names.stream().sorted().limit(10).toList();

        assertThat(expand(Archives.zip(tmp.resolve("many.zip"), entries)))
                .extracting(DataFile::originalName).containsExactlyElementsOf(firstTen);
        assertThat(listing(out())).hasSize(10);

        List<DataFile> fromTar = expander.expand(
                new DataFile(Archives.tar(tmp.resolve("many.tar"), entries), "many.tar"), tmp.resolve("tar"));
        assertThat(fromTar).extracting(DataFile::originalName).containsExactlyElementsOf(firstTen);
        assertThat(listing(tmp.resolve("tar"))).as("displaced files are deleted").hasSize(10);
    }

    @Test
    void aShapefileCountsAsOneDataset() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String ext : List.of("shp", "shx", "dbf", "prj")) {
            entries.put("roads." + ext, text(ext));
        }
        for (int i = 0; i < 12; i++) {
            entries.put(String.format("table%02d.csv", i), text("x"));
        }
        List<DataFile> files = expand(Archives.zip(tmp.resolve("mixed.zip"), entries));
        assertThat(files).extracting(DataFile::originalName).startsWith("roads.dbf", "roads.prj", "roads.shp",
                "roads.shx", "table00.csv").endsWith("table08.csv").hasSize(13);
    }

    @Test
    void filesDescribingAShapefileJoinItsDatasetInAZip() throws IOException {
        // Natural Earth: x.VERSION.txt and x.README.html beside each x.shp; twelve shapefiles
        // are still the first ten datasets, not four.
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            String stem = String.format("ne_%02d", i);
            for (String ext : List.of("shp", "shx", "dbf", "prj", "VERSION.txt", "README.html")) {
                entries.put(stem + "." + ext, text(ext));
            }
        }
        // A shapefile whose name extends another's keeps its own dataset.
        entries.put("ne_00.lakes.shp", text("lakes shp"));
        entries.put("ne_00.lakes.dbf", text("lakes dbf"));

        List<DataFile> files = expand(Archives.zip(tmp.resolve("natural_earth.zip"), entries));

        assertThat(files).filteredOn(f -> f.extension().equals("shp")).extracting(DataFile::originalName)
                .containsExactly("ne_00.shp", "ne_00.lakes.shp", "ne_01.shp", "ne_02.shp", "ne_03.shp", "ne_04.shp",
                        "ne_05.shp", "ne_06.shp", "ne_07.shp", "ne_08.shp");
        assertThat(files).extracting(DataFile::originalName).contains("ne_08.VERSION.txt", "ne_08.README.html")
                .doesNotContain("ne_09.shp", "ne_09.VERSION.txt");
        DataFile lakes = files.stream().filter(f -> f.originalName().equals("ne_00.lakes.dbf")).findFirst().orElseThrow();
        assertThat(Files.readString(lakes.path().resolveSibling(
                lakes.path().getFileName().toString().replace(".dbf", ".shp")))).isEqualTo("lakes shp");
    }

    @Test
    void sameNamesInDifferentDirectoriesStayApartAndSiblingsTogether() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("2019/data.csv", text("2019"));
        entries.put("2020/data.csv", text("2020"));
        entries.put("x/s.shp", text("x shp"));
        entries.put("x/s.dbf", text("x dbf"));
        entries.put("y/s.shp", text("y shp"));
        entries.put("y/s.DBF", text("y dbf"));
        List<DataFile> files = expand(Archives.zip(tmp.resolve("dirs.zip"), entries));
        assertThat(listing(out())).containsExactlyInAnyOrder("data.csv", "data_1.csv", "s.shp", "s.dbf", "s_1.shp",
                "s_1.DBF");
        assertThat(Files.readString(out().resolve("data_1.csv"))).isEqualTo("2020");
        assertThat(Files.readString(out().resolve("s_1.DBF"))).isEqualTo("y dbf");
        assertThat(files).extracting(DataFile::originalName)
                .containsExactly("data.csv", "data.csv", "s.dbf", "s.shp", "s.DBF", "s.shp");
    }

    @Test
    void expandsNextToExistingFilesWithoutOverwriting() throws IOException {
        Files.createDirectories(out());
        Files.writeString(out().resolve("csv_1.csv"), "mine");
        List<DataFile> files = expander.expand(new DataFile(twoCsvs(), "two.zip"), out());
        assertThat(Files.readString(out().resolve("csv_1.csv"))).isEqualTo("mine");
        assertThat(files.get(0).path().getFileName().toString()).isEqualTo("csv_1_1.csv");
    }

    @Test
    void truncatedZipIsADecompressionError() throws IOException {
        byte[] zip = Files.readAllBytes(twoCsvs());
        Path truncated = Files.write(tmp.resolve("cut.zip"), Arrays.copyOf(zip, zip.length / 2));
        assertFails(truncated, ErrorCode.DECOMPRESSION);
        Path fake = Files.writeString(tmp.resolve("fake.zip"), "just text");
        assertFails(fake, ErrorCode.DECOMPRESSION);
    }

    @Test
    void corruptGzipIsADecompressionError() throws IOException {
        byte[] gz = Archives.gzip(text("a,b\n".repeat(1000)));
        Path cut = Files.write(tmp.resolve("cut.csv.gz"), Arrays.copyOf(gz, gz.length - 20));
        assertFails(cut, ErrorCode.DECOMPRESSION);
        byte[] tgz = Files.readAllBytes(Archives.tar(tmp.resolve("t.tgz"), Map.of("a.csv", text("x".repeat(5000)))));
        assertFails(Files.write(tmp.resolve("cut.tgz"), Arrays.copyOf(tgz, tgz.length / 2)), ErrorCode.DECOMPRESSION);
    }

    @Test
    void anArchiveOfTooManyEntriesIsRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i <= Expansion.MAX_ENTRIES; i++) {
            entries.put("d/" + i + ".txt", new byte[0]);
        }
        assertFails(Archives.zip(tmp.resolve("many.zip"), entries), ErrorCode.DATASET_TOO_BIG);
        assertFails(Archives.tar(tmp.resolve("many.tgz"), entries), ErrorCode.DATASET_TOO_BIG);
    }

    @Test
    void zipBombStopsAtTheByteBudgetAndLeavesNothing() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a_small.csv", text("a,b\n"));
        entries.put("bomb.csv", new byte[5 * 1024 * 1024]);
        Path zip = Archives.zip(tmp.resolve("bomb.zip"), entries);
        assertThat(Files.size(zip)).isLessThan(64 * 1024);
        assertFails(zip, ErrorCode.DATASET_TOO_BIG);
        Path gz = Files.write(tmp.resolve("bomb.csv.gz"), Archives.gzip(new byte[5 * 1024 * 1024]));
        assertFails(gz, ErrorCode.DATASET_TOO_BIG);
    }

    @Test
    void encryptedEntryIsPasswordProtected() throws IOException {
        Path zip = Archives.zip(tmp.resolve("secret.zip"), Map.of("secret.csv", text("a,b\n1,2\n")));
        Archives.markEncrypted(zip);
        assertFails(zip, ErrorCode.PASSWORD_PROTECTED);
    }

    @Test
    void archivesWithNothingToImportAreEmpty() throws IOException {
        assertFails(Archives.zip(tmp.resolve("empty.zip"), Map.of()), ErrorCode.EMPTY_FILE);
        Map<String, byte[]> junk = new LinkedHashMap<>();
        junk.put("__MACOSX/._a.csv", text("junk"));
        junk.put("._b.csv", text("junk"));
        junk.put(".hidden/c.csv", text("junk"));
        junk.put("folder/", new byte[0]);
        junk.put("empty.csv", new byte[0]);
        assertFails(Archives.zip(tmp.resolve("junk.zip"), junk), ErrorCode.EMPTY_FILE);
    }

    private void assertFails(Path archive, ErrorCode code) throws IOException {
        Path dir = tmp.resolve("failed-" + archive.getFileName());
        String name = archive.getFileName().toString();
        assertThatThrownBy(() -> expander.expand(new DataFile(archive, name), dir))
                .isInstanceOf(ImportException.class)
                .extracting(e -> ((ImportException) e).code()).isEqualTo(code);
        assertThat(listing(dir)).as("nothing left behind").isEmpty();
    }

    /** A zip of two small CSVs, csv_1.csv and csv_2.csv. */
    private Path twoCsvs() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("csv_1.csv", text("id,name,lat,lon\n1,one,40.4,-3.7\n2,two,41.4,2.2\n"));
        entries.put("csv_2.csv", text("code,value\na,1\nb,2\nc,3\nd,4\n"));
        return Archives.zip(tmp.resolve("two.zip"), entries);
    }

    private List<DataFile> expandCorpus(String name) {
        return expander.expand(new DataFile(TestDatabases.corpus(name), name), out());
    }

    private List<DataFile> expand(Path archive) {
        return expander.expand(new DataFile(archive, archive.getFileName().toString()), out());
    }

    private Path out() {
        return tmp.resolve("out");
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
