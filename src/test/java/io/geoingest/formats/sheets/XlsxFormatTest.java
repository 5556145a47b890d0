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
import io.geoingest.testing.NeedsCorpus;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxFormatTest {
    @TempDir
    Path dir;

    @NeedsCorpus
    @Test
    void ngosFromTheCorpus() throws IOException {
        Path copy = Files.copy(TestDatabases.corpus("ngos.xlsx"), dir.resolve("ngos.xlsx"));
        Table t = read(copy);

        assertThat(t.rows()).hasSize(76);
        assertThat(t.names()).doesNotContain("").allMatch(n -> !n.isBlank());
        assertThat(t.columns()).hasSize(32).contains(new Column("Organization", ColumnType.TEXT),
                new Column("Private Funding", ColumnType.DOUBLE), new Column("USG Funding", ColumnType.INTEGER),
                new Column("National Staff", ColumnType.INTEGER), new Column("Zip Code", ColumnType.TEXT));
        assertThat(t.value(0, "Organization")).isEqualTo("Academy for Educational Development");
        assertThat(t.value(0, "Website")).isEqualTo("http://www.aed.org");
    }

    @Test
    void typedCellsOfTheFirstSheetOnly() throws IOException {
        Path file = dir.resolve("typed.xlsx");
        try (OutputStream os = Files.newOutputStream(file); Workbook wb = new Workbook(os, "test", "1.0")) {
            Worksheet ws = wb.newWorksheet("first");
            String[] header = {"name", "count", "ratio", "day", "stamp", "ok", "note"};
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            ws.value(1, 0, "Zürich ✓ \"quoted\", comma");
            ws.value(1, 1, 12);
            ws.value(1, 2, 1.5);
            ws.value(1, 3, LocalDate.of(2024, 1, 15));
            ws.style(1, 3).format("yyyy-mm-dd").set();
            ws.value(1, 4, LocalDateTime.of(2024, 1, 15, 10, 30, 5));
            ws.style(1, 4).format("yyyy-mm-dd hh:mm:ss").set();
            ws.value(1, 5, true);
            ws.value(2, 0, "東京");
            ws.value(2, 1, 7);
            ws.value(2, 2, -0.25);
            ws.value(2, 5, false);
            ws.value(2, 6, "line1\nline2");
            ws.value(5, 0, "after blank rows");
            ws.value(5, 1, 1_000_000);
            Worksheet other = wb.newWorksheet("second");
            other.value(0, 0, "ignored");
        }
        Table t = read(file);

        assertThat(t.names()).containsExactly("name", "count", "ratio", "day", "stamp", "ok", "note");
        assertThat(t.columns()).contains(new Column("count", ColumnType.INTEGER), new Column("ratio", ColumnType.DOUBLE),
                new Column("day", ColumnType.DATE), new Column("stamp", ColumnType.TIMESTAMP),
                new Column("ok", ColumnType.BOOLEAN), new Column("name", ColumnType.TEXT));
        assertThat(t.rows()).hasSize(3);
        assertThat(t.value(0, "name")).isEqualTo("Zürich ✓ \"quoted\", comma");
        assertThat(t.value(0, "day")).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(t.value(0, "stamp")).isEqualTo(LocalDateTime.of(2024, 1, 15, 10, 30, 5));
        assertThat(t.value(0, "ok")).isEqualTo(true);
        assertThat(t.value(1, "name")).isEqualTo("東京");
        assertThat(t.value(1, "ratio")).isEqualTo(-0.25);
        assertThat(t.value(1, "note")).isEqualTo("line1\nline2");
        assertThat(t.value(2, "count")).isEqualTo(1_000_000);
        assertThat(t.value(2, "ok")).isNull();
    }

    /** Hand-written parts: cached formula values, shared strings, a value under no header. */
    @Test
    void formulasGiveTheirCachedValues() {
        Path file = write(dir, "formulas.xlsx", xlsx("""
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>
                <row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2*2</f><v>2</v></c></row>
                <row r="3"><c r="A3"><v>0.1</v></c><c r="B3"><f>A3+0.2</f><v>0.30000000000000004</v></c>\
                <c r="D3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c></row>
                """, ""));
        Table t = read(file);

        assertThat(t.rows()).hasSize(2);
        assertThat(t.names()).hasSize(4).startsWith("a", "b");
        assertThat(t.value(0, "b")).isEqualTo(2.0);
        assertThat(t.value(1, "b")).isEqualTo(0.3);
        assertThat(t.rows().get(1)[3]).isEqualTo("xy");
    }

    @Test
    void xxeInTheSheetIsRefused() {
        Path file = write(dir, "xxe.xlsx", xlsx("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>v</t></is></c></row>
                """, "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>"));
        assertFails(file, ErrorCode.MALFORMED_XLS);
    }

    @Test
    void badTwins() {
        assertFails(write(dir, "csv.xlsx", "a,b\n1,2\n".getBytes()), ErrorCode.MALFORMED_XLS);
        assertFails(write(dir, "junk.xlsx", zip(Map.of("hello.txt", "hi"))), ErrorCode.MALFORMED_XLS);
        byte[] good = xlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", "");
        assertFails(write(dir, "truncated.xlsx", Arrays.copyOf(good, good.length / 2)), ErrorCode.MALFORMED_XLS);
        assertFails(write(dir, "empty.xlsx", xlsx("", "")), ErrorCode.EMPTY_FILE);
        assertFails(write(dir, "zero.xlsx", new byte[0]), ErrorCode.EMPTY_FILE);
    }

    @Test
    void aHugeSheetStopsAtTheCsvLimit() {
        StringBuilder rows = new StringBuilder();
        for (int r = 1; r <= 2000; r++) {
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><v>").append(r)
                    .append("</v></c></row>");
        }
        Path file = write(dir, "big.xlsx", xlsx(rows.toString(), ""));
        assertFails(Sheets.format(1000, 1_048_576), file, ErrorCode.DATASET_TOO_BIG);
    }

    static byte[] xlsx(String sheetRows, String doctype) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
                </Types>""");
        parts.put("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>""");
        parts.put("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="s1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        parts.put("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
                </Relationships>""");
        parts.put("xl/sharedStrings.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>a</t></si></sst>""");
        parts.put("xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                <cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>""");
        parts.put("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + sheetRows + "</sheetData></worksheet>");
        return zip(parts);
    }
}
