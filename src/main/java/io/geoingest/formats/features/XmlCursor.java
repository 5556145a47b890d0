package io.geoingest.formats.features;

import io.geoingest.formats.SafeXml;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A {@link SafeXml} StAX reader over a user's XML file that refuses any DOCTYPE (KML and GPX
 * never need one, and entity tricks all start there) and reports a malformed or truncated file
 * as error 1000 "Malformed &lt;format&gt;: ..." with the parser's position.
 */
public final class XmlCursor implements AutoCloseable {
    private final String format;
    private final InputStream in;
    private final XMLStreamReader xml;

    public XmlCursor(String format, InputStream in) {
        this.format = format;
        this.in = in;
        try {
            this.xml = SafeXml.inputFactory().createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            closeQuietly();
            throw malformed(e);
        }
    }

    /** Moves to the next event; START_ELEMENT, END_ELEMENT or text, DTDs refused. */
    public int next() {
        try {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new ImportException(ErrorCode.FILE_IO,
                        "Malformed " + format + ": DOCTYPE declarations and entities are not accepted");
            }
            return event;
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    /**
     * Moves to the next child element of the current one and returns true, or to the current
     * element's END_ELEMENT and returns false. The caller consumes each child it is given.
     */
    public boolean nextChild() {
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
    }

    /** Whether a stream holds nothing but whitespace (an empty file, error 1005). */
    public static boolean isBlank(InputStream in) throws IOException {
        try (in) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b > ' ') {
                    return false;
                }
            }
            return true;
        }
    }

    public boolean hasNext() {
        try {
            return xml.hasNext();
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    /** The local name of the current element, namespace prefix dropped ({@code gx:Track} → Track). */
    public String name() {
        return xml.getLocalName();
    }

    public String attribute(String localName) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals(localName)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    /**
     * At a START_ELEMENT: all the text inside it (nested tags dropped, e.g. unescaped HTML in a
     * description), consuming through its END_ELEMENT.
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        sb.append(currentText());
                default -> {
                    // Comments and processing instructions are not content.
                }
            }
        }
        return sb.toString();
    }

    /** At a START_ELEMENT: skips through its END_ELEMENT. */
    public void skip() {
        int depth = 1;
        while (depth > 0) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Woodstox reads text lazily and reports its errors unchecked, wrapping the real one. */
    private String currentText() {
        try {
            return xml.getText();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof XMLStreamException x) {
                throw malformed(x);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // Only read: nothing to lose.
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException e) {
            // Only read: nothing to lose.
        }
    }

    private ImportException malformed(XMLStreamException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ")";
        String message = e.getMessage() == null ? "unreadable XML" : e.getMessage().lines().findFirst().orElse("");
        return new ImportException(ErrorCode.FILE_IO, "Malformed " + format + ": " + message.strip() + where, e);
    }
}
