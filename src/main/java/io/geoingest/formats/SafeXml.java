package io.geoingest.formats;

import javax.xml.stream.XMLInputFactory;

/**
 * StAX readers for user files (KML, GPX, OSM, spreadsheets): no DTDs and no external
 * entities, so an XML file can never make the service read its own files or the network.
 */
public final class SafeXml {
    private SafeXml() {
    }

    public static XMLInputFactory inputFactory() {
        // The JDK's own parser, not whichever StAX jar the classpath brings (fastexcel's Aalto).
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
