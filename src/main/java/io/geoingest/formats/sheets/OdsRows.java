package io.geoingest.formats.sheets;

import io.geoingest.formats.SafeXml;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * ODS: {@code content.xml} streamed from the zip with StAX (no DTD, no external entities),
 * first {@code table:table} only. Repeated rows and cells are expanded lazily: blank ones
 * cost nothing (trailing blanks are dropped anyway), a repeated row with values is cut at
 * {@code maxRows}, a repeated cell at the column limit of the writer.
 */
final class OdsRows implements SheetRows {
    private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

    private final int maxRows;

    OdsRows(int maxRows) {
        this.maxRows = maxRows;
    }

    @Override
    public void read(Path workbook, CsvSheetWriter out) throws IOException {
        try (ZipFile zip = new ZipFile(workbook.toFile())) {
            ZipEntry content = zip.getEntry("content.xml");
            if (content == null) {
                throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed ODS: no content.xml");
            }
            try (InputStream in = zip.getInputStream(content)) {
                XMLStreamReader xml = SafeXml.inputFactory().createXMLStreamReader(in);
                try {
                    readFirstTable(xml, out);
                } finally {
                    xml.close();
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed ODS (broken zip): " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed ODS content.xml: " + e.getMessage(), e);
        }
    }

    private void readFirstTable(XMLStreamReader xml, CsvSheetWriter out) throws XMLStreamException, IOException {
        long rows = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed ODS: content.xml declares a DTD or "
                        + "entities, which are refused");
            }
            if (event == XMLStreamConstants.END_ELEMENT && isTable(xml, "table")) {
                return; // only the first sheet
            }
            if (event == XMLStreamConstants.START_ELEMENT && isTable(xml, "table-row")) {
                long repeat = repeated(xml, "number-rows-repeated");
                Row row = readRow(xml);
                long times = Math.min(row.blank ? 1 : repeat, maxRows - rows);
                for (long i = 0; i < times; i++) {
                    row.writeTo(out);
                }
                rows += times;
                if (rows >= maxRows) {
                    return;
                }
            }
        }
    }

    /** One row's cells, held until its repeat count is applied; at most the writer's width. */
    private static final class Row {
        final java.util.List<Object> cells = new java.util.ArrayList<>(); // String or Long (empty run)
        boolean blank = true;

        void writeTo(CsvSheetWriter out) throws IOException {
            for (Object c : cells) {
                if (c instanceof Long empty) {
                    out.emptyCells(empty);
                } else {
                    out.cell((String) c);
                }
            }
            out.endRow();
        }
    }

    private Row readRow(XMLStreamReader xml) throws XMLStreamException {
        Row row = new Row();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (isTable(xml, "table-cell") || isTable(xml, "covered-table-cell")) {
                    long repeat = repeated(xml, "number-columns-repeated");
                    String value = cellValue(xml);
                    if (value == null || value.isEmpty()) {
                        row.cells.add(repeat);
                    } else {
                        row.blank = false;
                        // A value repeated past any sane width fails in the writer at its column limit.
                        for (long i = 0; i < Math.min(repeat, 16_384); i++) {
                            row.cells.add(value);
                        }
                    }
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed ODS: entity references are refused");
            }
        }
        return row;
    }

    /** The typed value of the cell at a start tag, leaving the reader at its end tag. */
    private static String cellValue(XMLStreamReader xml) throws XMLStreamException {
        String type = xml.getAttributeValue(OFFICE, "value-type");
        String typed = type == null ? null : switch (type) {
            case "float", "percentage", "currency" -> number(xml.getAttributeValue(OFFICE, "value"));
            case "date" -> date(xml.getAttributeValue(OFFICE, "date-value"));
            case "time" -> time(xml.getAttributeValue(OFFICE, "time-value"));
            case "boolean" -> CellText.bool("true".equals(xml.getAttributeValue(OFFICE, "boolean-value")));
            default -> null; // string: the text below
        };
        String text = text(xml);
        return typed != null ? typed : text;
    }

    /** The text of a cell's paragraphs, one line each, with text:s / text:tab / text:line-break. */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        int paragraphs = 0;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (TEXT.equals(xml.getNamespaceURI())) {
                        switch (xml.getLocalName()) {
                            case "p", "h" -> {
                                if (paragraphs++ > 0) {
                                    sb.append('\n');
                                }
                            }
                            case "s" -> {
                                String c = xml.getAttributeValue(TEXT, "c");
                                sb.append(" ".repeat(c == null ? 1 : (int) Math.min(parse(c), 1024)));
                            }
                            case "tab" -> sb.append('\t');
                            case "line-break" -> sb.append('\n');
                            case "note" -> skip(xml); // comments are not the cell's value
                            default -> {
                            }
                        }
                        if (xml.getEventType() == XMLStreamConstants.END_ELEMENT) {
                            depth--; // skip() consumed the element
                        }
                    } else if ("annotation".equals(xml.getLocalName()) && OFFICE.equals(xml.getNamespaceURI())) {
                        skip(xml);
                        depth--;
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (paragraphs > 0) {
                        sb.append(xml.getText());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new ImportException(ErrorCode.MALFORMED_XLS,
                        "malformed ODS: entity references are refused");
                default -> {
                }
            }
        }
        return sb.toString();
    }

    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static String number(String v) {
        try {
            return v == null ? null : CellText.number(new BigDecimal(v.trim()));
        } catch (NumberFormatException e) {
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed ODS: bad number " + v, e);
        }
    }

    /** {@code 2024-01-15} or {@code 2024-01-15T10:30:00[.fff]}, sometimes with a zone: dropped. */
    private static String date(String v) {
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                return v;
            }
            return CellText.dateTime(LocalDateTime.parse(v.length() > 19 ? v.substring(0, 19) : v), false);
        } catch (DateTimeParseException e) {
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed ODS: bad date " + v, e);
        }
    }

    /** An ISO duration such as {@code PT10H30M00S}: a time of day when under 24 h. */
    private static String time(String v) {
        if (v == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative() || d.toDays() > 0) {
                return v;
            }
            return CellText.dateTime(LocalDateTime.of(java.time.LocalDate.EPOCH,
                    LocalTime.ofSecondOfDay(Math.round(d.toMillis() / 1000.0) % 86_400)), true);
        } catch (DateTimeParseException e) {
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed ODS: bad time " + v, e);
        }
    }

    private static long repeated(XMLStreamReader xml, String attribute) {
        String v = xml.getAttributeValue(TABLE, attribute);
        return v == null ? 1 : Math.max(1, parse(v));
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ImportException(ErrorCode.MALFORMED_XLS, "malformed ODS: bad count " + v, e);
        }
    }

    private static boolean isTable(XMLStreamReader xml, String name) {
        return TABLE.equals(xml.getNamespaceURI()) && name.equals(xml.getLocalName());
    }
}
