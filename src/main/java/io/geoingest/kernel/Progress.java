package io.geoingest.kernel;

/**
 * How far an import has got, as stored in {@code geoingest.imports} and shown by the API.
 *
 * @param rows       rows loaded so far, every table counted
 * @param bytesRead  bytes of the data files the loading pass has read; null without files
 * @param bytesTotal the data files' size; null without files (connectors) or before it is known
 */
public record Progress(long rows, Long bytesRead, Long bytesTotal) {
    public static final Progress NONE = new Progress(0, null, null);
}
