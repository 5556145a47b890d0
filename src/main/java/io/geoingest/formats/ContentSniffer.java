package io.geoingest.formats;

import io.geoingest.kernel.DataFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Recognises a data file by its first bytes, for files without an extension or with a wrong
 * one: the extension its content calls for, when the content says so clearly.
 */
final class ContentSniffer {
    private static final int HEAD = 8192;

    private ContentSniffer() {
    }

    static Optional<String> extensionOf(DataFile file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file.path())) {
            head = in.readNBytes(HEAD);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (head.length == 0) {
            return Optional.empty();
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
            return Optional.of("xls");
        }
        if (startsWith(head, 'P', 'K', 3, 4)) {
            return zipKind(file);
        }
        String text = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        if (text.startsWith("{") || text.startsWith("\u001e")) {
            return Optional.of("geojson");
        }
        if (text.startsWith("<")) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (String root : new String[] {"kml", "gpx", "osm", "gml"}) {
                if (lower.contains("<" + root + " ") || lower.contains("<" + root + ">") || lower.contains(":" + root + " ")) {
                    return Optional.of(root);
                }
            }
            return Optional.empty();
        }
        for (byte b : head) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        return Optional.of("csv");
    }

    private static Optional<String> zipKind(DataFile file) {
        try (ZipFile zip = new ZipFile(file.path().toFile())) {
            if (zip.getEntry("xl/workbook.xml") != null) {
                return Optional.of("xlsx");
            }
            ZipEntry mime = zip.getEntry("mimetype");
            if (mime != null) {
                try (InputStream in = zip.getInputStream(mime)) {
                    String type = new String(in.readNBytes(100), StandardCharsets.US_ASCII);
                    if (type.contains("opendocument.spreadsheet")) {
                        return Optional.of("ods");
                    }
                }
            }
            if (zip.stream().anyMatch(e -> e.getName().toLowerCase(Locale.ROOT).endsWith(".kml"))) {
                return Optional.of("kmz");
            }
            return Optional.of("zip");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
