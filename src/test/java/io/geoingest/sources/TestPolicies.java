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

    /**
     * The tests' fake sources run in this JVM: they are this process's ports, which
     * {@code refuse-all-own-ports} would refuse. Web servers' ports (none here) are refused anyway.
     */
    public static SourceAddressPolicy policy(String jdbcUrl, List<String> denied, List<String> allowed) {
        return policy(jdbcUrl, denied, allowed, false);
    }

    public static SourceAddressPolicy policy(String jdbcUrl, List<String> denied, List<String> allowed,
                                             boolean refuseAllOwnPorts) {
        DataSourceProperties datasource = new DataSourceProperties();
        datasource.setUrl(jdbcUrl);
        SourcesProperties sources = new SourcesProperties(denied.stream().map(Cidr::valueOf).toList(),
                allowed.stream().map(Cidr::valueOf).toList(), refuseAllOwnPorts);
        return new SourceAddressPolicy(datasource, sources, new ServicePorts(sources, new ProcessListeningPorts()));
    }
}
