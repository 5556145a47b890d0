package io.geoingest.connectors.bigquery;

import com.google.auth.Credentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.DataFormatOptions;
import com.google.cloud.http.HttpTransportOptions;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Builds the BigQuery client of one import: the configured credentials, the billing project as
 * the client's project (jobs run and are billed there), the configured endpoint and timeouts.
 */
final class BigQueryClients {

    /** Where credentials come from when no key file is configured. */
    @FunctionalInterface
    interface ApplicationDefault {
        Credentials load() throws IOException;
    }

    private final BigQueryProperties properties;
    private final Duration connectTimeout;
    private final ApplicationDefault applicationDefault;

    BigQueryClients(BigQueryProperties properties, Duration connectTimeout, ApplicationDefault applicationDefault) {
        this.properties = properties;
        this.connectTimeout = connectTimeout;
        this.applicationDefault = applicationDefault;
    }

    /** @throws ImportException 1012 when there are no usable credentials */
    BigQuery forBillingProject(String billingProject) {
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder()
                .setProjectId(billingProject)
                .setCredentials(credentials())
                .setTransportOptions(new Int64TimestampTransport(HttpTransportOptions.newBuilder()
                        .setConnectTimeout(millis(connectTimeout))
                        .setReadTimeout(millis(properties.timeout()))))
                // Google's backoff, but never retrying for longer than one step may take.
                .setRetrySettings(ServiceOptions.getDefaultRetrySettings().toBuilder()
                        .setTotalTimeoutDuration(properties.timeout())
                        .build())
                // Timestamps as integer microseconds (see Int64TimestampTransport).
                .setDataFormatOptions(DataFormatOptions.newBuilder().useInt64Timestamp(true).build());
        if (properties.endpoint() != null) {
            options.setHost(properties.endpoint().toString());
        }
        return options.build().getService();
    }

    private Credentials credentials() {
        if (properties.credentialsFile() != null) {
            try (InputStream in = Files.newInputStream(properties.credentialsFile())) {
                return ServiceAccountCredentials.fromStream(in);
            } catch (IOException | RuntimeException e) {
                // Neither the cause (it may quote the key) nor the file's path goes to the user.
                throw new ImportException(ErrorCode.DATASOURCE_CONNECTION,
                        "The service's BigQuery credentials (geoingest.connectors.bigquery.credentials-file) "
                                + "are not a readable service account key");
            }
        }
        if (properties.endpoint() != null) {
            return NoCredentials.getInstance();
        }
        try {
            return applicationDefault.load();
        } catch (IOException | RuntimeException e) {
            throw new ImportException(ErrorCode.DATASOURCE_CONNECTION,
                    "The service has no Google credentials for BigQuery: configure "
                            + "geoingest.connectors.bigquery.credentials-file or Application Default Credentials");
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
