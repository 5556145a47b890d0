package io.geoingest.sources;

import java.util.List;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/** Address policies for tests that build connectors and downloaders without Spring. */
public final class TestPolicies {
    /**
     * A service database on a documentation address (TEST-NET-2) nothing runs on, so that the
     * tests' local servers (PostgreSQL, MariaDB, HTTP) are ordinary sources.
     */
    public static final String ELSEWHERE = "jdbc:postgresql://198.51.100.7:5432/geoingest";

    private TestPolicies() {
    }

    /** The default policy (no denied or allowed networks) with the service database at {@link #ELSEWHERE}. */
    public static SourceAddressPolicy standard() {
        return policy(ELSEWHERE, List.of(), List.of());
    }

    /** The default policy with the service database at {@code jdbcUrl}. */
    public static SourceAddressPolicy serviceDatabaseAt(String jdbcUrl) {
        return policy(jdbcUrl, List.of(), List.of());
    }

    public static SourceAddressPolicy policy(String jdbcUrl, List<String> denied, List<String> allowed) {
        DataSourceProperties datasource = new DataSourceProperties();
        datasource.setUrl(jdbcUrl);
        return new SourceAddressPolicy(datasource, new SourcesProperties(
                denied.stream().map(Cidr::valueOf).toList(), allowed.stream().map(Cidr::valueOf).toList()));
    }
}
