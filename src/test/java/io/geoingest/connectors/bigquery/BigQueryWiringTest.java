package io.geoingest.connectors.bigquery;

import static io.geoingest.connectors.bigquery.BigQueryTestSupport.DATASET;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.PROJECT;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.readAll;
import static io.geoingest.connectors.bigquery.BigQueryTestSupport.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.connectors.Connector;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.bigquery.FakeBigQuery.Data;
import io.geoingest.connectors.bigquery.FakeBigQuery.Field;
import io.geoingest.connectors.bigquery.FakeBigQuery.Rows;
import io.geoingest.kernel.ImportProperties;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.yaml.snakeyaml.Yaml;

/** The bean and its configuration as Spring builds them, and the route that calls it. */
class BigQueryWiringTest {
    @Configuration
    @EnableConfigurationProperties({BigQueryProperties.class, ConnectorProperties.class, ImportProperties.class})
    @Import(BigQueryConnector.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaults() {
        runner.run(context -> {
            assertThat(context.getBean("bigqueryConnector", Connector.class).provider()).isEqualTo(Provider.BIGQUERY);
            BigQueryProperties p = context.getBean(BigQueryProperties.class);
            assertThat(p.credentialsFile()).isNull();
            assertThat(p.endpoint()).isNull();
            assertThat(p.pageSize()).isEqualTo(10_000);
            assertThat(p.timeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(context.getBean(ConnectorProperties.class).maxRows(Provider.BIGQUERY)).isEqualTo(5_000_000);
        });
    }

    @Test
    void theConfiguredBeanReadsFromTheConfiguredEndpoint() throws Exception {
        try (FakeBigQuery fake = new FakeBigQuery()) {
            fake.table(PROJECT, DATASET, "t", new Data(List.of(Field.of("id", "INTEGER")),
                    Rows.of(List.of(List.of("1"), List.of("2"), List.of("3")))));
            runner.withPropertyValues("geoingest.connectors.bigquery.endpoint=" + fake.endpoint(),
                    "geoingest.connectors.bigquery.page-size=2", "geoingest.connectors.bigquery.timeout=30s",
                    "geoingest.connectors.providers.bigquery.max-rows=2").run(context -> {
                        Connector connector = context.getBean("bigqueryConnector", Connector.class);

                        var r = readAll(connector.open(table("t")));

                        assertThat(r.rows()).extracting(row -> row[0]).containsExactly(1L, 2L);
                        assertThat(r.warnings()).containsEntry("max_rows_per_connection", 2);
                        // Pages of max-rows + 1 at most, within page-size.
                        assertThat(fake.requests("GET", ".*/data")).first()
                                .satisfies(p -> assertThat(p.query()).containsEntry("maxResults", "2"));
                    });
        }
    }

    @Test
    void aBadSettingStopsTheService() {
        runner.withPropertyValues("geoingest.connectors.bigquery.page-size=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("page-size"));
        runner.withPropertyValues("geoingest.connectors.bigquery.endpoint=localhost:9050").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("endpoint"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRouteHandsTheRequestToTheBean() throws Exception {
        Map<String, Object> instance = yaml("connectors.camel.yaml").stream()
                .map(d -> (Map<String, Object>) d.get("templatedRoute"))
                .filter(t -> "source-bigquery".equals(t.get("routeId"))).findFirst().orElseThrow();
        assertThat(instance.get("routeTemplateRef")).isEqualTo("internal-connector-source");
        assertThat((List<Map<String, Object>>) instance.get("parameters")).containsExactly(
                Map.of("name", "source", "value", "bigquery"), Map.of("name", "bean", "value", "bigqueryConnector"));
        Map<String, Object> template = (Map<String, Object>) yaml("shapes/connector-source.camel.yaml").get(0)
                .get("routeTemplate");
        Map<String, Object> from = (Map<String, Object>) ((Map<String, Object>) template.get("route")).get("from");
        assertThat(from.get("uri")).isEqualTo("direct:source-{{source}}");
        assertThat((List<Map<String, Object>>) from.get("steps")).containsExactly(
                Map.of("bean", Map.of("ref", "importLifecycle", "method", "importing")),
                Map.of("bean", Map.of("ref", "{{bean}}", "method", "{{method}}")),
                Map.of("to", Map.of("uri", "direct:copy-sink")));
        assertThat((List<Map<String, Object>>) template.get("parameters")).anySatisfy(p ->
                assertThat(p).containsEntry("name", "method").containsEntry("defaultValue", "open(${body})"));
    }

    private List<Map<String, Object>> yaml(String route) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/routes/" + route)) {
            assertThat(in).as("routes/%s on the classpath", route).isNotNull();
            return new Yaml().load(in);
        }
    }
}
