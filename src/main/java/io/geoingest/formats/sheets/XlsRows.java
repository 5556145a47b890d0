package io.geoingest.formats.sheets;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.NotOLE2FileException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * XLS (BIFF8) with POI's HSSF, which loads the whole workbook: bounded, as the format holds
 * at most 65,536 rows by 256 columns a sheet, and the file itself is already size-capped by
 * the upload/download limits. Formulas give their cached values.
 */
final class XlsRows implements SheetRows {

    @Override
    public void read(Path workbook, CsvSheetWriter out) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(workbook.toFile(), true)) {
            if (fs.getRoot().hasEntry("EncryptedPackage")) {
                // An XLSX saved with a password is an OLE2 container holding the encrypted zip.
                throw passwordProtected();
            }
            try (HSSFWorkbook wb = new HSSFWorkbook(fs.getRoot(), false)) {
                if (wb.getNumberOfSheets() == 0) {
                    throw new ImportException(ErrorCode.EMPTY_FILE, "the workbook has no sheet");
                }
                boolean date1904 = wb.getInternalWorkbook().isUsing1904DateWindowing();
                write(wb.getSheetAt(0), date1904, out);
            }
        } catch (ImportException e) {
            throw e;
        } catch (EncryptedDocumentException e) {
            throw passwordProtected();
        } catch (OldExcelFormatException e) {
            throw new ImportException(ErrorCode.XLS, "Excel 5/95 and older workbooks cannot be read: "
                    + "save it as XLSX or CSV", e);
        } catch (NotOLE2FileException e) {
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed XLS: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // POI reports a truncated or corrupt file with assorted I/O and runtime exceptions.
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed XLS: " + e, e);
        }
    }

    private static void write(Sheet sheet, boolean date1904, CsvSheetWriter out) throws IOException {
        for (Row row : sheet) {
            int column = 0;
            for (Cell cell : row) {
                out.emptyCells(cell.getColumnIndex() - column);
                CellType type = cell.getCellType();
                out.cell(text(cell, type == CellType.FORMULA ? cell.getCachedFormulaResultType() : type, date1904));
                column = cell.getColumnIndex() + 1;
            }
            out.endRow();
        }
    }

    private static String text(Cell cell, CellType type, boolean date1904) {
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? CellText.excelDate(cell.getNumericCellValue(), date1904)
                    : CellText.number(cell.getNumericCellValue());
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> CellText.bool(cell.getBooleanCellValue());
            default -> null; // blank or error
        };
    }

    private static ImportException passwordProtected() {
        return new ImportException(ErrorCode.PASSWORD_PROTECTED,
                "the workbook is password protected: remove the password and upload it again");
    }
}
