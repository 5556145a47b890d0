package io.geoingest.fetch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code geoingest.download.*}: limits on fetching remote files and expanding archives.
 *
 * @param connectTimeout   time to open a connection to the server (default 15s)
 * @param timeout          time for the whole download, redirects and body included (default 30m);
 *                         error 1020 past it
 * @param maxRedirects     redirects followed before giving up with error 1001 (default 5)
 * @param maxBytes         largest file downloaded (default 2GB); error 6666 past it
 * @param maxExpandedBytes most bytes one archive may expand to, nested archives included
 *                         (default 8GB): the zip-bomb guard; error 6666 past it
 */
@ConfigurationProperties("geoingest.download")
public record DownloadProperties(@DefaultValue("15s") Duration connectTimeout,
                                 @DefaultValue("30m") Duration timeout,
                                 @DefaultValue("5") int maxRedirects,
                                 @DefaultValue("2GB") DataSize maxBytes,
                                 @DefaultValue("8GB") DataSize maxExpandedBytes) {
}
