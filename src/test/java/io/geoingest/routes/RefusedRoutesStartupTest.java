package io.geoingest.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.GeoingestApplication;
import io.geoingest.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** An integrator's file that can never work stops the service's start, with the reason, creating nothing. */
class RefusedRoutesStartupTest {
    @Test
    void aSyncBelowTheMinimumIntervalStopsTheStart(@TempDir Path routes) throws Exception {
        Files.writeString(routes.resolve("too-often.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: geoingest-sync
                    routeId: too-often
                    parameters:
                      - {name: name, value: too-often}
                      - {name: account, value: alice}
                      - {name: interval, value: "60"}
                      - {name: url, value: "http://127.0.0.1:9/never.csv"}
                """);
        assertThatThrownBy(() -> new SpringApplicationBuilder(GeoingestApplication.class)
                .run("--spring.config.additional-location=classpath:geoingest-test.properties",
                        "--geoingest.routes.dir=" + routes, "--server.port=0").close())
                .hasStackTraceContaining("Route too-often: Invalid interval: Sync interval must be at least 15 minutes");
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM geoingest.synchronizations WHERE declared_as = 'too-often'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
