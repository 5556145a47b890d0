package io.geoingest.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The imports' meters: how many start, complete and fail, by source ({@code file}, {@code url},
 * a connector provider, {@code arcgis}) and format (see {@link #formatOf}), the rows and bytes
 * they load and how long they take. Tags stay bounded: no account, table or import id.
 */
@Component
public class ImportMetrics {
    private final MeterRegistry registry;

    public ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void started(String source, String format) {
        counter("geoingest.imports.started", "Imports begun", source, format).increment();
    }

    /** A completed import: its rows, the bytes of its data files (when it had files), its time. */
    public void completed(String source, String format, long rows, Long bytes, Duration took) {
        counter("geoingest.imports.completed", "Imports completed", source, format).increment();
        Counter.builder("geoingest.rows.imported").description("Rows loaded by completed imports")
                .tags("source", source, "format", format).register(registry).increment(rows);
        if (bytes != null) {
            Counter.builder("geoingest.bytes.imported")
                    .description("Bytes of the data files read by completed imports")
                    .tags("source", source, "format", format).register(registry).increment(bytes);
        }
        duration(source, format, "complete").record(took);
    }

    /** A failed import; {@code took} is null when it failed before it could start. */
    public void failed(String source, String format, int errorCode, Duration took) {
        Counter.builder("geoingest.imports.failed").description("Imports failed")
                .tags("source", source, "format", format, "error_code", Integer.toString(errorCode))
                .register(registry).increment();
        if (took != null) {
            duration(source, format, "failure").record(took);
        }
    }

    private Counter counter(String name, String description, String source, String format) {
        return Counter.builder(name).description(description).tags("source", source, "format", format)
                .register(registry);
    }

    private Timer duration(String source, String format, String outcome) {
        return Timer.builder("geoingest.import.duration").description("Time from an import's start to its end")
                .tags("source", source, "format", format, "outcome", outcome).register(registry);
    }
}
