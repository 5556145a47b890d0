package io.geoingest.formats.sheets;

import java.io.IOException;
import java.nio.file.Path;

/** Reads the first sheet of one workbook format, row by row, into a {@link CsvSheetWriter}. */
interface SheetRows {

    /**
     * @throws io.geoingest.kernel.ImportException for a workbook that cannot be read
     * @throws IOException                          for a failing disk
     */
    void read(Path workbook, CsvSheetWriter out) throws IOException;
}
