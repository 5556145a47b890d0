package io.geoingest.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Sync runs by how they ended: {@code success}, {@code unchanged} (source not modified), {@code failure}. */
@Component
public class SyncMetrics {
    private final MeterRegistry registry;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void ran(String outcome) {
        Counter.builder("geoingest.sync.runs").description("Sync runs ended").tag("outcome", outcome)
                .register(registry).increment();
    }
}
