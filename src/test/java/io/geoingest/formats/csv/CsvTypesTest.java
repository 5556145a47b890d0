package io.geoingest.formats.csv;

import static io.geoingest.formats.csv.CsvFiles.read;
import static io.geoingest.formats.csv.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.formats.csv.CsvFiles.Table;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportOptions.CollisionStrategy;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column types inferred from the whole file, and the values converted to them. */
class CsvTypesTest {
    @TempDir
    Path dir;

    @Test
    void infersEachType() {
        Table t = read(write(dir, "types.csv", """
                int,big,dbl,bool,day,local,zoned,text,empty
                1,2147483648,1.5,true,2024-01-31,2024-01-31 10:00:00,2024-01-31T10:00:00Z,abc,
                -7,-3,2e3,FALSE,2024-02-29,2024-01-31T10:00:00.123,2024-01-31 10:00:00+02,12,
                ,,,,,,,,
                """));
        assertThat(t.columns()).containsExactly(new Column("int", ColumnType.INTEGER),
                new Column("big", ColumnType.BIGINT), new Column("dbl", ColumnType.DOUBLE),
                new Column("bool", ColumnType.BOOLEAN), new Column("day", ColumnType.DATE),
                new Column("local", ColumnType.TIMESTAMP), new Column("zoned", ColumnType.TIMESTAMPTZ),
                new Column("text", ColumnType.TEXT), new Column("empty", ColumnType.TEXT));
        assertThat(t.rows().get(0)).containsExactly(1, 2147483648L, 1.5, true, LocalDate.of(2024, 1, 31),
                LocalDateTime.of(2024, 1, 31, 10, 0), OffsetDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneOffset.UTC),
                "abc", null);
        assertThat(t.rows().get(1)).containsExactly(-7, -3L, 2000.0, false, LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 1, 31, 10, 0, 0, 123_000_000),
                OffsetDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneOffset.ofHours(2)), "12", null);
        assertThat(t.rows().get(2)).containsOnlyNulls();
    }

    @Test
    void contradictingValuesWiden() {
        Table t = read(write(dir, "widen.csv", """
                a,b,c,d,e,f
                1,1,2024-01-01,1,true,2024-01-01
                2,99999999999999999999,2024-01-01 12:30,x,1,2024-01-01T00:00Z
                """));
        assertThat(t.columns()).extracting(Column::type).containsExactly(ColumnType.INTEGER, ColumnType.DOUBLE,
                ColumnType.TIMESTAMP, ColumnType.TEXT, ColumnType.TEXT, ColumnType.TEXT);
        assertThat(t.column("b")).containsExactly(1.0, 1e20);
        assertThat(t.column("c")).containsExactly(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 1, 1, 12, 30));
        assertThat(t.column("d")).containsExactly("1", "x");
        assertThat(t.column("e")).containsExactly("true", "1");
    }

    @Test
    void zeroOneAndYesNoAreNotBooleans() {
        Table t = read(write(dir, "flags.csv", "bit,yn,tf\n0,yes,t\n1,no,f\n"));
        assertThat(t.columns()).extracting(Column::type)
                .containsExactly(ColumnType.INTEGER, ColumnType.TEXT, ColumnType.TEXT);
    }

    @Test
    void leadingZerosMakeCodes() {
        Table t = read(write(dir, "zip.csv", "zip,n,frac\n02134,0,0.5\n10001,10,0.25\n"));
        assertThat(t.columns()).extracting(Column::type)
                .containsExactly(ColumnType.TEXT, ColumnType.INTEGER, ColumnType.DOUBLE);
        assertThat(t.column("zip")).containsExactly("02134", "10001");
    }

    @Test
    void spacesAroundTypedValuesAreIgnoredAndTextIsExact() {
        Table t = read(write(dir, "spaces.csv", "n,s\n 12 ,  padded  \n   ,x\n"));
        assertThat(t.columns()).extracting(Column::type).containsExactly(ColumnType.INTEGER, ColumnType.TEXT);
        assertThat(t.column("n")).containsExactly(12, null);
        assertThat(t.column("s")).containsExactly("  padded  ", "x");
    }

    @Test
    void quotedValuesStayTextWhenQuotedFieldsAreNotGuessed() {
        Path file = write(dir, "quoted.csv", "q,u,mixed\n\"1\",1,1\n\"2\",2,\"2\"\n");
        ImportOptions noQuoted = new ImportOptions(true, false, false, CollisionStrategy.RENAME);
        assertThat(read(file, noQuoted).columns()).extracting(Column::type)
                .containsExactly(ColumnType.TEXT, ColumnType.INTEGER, ColumnType.TEXT);
        assertThat(read(file).columns()).extracting(Column::type)
                .containsExactly(ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER);
    }

    @Test
    void everythingIsTextWithoutTypeGuessing() {
        Path file = write(dir, "untyped.csv", "id,flag,lon,lat\n1,true,2.5,41.5\n");
        ImportOptions untyped = new ImportOptions(false, true, false, CollisionStrategy.RENAME);
        Table t = read(file, untyped);
        assertThat(t.columns()).containsExactly(new Column("id", ColumnType.TEXT), new Column("flag", ColumnType.TEXT),
                new Column("lon", ColumnType.TEXT), new Column("lat", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(t.rows().get(0)).startsWith("1", "true", "2.5", "41.5");
        assertThat(t.rows().get(0)[4].toString()).isEqualTo("POINT (2.5 41.5)");
    }

    @Test
    void textAtRow100000TurnsAnIntegerColumnIntoText() throws IOException {
        Path file = dir.resolve("late.csv");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("id,n\n");
            for (int i = 1; i < 100_000; i++) {
                w.write(i + "," + i + "\n");
            }
            w.write("100000,not a number\n");
        }
        Table t = read(file);
        assertThat(t.columns()).containsExactly(new Column("id", ColumnType.INTEGER), new Column("n", ColumnType.TEXT));
        assertThat(t.rows()).hasSize(100_000);
        assertThat(t.rows().get(0)[1]).isEqualTo("1");
        assertThat(t.rows().get(99_999)[1]).isEqualTo("not a number");
    }
}
