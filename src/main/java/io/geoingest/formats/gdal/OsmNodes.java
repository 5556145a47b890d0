package io.geoingest.formats.gdal;

import io.geoingest.formats.SafeXml;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Counts the nodes of an OSM XML extract before GDAL reads it: GDAL's OSM driver keeps every
 * node's coordinates in a temporary index, so its disk and time grow with them (CARTO's 1007
 * "Too many nodes").
 */
final class OsmNodes {
    private OsmNodes() {
    }

    /**
     * @throws ImportException 1007 when the file has more than {@code max} {@code <node>}
     *                         elements under {@code <osm>}; XML errors are left to GDAL, which
     *                         reports them
     */
    static void check(Path osm, String name, long max) {
        long nodes = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(osm))) {
            XMLStreamReader xml = SafeXml.inputFactory().createXMLStreamReader(in);
            try {
                int depth = 0;
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        if (depth == 2 && xml.getLocalName().equals("node") && ++nodes > max) {
                            throw new ImportException(ErrorCode.TOO_MANY_NODES, name + " has more than " + max
                                    + " nodes, the most this service imports from one OSM file"
                                    + " (geoingest.imports.max-osm-nodes): import a smaller area");
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            // Malformed XML: GDAL reads the file next and says what is wrong with it.
        } catch (IOException e) {
            throw new ImportException(ErrorCode.FILE_IO, "Could not read " + name, e);
        }
    }
}
