package io.geoingest.formats.sheets;

import static io.geoingest.formats.sheets.Sheets.assertFails;
import static io.geoingest.formats.sheets.Sheets.read;
import static io.geoingest.formats.sheets.Sheets.write;
import static io.geoingest.formats.sheets.Sheets.zip;
import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.formats.sheets.Sheets.Table;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OdsFormatTest {
    @TempDir
    Path dir;

    private static final String TYPED = """
            <table:table-row>
              <table:table-cell office:value-type="string"><text:p>name</text:p></table:table-cell>
              <table:table-cell office:value-type="string"><text:p>count</text:p></table:table-cell>
              <table:table-cell office:value-type="string"><text:p>day</text:p></table:table-cell>
              <table:table-cell office:value-type="string"><text:p>stamp</text:p></table:table-cell>
              <table:table-cell office:value-type="string"><text:p>at</text:p></table:table-cell>
              <table:table-cell office:value-type="string"><text:p>ok</text:p></table:table-cell>
              <table:table-cell office:value-type="string"><text:p>sum</text:p></table:table-cell>
              <table:table-cell table:number-columns-repeated="16377"/>
            </table:table-row>
            <table:table-row>
              <table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b, "c"</text:p><text:p>Zürich</text:p></table:table-cell>
              <table:table-cell office:value-type="float" office:value="12"><text:p>12,00</text:p></table:table-cell>
              <table:table-cell office:value-type="date" office:date-value="2024-01-15"><text:p>15/01/24</text:p></table:table-cell>
              <table:table-cell office:value-type="date" office:date-value="2024-01-15T10:30:05"><text:p>x</text:p></table:table-cell>
              <table:table-cell office:value-type="time" office:time-value="PT10H30M00S"><text:p>x</text:p></table:table-cell>
              <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>
              <table:table-cell table:formula="of:=[.B2]*2" office:value-type="float" office:value="24"><text:p>24</text:p></table:table-cell>
              <table:table-cell table:number-columns-repeated="16377"/>
            </table:table-row>
            <table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
            <table:table-row>
              <table:table-cell office:value-type="string"><text:p>東京</text:p></table:table-cell>
              <table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50%</text:p></table:table-cell>
              <table:table-cell table:number-columns-repeated="3"/>
              <table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell>
            </table:table-row>
            <table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
            """;

    @Test
    void typedCellsRepeatsAndTheFirstSheetOnly() {
        Table t = read(write(dir, "typed.ods", ods(TYPED, "")));

        assertThat(t.names()).containsExactly("name", "count", "day", "stamp", "at", "ok", "sum");
        assertThat(t.columns()).contains(new Column("count", ColumnType.DOUBLE), new Column("day", ColumnType.DATE),
                new Column("stamp", ColumnType.TIMESTAMP), new Column("at", ColumnType.TEXT),
                new Column("ok", ColumnType.BOOLEAN), new Column("sum", ColumnType.INTEGER));
        assertThat(t.rows()).hasSize(2);
        assertThat(t.value(0, "name")).isEqualTo("a  b, \"c\"\nZürich");
        assertThat(t.value(0, "count")).isEqualTo(12.0);
        assertThat(t.value(0, "day")).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(t.value(0, "stamp")).isEqualTo(LocalDateTime.of(2024, 1, 15, 10, 30, 5));
        // Times are written HH:mm:ss; the CSV inference keeps such a column as text.
        assertThat(t.value(0, "at")).isEqualTo("10:30:00");
        assertThat(t.value(0, "sum")).isEqualTo(24);
        assertThat(t.value(1, "name")).isEqualTo("東京");
        assertThat(t.value(1, "count")).isEqualTo(0.5);
        assertThat(t.value(1, "ok")).isEqualTo(false);
    }

    @Test
    void aRepeatedRowIsCutAtMaxRows() {
        String bomb = """
                <table:table-row><table:table-cell office:value-type="string"><text:p>v</text:p></table:table-cell></table:table-row>
                <table:table-row table:number-rows-repeated="1048575">
                  <table:table-cell office:value-type="float" office:value="1"/></table:table-row>
                """;
        Table t = read(Sheets.format(1L << 30, 1000), write(dir, "bomb.ods", ods(bomb, "")));
        assertThat(t.rows()).hasSize(999);
        assertFails(Sheets.format(5000, 1_048_576), write(dir, "bomb2.ods", ods(bomb, "")),
                ErrorCode.DATASET_TOO_BIG);
    }

    @Test
    void xxeIsRefused() {
        String rows = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>&xxe;</text:p>"
                + "</table:table-cell></table:table-row>";
        assertFails(write(dir, "xxe.ods",
                ods(rows, "<!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>")),
                ErrorCode.MALFORMED_XLS);
    }

    @Test
    void badTwins() {
        byte[] good = ods(TYPED, "");
        assertFails(write(dir, "truncated.ods", Arrays.copyOf(good, good.length - 200)), ErrorCode.MALFORMED_XLS);
        assertFails(write(dir, "empty.ods", ods(
                "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell/></table:table-row>", "")),
                ErrorCode.EMPTY_FILE);
        assertFails(write(dir, "broken.ods", ods("<table:table-row><table:table-cell>", "")), ErrorCode.MALFORMED_XLS);
    }

    static byte[] ods(String firstTableRows, String doctype) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
        parts.put("content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype + """
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
                    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                <office:body><office:spreadsheet>
                <table:table table:name="first"><table:table-column table:number-columns-repeated="16384"/>
                """ + firstTableRows + """
                </table:table>
                <table:table table:name="second"><table:table-row><table:table-cell office:value-type="string">
                <text:p>ignored</text:p></table:table-cell></table:table-row></table:table>
                </office:spreadsheet></office:body></office:document-content>
                """);
        return zip(parts);
    }
}
