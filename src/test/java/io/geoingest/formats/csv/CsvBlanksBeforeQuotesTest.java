package io.geoingest.formats.csv;

import static io.geoingest.formats.csv.CsvFiles.assertFails;
import static io.geoingest.formats.csv.CsvFiles.read;
import static io.geoingest.formats.csv.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.formats.csv.CsvFiles.Table;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportOptions.CollisionStrategy;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import io.geoingest.sink.naming.ColumnNames;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

/**
 * A blank after each delimiter, as CARTO's documentation writes its CSV examples: blanks before
 * an opening quote are not part of the field, whatever the delimiter; unquoted values keep theirs.
 */
class CsvBlanksBeforeQuotesTest {
    /** CARTO's "CSV with quotes" example, verbatim. */
    static final String QUOTED_EXAMPLE = "name, description, score\n"
            + "\"John Doe\", \"Awesome, the best player ever\", 100\n";
    /** CARTO's "CSV with escaped quotes" example, verbatim. */
    static final String ESCAPED_EXAMPLE = "name, geojson\n"
            + "\"Null Island\", \"{\"\"type\"\": \"\"Point\"\", \"\"coordinates\"\": [0,0]}\"\n";

    @TempDir
    Path dir;

    private static String wkt(Object geometry) {
        return geometry == null ? null : ((Geometry) geometry).toText();
    }

    @Test
    void quotedExampleImports() {
        Table t = read(write(dir, "quoted.csv", QUOTED_EXAMPLE));
        // Unquoted header names keep their blank here; the table's names drop it, as for any name.
        assertThat(t.names()).containsExactly("name", " description", " score");
        assertThat(ColumnNames.normalize(t.names())).containsExactly("name", "description", "score");
        assertThat(t.columns()).extracting(Column::type)
                .containsExactly(ColumnType.TEXT, ColumnType.TEXT, ColumnType.INTEGER);
        assertThat(t.rows()).hasSize(1);
        assertThat(t.rows().get(0)).containsExactly("John Doe", "Awesome, the best player ever", 100);
    }

    @Test
    void quotedExampleWithoutTypeGuessingKeepsTheUnquotedBlank() {
        ImportOptions untyped = new ImportOptions(false, true, false, CollisionStrategy.RENAME);
        Table t = read(write(dir, "quoted_text.csv", QUOTED_EXAMPLE), untyped);
        assertThat(t.rows().get(0)).containsExactly("John Doe", "Awesome, the best player ever", " 100");
    }

    @Test
    void escapedQuotesExampleGivesTheTableOfItsUnspacedTwin() {
        Table spaced = read(write(dir, "escaped.csv", ESCAPED_EXAMPLE));
        Table plain = read(write(dir, "escaped_plain.csv",
                "name,geojson\n\"Null Island\",\"{\"\"type\"\": \"\"Point\"\", \"\"coordinates\"\": [0,0]}\"\n"));
        assertThat(plain.columns()).containsExactly(new Column("name", ColumnType.TEXT),
                new Column("the_geom", ColumnType.GEOMETRY));
        assertThat(spaced.columns()).isEqualTo(plain.columns());
        assertThat(spaced.value(0, "name")).isEqualTo("Null Island");
        assertThat(wkt(spaced.value(0, "the_geom"))).isEqualTo("POINT (0 0)").isEqualTo(wkt(plain.value(0, "the_geom")));
        assertThat(((Geometry) spaced.value(0, "the_geom")).getSRID()).isEqualTo(4326);
        assertThat(spaced.source().warnings().isEmpty()).isTrue();
    }

    @Test
    void everyDetectedDelimiterSkipsTheBlanks() {
        // Each value holds the other candidates: only the quotes keep them apart.
        Table semicolon = read(write(dir, "semicolon.csv", "a; b; c\n\"x; y\"; \"1, 2|3\";  \"z\"\n\"p\"; \"q\"; r\n"));
        assertThat(semicolon.columns()).hasSize(3);
        assertThat(semicolon.rows().get(0)).containsExactly("x; y", "1, 2|3", "z");
        assertThat(semicolon.rows().get(1)).containsExactly("p", "q", " r");

        Table pipe = read(write(dir, "pipe.csv", "a| b\n \"x| y\"| \"1; 2, 3\"\n"));
        assertThat(pipe.rows().get(0)).containsExactly("x| y", "1; 2, 3");

        Table tab = read(write(dir, "tab.csv", "a\t b\t c\n\"x\ty\"\t  \"1, 2\"\t \"z\"\n"));
        assertThat(ColumnNames.normalize(tab.names())).containsExactly("a", "b", "c");
        assertThat(tab.rows().get(0)).containsExactly("x\ty", "1, 2", "z");
    }

    @Test
    void blanksFirstSeenLateInTheFileAreDroppedInBothPasses() {
        StringBuilder text = new StringBuilder("id, note\n");
        for (int i = 1; i <= 20_000; i++) {
            text.append(i).append(",\"plain, quoted\"\n");
        }
        text.append("20001, \"late, spaced\"\n");
        Table t = read(write(dir, "late.csv", text.toString()));
        assertThat(t.rows()).hasSize(20_001);
        assertThat(t.rows().get(0)).containsExactly(1, "plain, quoted");
        assertThat(t.rows().get(20_000)).containsExactly(20_001, "late, spaced");
    }

    @Test
    void tabDelimiterWithSpacesBeforeQuotes() {
        Table t = read(write(dir, "spaced.tsv", "id\tname\tnote\n1\t  \"Doe, John\"\t \"said \"\"hi\"\"\"\n2\t\"x\"\t\n"));
        assertThat(t.names()).containsExactly("id", "name", "note");
        assertThat(t.rows().get(0)).containsExactly(1, "Doe, John", "said \"hi\"");
        assertThat(t.rows().get(1)).containsExactly(2, "x", null);
    }

    @Test
    void crlfLineEnds() {
        Table t = read(write(dir, "crlf.csv", "a, b\r\n \"x, y\", \"1\"\r\n\t\"z\", 2\r\n"));
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0)).containsExactly("x, y", 1);
        assertThat(t.rows().get(1)).containsExactly("z", 2);
    }

    @Test
    void quotedContentKeepsItsBlanks() {
        Table t = read(write(dir, "inner.csv", "a, b\n\"  x \", \" , y \"\n"));
        assertThat(t.rows().get(0)).containsExactly("  x ", " , y ");
    }

    @Test
    void quoteInsideAnUnquotedValueStaysLiteral() {
        Table t = read(write(dir, "literal.csv", "size, item\n 5\" screen, a \"b\" c\n"));
        assertThat(t.rows().get(0)).containsExactly(" 5\" screen", " a \"b\" c");
    }

    @Test
    void blankThenQuoteNeverClosedFails() {
        Path file = write(dir, "open_quote.csv", "a, b\n1, 2\n3, \"never closed\n4, 5\n");
        assertFails(file, ErrorCode.MALFORMED_CSV).hasMessageContaining("line 3").hasMessageContaining("never closed");
    }

    @Test
    void linesAfterASpacedMultiLineValueAreCountedRight() {
        Path file = write(dir, "lines.csv", "a, b\n1, \"x\ny\"\n2, 3, 4\n");
        assertFails(file, ErrorCode.MALFORMED_CSV).hasMessageContaining("line 4").hasMessageContaining("3 values");
    }

    @Test
    void blanksBeforeAQuotedValueCountTowardsTheLimitOnlyWhenTheyCannotBeHeld() throws IOException {
        Path file = dir.resolve("blanks.csv");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("id,text\n1,");
            w.write(" ".repeat(CsvParsing.MAX_FIELD_CHARS));
            w.write("\"x\"\n");
        }
        assertFails(file, ErrorCode.MALFORMED_CSV).hasMessageContaining("line 2").hasMessageContaining("longer than");

        Table t = read(write(dir, "many_blanks.csv", "id,text\n1," + " ".repeat(1 << 20) + "\"x, y\"\n"));
        assertThat(t.rows().get(0)).containsExactly(1, "x, y");
    }
}
