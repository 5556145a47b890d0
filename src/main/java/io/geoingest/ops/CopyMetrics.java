package io.geoingest.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Rows and bytes through PostgreSQL's COPY, counted as they pass so that {@code rate()} gives
 * the throughput: {@code import} is the import sink (binary COPY data), {@code copyfrom} and
 * {@code copyto} the SQL API's (the data as PostgreSQL reads or writes it, after gunzipping).
 */
@Component
public class CopyMetrics {
    public static final String IMPORT = "import";
    public static final String COPY_FROM = "copyfrom";
    public static final String COPY_TO = "copyto";

    private final MeterRegistry registry;

    public CopyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void copied(String operation, long rows, long bytes) {
        Counter.builder("geoingest.copy.rows").description("Rows through COPY").tag("operation", operation)
                .register(registry).increment(rows);
        Counter.builder("geoingest.copy.bytes").baseUnit("bytes").description("COPY data bytes")
                .tag("operation", operation).register(registry).increment(bytes);
    }
}
