package io.geoingest.formats.sheets;

import static io.geoingest.formats.sheets.Sheets.assertFails;
import static io.geoingest.formats.sheets.Sheets.read;
import static io.geoingest.formats.sheets.Sheets.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.formats.sheets.Sheets.Table;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.rows.Column;
import io.geoingest.rows.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsFormatTest {
    @TempDir
    Path dir;

    @Test
    void typedCellsFormulasAndTheFirstSheetOnly() throws IOException {
        Table t = read(write(dir, "typed.xls", workbook()));

        assertThat(t.names()).containsExactly("name", "count", "ratio", "day", "stamp", "ok", "twice");
        assertThat(t.columns()).contains(new Column("count", ColumnType.INTEGER),
                new Column("ratio", ColumnType.DOUBLE), new Column("day", ColumnType.DATE),
                new Column("stamp", ColumnType.TIMESTAMP), new Column("ok", ColumnType.BOOLEAN),
                new Column("twice", ColumnType.INTEGER));
        assertThat(t.rows()).hasSize(2);
        assertThat(t.value(0, "name")).isEqualTo("Zürich, \"ok\"");
        assertThat(t.value(0, "day")).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(t.value(0, "stamp")).isEqualTo(LocalDateTime.of(2024, 1, 15, 10, 30, 5));
        assertThat(t.value(0, "twice")).isEqualTo(24);
        assertThat(t.value(1, "name")).isEqualTo("東京");
        assertThat(t.value(1, "ratio")).isNull();
        assertThat(t.value(1, "ok")).isEqualTo(false);
    }

    @Test
    void badTwins() throws IOException {
        byte[] good = workbook();
        assertFails(write(dir, "truncated.xls", Arrays.copyOf(good, good.length / 2)), ErrorCode.MALFORMED_XLS);
        assertFails(write(dir, "csv.xls", "a;b\n1;2\n".getBytes()), ErrorCode.MALFORMED_XLS);
        try (HSSFWorkbook wb = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("empty");
            wb.write(out);
            assertFails(write(dir, "empty.xls", out.toByteArray()), ErrorCode.EMPTY_FILE);
        }
    }

    @Test
    void anExcel95WorkbookFailsWith1004() throws IOException {
        // Excel 5/95 (BIFF5) keeps its sheets in a "Book" stream where later versions have "Workbook".
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fs.createDocument(new ByteArrayInputStream(new byte[512]), "Book");
            fs.writeFilesystem(out);
            assertFails(write(dir, "excel95.xls", out.toByteArray()), ErrorCode.XLS);
        }
    }

    private static byte[] workbook() throws IOException {
        try (HSSFWorkbook wb = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("first");
            CellStyle day = wb.createCellStyle();
            day.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle stamp = wb.createCellStyle();
            stamp.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            Row h = s.createRow(0);
            String[] names = {"name", "count", "ratio", "day", "stamp", "ok", "twice"};
            for (int c = 0; c < names.length; c++) {
                h.createCell(c).setCellValue(names[c]);
            }
            Row r = s.createRow(1);
            r.createCell(0).setCellValue("Zürich, \"ok\"");
            r.createCell(1).setCellValue(12);
            r.createCell(2).setCellValue(1.5);
            r.createCell(3).setCellValue(LocalDate.of(2024, 1, 15));
            r.getCell(3).setCellStyle(day);
            r.createCell(4).setCellValue(LocalDateTime.of(2024, 1, 15, 10, 30, 5));
            r.getCell(4).setCellStyle(stamp);
            r.createCell(5).setCellValue(true);
            r.createCell(6).setCellFormula("B2*2");
            Row r2 = s.createRow(3); // row 3 left blank
            r2.createCell(0).setCellValue("東京");
            r2.createCell(1).setCellValue(3);
            r2.createCell(5).setCellValue(false);
            r2.createCell(6).setCellFormula("B4*2");
            wb.createSheet("second").createRow(0).createCell(0).setCellValue("ignored");
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll(); // stores the cached values
            wb.write(out);
            return out.toByteArray();
        }
    }
}
