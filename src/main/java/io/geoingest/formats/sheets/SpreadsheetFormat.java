package io.geoingest.formats.sheets;

import io.geoingest.kernel.DataFile;
import io.geoingest.formats.csv.CsvFormat;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.TableSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.springframework.stereotype.Component;

/**
 * XLSX, XLS and ODS: the first sheet is converted to a UTF-8 CSV beside the file, which
 * {@link CsvFormat} then reads, so that names come from the first row and types are inferred
 * as for any CSV. The workbook kind is told by its bytes, not its extension, so that an XLS
 * named .xlsx still imports.
 */
@Component("spreadsheetFormat")
public class SpreadsheetFormat {
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1};

    private final CsvFormat csv;
    private final SpreadsheetProperties properties;
    private final ImportProperties imports;

    public SpreadsheetFormat(CsvFormat csv, SpreadsheetProperties properties, ImportProperties imports) {
        this.csv = csv;
        this.properties = properties;
        this.imports = imports;
    }

    /**
     * @throws ImportException MALFORMED_XLS (2008) for a corrupt or non-spreadsheet file, XLS
     *                         (1004) for an old Excel 5/95 one, PASSWORD_PROTECTED (1018),
     *                         EMPTY_FILE (1005), DATASET_TOO_BIG (6666), TOO_MANY_COLUMNS, or
     *                         any error of the CSV reader
     */
    public TableSource open(DataFile file, ImportOptions options) {
        Path source = file.path();
        Path converted = source.resolveSibling(source.getFileName() + ".csv");
        try (CsvSheetWriter out = new CsvSheetWriter(converted, properties.maxCsvBytes().toBytes(),
                imports.maxColumns())) {
            rowsOf(file).read(source, out);
            out.finish();
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "cannot convert the sheet to CSV: " + e.getMessage(), e);
        }
        // Every field is quoted, yet the workbook's cell types are what the user chose: infer them.
        ImportOptions csvOptions = new ImportOptions(options.typeGuessing(), true, options.contentGuessing(),
                options.collisionStrategy());
        return csv.open(new DataFile(converted, file.baseName() + ".csv"), csvOptions);
    }

    private SheetRows rowsOf(DataFile file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file.path())) {
            head = in.readNBytes(OLE2.length);
        }
        if (startsWith(head, OLE2)) {
            return new XlsRows();
        }
        if (startsWith(head, ZIP)) {
            return isOds(file.path()) ? new OdsRows(properties.maxRows()) : new XlsxRows();
        }
        if (head.length == 0) {
            throw new ImportException(ErrorCode.EMPTY_FILE, "the file is empty");
        }
        throw new ImportException(ErrorCode.MALFORMED_XLS, file.originalName()
                + " is not an Excel (XLS/XLSX) or OpenDocument (ODS) workbook; if it is a CSV, name it .csv");
    }

    /** An ODS has a content.xml; an XLSX has none (and if broken, the XLSX reader says so). */
    private static boolean isOds(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry content = zip.getEntry("content.xml");
            return content != null;
        } catch (IOException e) {
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed workbook (broken zip): " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
