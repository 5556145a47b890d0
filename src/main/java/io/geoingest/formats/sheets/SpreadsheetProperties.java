package io.geoingest.formats.sheets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code geoingest.formats.spreadsheets.*}: limits on converting a workbook's first sheet to CSV.
 *
 * @param maxCsvBytes largest CSV a sheet may become (default 2GB, as an upload): the guard
 *                    against zip bombs inside XLSX/ODS; error 6666 past it
 * @param maxRows     most rows of a sheet (default 1,048,576, the XLSX/ODS sheet size); an ODS
 *                    row repeated past it is cut there, so a "repeated a million times" row
 *                    cannot explode
 */
@ConfigurationProperties("geoingest.formats.spreadsheets")
public record SpreadsheetProperties(@DefaultValue("2GB") DataSize maxCsvBytes,
                                    @DefaultValue("1048576") int maxRows) {
}
