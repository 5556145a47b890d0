package io.geoingest.formats.sheets;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * XLSX with fastexcel-reader: the sheet XML is streamed (StAX, DTDs off), only the shared
 * strings table is held in memory. Formulas give their cached values.
 */
final class XlsxRows implements SheetRows {
    /** Cell formats are needed to tell dates from numbers; parse errors fail the import. */
    private static final ReadingOptions OPTIONS = new ReadingOptions(true, false);

    @Override
    public void read(Path workbook, CsvSheetWriter out) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(workbook.toFile(), OPTIONS);
             Stream<Row> rows = wb.getFirstSheet().openStream()) {
            Iterator<Row> it = rows.iterator();
            while (it.hasNext()) {
                Row row = it.next();
                int column = 0;
                for (Cell cell : row) {
                    if (cell == null) {
                        continue;
                    }
                    out.emptyCells(cell.getColumnIndex() - column);
                    out.cell(text(cell, wb.isDate1904()));
                    column = cell.getColumnIndex() + 1;
                }
                out.endRow();
            }
        } catch (ExcelReaderException | UncheckedIOException | IllegalStateException | IllegalArgumentException
                 | IndexOutOfBoundsException e) {
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed XLSX: " + e.getMessage(), e);
        } catch (java.util.zip.ZipException e) {
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed XLSX (broken zip): " + e.getMessage(), e);
        }
    }

    private static String text(Cell cell, boolean date1904) {
        String raw = cell.getRawValue();
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return switch (cell.getType()) {
            case NUMBER -> numberOrDate(cell, raw, date1904);
            case BOOLEAN -> CellText.bool("1".equals(raw) || "true".equalsIgnoreCase(raw));
            case STRING -> cell.getText();
            case FORMULA -> formula(cell, raw, date1904);
            case ERROR, EMPTY -> null;
        };
    }

    /** The cached value; its type is lost in fastexcel, so a number-looking one is a number. */
    private static String formula(Cell cell, String raw, boolean date1904) {
        try {
            new BigDecimal(raw);
            return numberOrDate(cell, raw, date1904);
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    private static String numberOrDate(Cell cell, String raw, boolean date1904) {
        BigDecimal n = new BigDecimal(raw.trim());
        if (DateFormats.isDate(cell.getDataFormatId(), cell.getDataFormatString())) {
            return CellText.excelDate(n.doubleValue(), date1904);
        }
        return CellText.number(n);
    }
}
