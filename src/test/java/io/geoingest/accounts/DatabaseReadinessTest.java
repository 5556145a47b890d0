package io.geoingest.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The service refuses to start, saying why, when its database cannot serve it. */
class DatabaseReadinessTest {

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(TestDatabases.PG_USER);
        ds.setPassword(TestDatabases.PG_PASSWORD);
        ds.setConnectTimeout(2);
        return ds;
    }

    @Test
    void unreachableDatabaseGivesAClearMessage() {
        DatabaseReadiness readiness = new DatabaseReadiness(dataSource("jdbc:postgresql://127.0.0.1:1/geoingest"));
        assertThatThrownBy(readiness::check).isInstanceOf(DatabaseNotReadyException.class)
                .hasMessageContaining("unreachable").hasMessageContaining("SPRING_DATASOURCE_URL");
        FailureAnalysis analysis = new DatabaseNotReadyFailureAnalyzer()
                .analyze(new IllegalStateException(new DatabaseNotReadyException("x")));
        assertThat(analysis.getDescription()).startsWith("geoingest cannot start: x");
    }

    @Test
    void databaseWithPostgisPasses() {
        new DatabaseReadiness(dataSource(TestDatabases.PG_URL)).check();
    }
}
