package io.geoingest.formats.csv;

import static io.geoingest.formats.csv.CsvFiles.assertFails;
import static io.geoingest.formats.csv.CsvFiles.read;
import static io.geoingest.formats.csv.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.kernel.DataFile;
import io.geoingest.formats.csv.CsvFiles.Table;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that must fail with the right error code, and odd files that must still import. */
class CsvBadInputTest {
    @TempDir
    Path dir;

    @Test
    void unterminatedQuoteFails() {
        Path file = write(dir, "open_quote.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
        assertFails(file, ErrorCode.MALFORMED_CSV).hasMessageContaining("line 3").hasMessageContaining("never closed");
    }

    @Test
    void truncatedInsideAQuotedValueFails() throws IOException {
        String whole = "id,note,lng,lat\n1,\"two\nlines\",2.35,48.85\n2,\"one line\",2.36,48.86\n";
        int cut = whole.indexOf("\"two") + 6;
        Path file = write(dir, "truncated.csv", whole.substring(0, cut));
        assertFails(file, ErrorCode.MALFORMED_CSV).hasMessageContaining("line 2");
    }

    @Test
    void truncatedInsideAnUnquotedRowPadsTheRow() {
        Table t = read(write(dir, "truncated_row.csv", "a,b,c\n1,2,3\n4,5"));
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(1)).containsExactly(4, 5, null);
    }

    @Test
    void binaryGarbageFails() {
        byte[] garbage = new byte[20_000];
        new Random(7).nextBytes(garbage);
        assertFails(write(dir, "garbage.csv", garbage), ErrorCode.MALFORMED_CSV).hasMessageContaining("NUL");
    }

    @Test
    void compressedFileIsNotText() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write("id,name,lat,lon\n1,ok,40.4,-3.7\n".getBytes(StandardCharsets.UTF_8));
        }
        Path gz = write(dir, "data.csv", bytes.toByteArray());
        assertFails(gz, ErrorCode.MALFORMED_CSV);
    }

    @Test
    void nulCharacterFailsWithItsLine() {
        Path file = write(dir, "nul.csv", "a,b\n1,2\n3,x\u0000y\n");
        assertFails(file, ErrorCode.MALFORMED_CSV).hasMessageContaining("line 3").hasMessageContaining("NUL");
    }

    @Test
    void emptyFileFails() {
        assertFails(write(dir, "empty.csv", ""), ErrorCode.EMPTY_FILE);
        assertFails(write(dir, "bom_only.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), ErrorCode.EMPTY_FILE);
    }

    @Test
    void whitespaceOnlyFileFails() {
        assertFails(write(dir, "blank.csv", "  \n\t\r\n   \n\n"), ErrorCode.EMPTY_FILE);
    }

    @Test
    void headerOnlyGivesColumnsAndNoRows() {
        Table t = read(write(dir, "header.csv", "id,name,lon,lat\n"));
        assertThat(t.columns()).containsExactly(new Column("id", ColumnType.TEXT), new Column("name", ColumnType.TEXT),
                new Column("lon", ColumnType.TEXT), new Column("lat", ColumnType.TEXT));
        assertThat(t.rows()).isEmpty();
    }

    @Test
    void leadingBlankLinesAreNotTheHeader() {
        Table t = read(write(dir, "blank_first.csv", "\n  \n,\na,b\n1,2\n\n3,4\n"));
        assertThat(t.names()).containsExactly("a", "b");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(1)).containsExactly(3, 4);
    }

    @Test
    void tooManyColumnsFailsAfterTheHeaderOnly() {
        String header = IntStream.range(0, 300).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        // What follows the header is broken: the column count must fail first.
        Path file = write(dir, "wide.csv", header + "\n1,\"unterminated\n");
        assertFails(file, ErrorCode.TOO_MANY_COLUMNS).hasMessage("too many columns: 300, the maximum is 256");

        String maximum = IntStream.range(0, 256).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        assertThat(read(write(dir, "widest.csv", maximum + "\n")).columns()).hasSize(256);
    }

    @Test
    void moreValuesThanTheHeaderFails() {
        Path file = write(dir, "extra.csv", "a,b\n1,2\n3,4,5\n");
        assertFails(file, ErrorCode.MALFORMED_CSV).hasMessageContaining("line 3").hasMessageContaining("3 values");
    }

    @Test
    void extraEmptyTrailingValuesAreFine() {
        Table t = read(write(dir, "trailing.csv", "a,b\n1,2,,\n3,4, \n"));
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0)).containsExactly(1, 2);
    }

    @Test
    void shortRowsArePadded() {
        Table t = read(write(dir, "short.csv", "a,b,c\n1\n2,x\n"));
        assertThat(t.rows().get(0)).containsExactly(1, null, null);
        assertThat(t.rows().get(1)).containsExactly(2, "x", null);
    }

    @Test
    void hugeValueOverTheLimitFails() throws IOException {
        Path file = dir.resolve("huge.csv");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("id,text\n1,\"");
            char[] chunk = new char[1 << 16];
            Arrays.fill(chunk, 'x');
            for (long n = 0; n <= CsvParsing.MAX_FIELD_CHARS; n += chunk.length) {
                w.write(chunk);
            }
            w.write("\"\n");
        }
        assertFails(file, ErrorCode.MALFORMED_CSV).hasMessageContaining("line 2").hasMessageContaining("longer than");
    }

    @Test
    void megabyteValueIsFine() {
        String value = "y".repeat(1 << 20);
        Table t = read(write(dir, "mega.csv", "id,text\n1,\"" + value + "\"\n2,\n"));
        assertThat(t.rows().get(0)[1]).isEqualTo(value);
    }

    @Test
    void hostileHeaderNamesStayRaw() {
        Path file = write(dir, "hostile.csv",
                "\"x\"\"; DROP TABLE t; --\",\"a;b\",\"'quoted'\",\"line\nbreak\",\" spaced \",\n1,2,3,4,5,6\n");
        Table t = read(file);
        assertThat(t.names()).containsExactly("x\"; DROP TABLE t; --", "a;b", "'quoted'", "line\nbreak", " spaced ", "");
        assertThat(t.rows().get(0)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void charactersAfterAClosingQuoteAreKept() {
        Table t = read(write(dir, "after_quote.csv", "a,b\n\"5\"\" screen\",x\n\"ab\"c,y\n"));
        assertThat(t.column("a")).containsExactly("5\" screen", "abc");
    }

    @Test
    void missingFileIsAFileError() {
        assertFails(dir.resolve("missing.csv"), ErrorCode.FILE_IO);
    }

    @Test
    void rowsCanBeReadOnceAndNotAfterClose() {
        Path file = write(dir, "once.csv", "a\n1\n2\n");
        TableSource source = CsvFiles.format().open(new DataFile(file, "once.csv"), CsvFiles.DEFAULTS);
        assertThat(source.name()).isEqualTo("once");
        Iterator<RowBatch> batches = source.batches();
        assertThatThrownBy(source::batches).isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
        source.close();
        assertThatThrownBy(batches::hasNext).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(source::batches).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        source.close();
    }
}
