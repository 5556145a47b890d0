package io.geoingest.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.kernel.ImportException;
import io.geoingest.imports.ImportRepository;
import io.geoingest.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * geoingest-copy-sink given rows rather than a file, through the real import route and COPY
 * sink: lists and iterators of maps, the output of Camel's own sql and jdbc components (a
 * PostGIS and a MariaDB table), split/aggregate batches, and the bodies that cannot become a
 * table, each refused with its code, leaving the table it would have replaced as it was; and
 * the orphan sweep, which spares such an import while its replica lives. (Same
 * configuration as the API tests, so it runs in their cached context; its routes are loaded as
 * a file written into the routes directory would be.)
 */
class RowsSinkTest extends ApiTestSupport {
    private static final String S = unique("").substring(1);
    private static final String PG_SOURCE = "rows_source_" + S;
    private static final String MYSQL_SOURCE = "rows_source_" + S;

    @Autowired
    private CamelContext camel;
    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private RoutesReload reload;
    @Autowired
    private ImportRepository imports;
    @Autowired
    private Scheduler scheduler;

    @BeforeEach
    void routesOnce() throws Exception {
        if (camel.getRoute("rows-" + S) != null) {
            return;
        }
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS public." + PG_SOURCE);
            s.execute("CREATE TABLE public." + PG_SOURCE + " (id integer, name text, opened date, price numeric(8,2),"
                    + " seen timestamp, geom geometry(Point, 4326))");
            s.execute("INSERT INTO public." + PG_SOURCE + " VALUES (1, 'Centro', '2020-02-29', 12.30,"
                    + " '2024-01-02 03:04:05.678', ST_SetSRID(ST_MakePoint(-3.70, 40.42), 4326)),"
                    + " (2, 'Norte', NULL, 7.00, NULL, NULL)");
        }
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + MYSQL_SOURCE);
            s.execute("CREATE TABLE " + MYSQL_SOURCE + " (id INT, name VARCHAR(20), lon DOUBLE, lat DOUBLE, opened_on DATE)");
            s.execute("INSERT INTO " + MYSQL_SOURCE + " VALUES (1, 'Centro', -3.70, 40.42, '2020-02-29'),"
                    + " (2, 'Norte', -3.69, 40.47, NULL), (3, 'Sur', -3.70, 40.38, '2021-06-01')");
        }
        reload.reload(ResourceHelper.fromString("file:rows-sink-" + S + ".camel.yaml", """
                - beans:
                    - name: pgSource%1$s
                      type: org.springframework.jdbc.datasource.DriverManagerDataSource
                      properties:
                        url: "%2$s"
                        username: %3$s
                        password: %4$s
                    - name: mysqlSource%1$s
                      type: org.springframework.jdbc.datasource.DriverManagerDataSource
                      properties:
                        url: "jdbc:mysql://%5$s:%6$s/%7$s?useCursorFetch=true&defaultFetchSize=100"
                        username: %8$s
                        password: %9$s
                - templatedRoute:
                    routeTemplateRef: geoingest-copy-sink
                    routeId: rows-%1$s
                    parameters:
                      - {name: name, value: rows-%1$s}
                      - {name: account, value: alice}
                      - {name: table, value: rows_%1$s}
                - templatedRoute:
                    routeTemplateRef: geoingest-copy-sink
                    routeId: kept-%1$s
                    parameters:
                      - {name: name, value: kept-%1$s}
                      - {name: account, value: alice}
                      - {name: table, value: kept_%1$s}
                      - {name: collision_strategy, value: overwrite}
                - route:
                    id: rows-sql-%1$s
                    from:
                      uri: direct:rows-sql-%1$s
                      steps:
                        - to: "sql:SELECT id, name, opened, price, seen, geom FROM public.%10$s ORDER BY id?dataSource=#pgSource%1$s&outputType=StreamList"
                        - to: direct:rows-%1$s
                - route:
                    id: rows-jdbc-%1$s
                    from:
                      uri: direct:rows-jdbc-%1$s
                      steps:
                        - setBody:
                            constant: "SELECT id, name, lon, lat, opened_on FROM %11$s ORDER BY id"
                        - to: "jdbc:mysqlSource%1$s?outputType=StreamList"
                        - to: direct:rows-%1$s
                - route:
                    id: rows-aggregated-%1$s
                    from:
                      uri: direct:rows-aggregated-%1$s
                      steps:
                        - split:
                            simple: "${body}"
                            steps:
                              - aggregate:
                                  correlationExpression:
                                    constant: all
                                  aggregationStrategy: "#class:org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy"
                                  completionSize: 2
                                  steps:
                                    - to: direct:rows-%1$s
                """.formatted(S, TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD,
                TestDatabases.MYSQL_HOST, TestDatabases.MYSQL_PORT, TestDatabases.MYSQL_DATABASE,
                TestDatabases.MYSQL_USER, TestDatabases.MYSQL_PASSWORD, PG_SOURCE, MYSQL_SOURCE)));
    }

    @AfterAll
    static void dropSources() throws SQLException {
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS public." + PG_SOURCE);
        }
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + MYSQL_SOURCE);
        }
    }

    @Test
    void aListOfMapsBecomesATableTypedFromItsValues() throws Exception {
        Map<String, Object> centro = new LinkedHashMap<>();
        centro.put("id", 1);
        centro.put("name", "Centro");
        centro.put("visits", 5_000_000_000L);
        centro.put("price", new BigDecimal("12.30"));
        centro.put("open", true);
        centro.put("opened_on", LocalDate.of(2020, 2, 29));
        centro.put("seen", LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        centro.put("lon", -3.70);
        centro.put("lat", 40.42);
        Map<String, Object> norte = new LinkedHashMap<>(centro);
        norte.put("id", 2);
        norte.put("name", null);
        norte.put("open", false);

        Exchange sent = producer.request("direct:rows-" + S, e -> e.getIn().setBody(List.of(centro, norte)));

        assertThat(sent.getException()).isNull();
        String table = sent.getMessage().getHeader(TemplateImports.TABLE_NAME, String.class);
        assertThat(table).startsWith("rows_" + S);
        assertThat(columns("alice", table)).containsEntry("id", "integer").containsEntry("name", "text")
                .containsEntry("visits", "bigint").containsEntry("price", "numeric").containsEntry("open", "boolean")
                .containsEntry("opened_on", "date").containsEntry("seen", "timestamp without time zone")
                .containsEntry("lon", "double precision").containsKeys("cartodb_id", "the_geom", "the_geom_webmercator");
        assertThat(rows("SELECT id, name, visits, price::text AS price, ST_AsText(the_geom) AS g FROM alice." + table
                + " ORDER BY id")).containsExactly(
                Map.of("id", 1, "name", "Centro", "visits", 5_000_000_000L, "price", "12.30", "g", "POINT(-3.7 40.42)"),
                nullName(Map.of("id", 2, "visits", 5_000_000_000L, "price", "12.30", "g", "POINT(-3.7 40.42)")));
        JsonNode done = assertComplete(get("/api/v1/imports/" + sent.getMessage().getHeader(TemplateImports.IMPORT_ID)
                + "?api_key=" + ALICE_KEY).getBody());
        assertThat(done.get("table_name").asText()).isEqualTo(table);
        assertThat(done.get("data_type").asText()).isEqualTo("datasource");
        assertNoStagingTables("alice");
    }

    @Test
    void anIteratorStreamsInBatchesIntoOneTable() throws Exception {
        int total = 12_345;
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Map<String, Object>> generated = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pulled.get() < total;
            }

            @Override
            public Map<String, Object> next() {
                int i = pulled.incrementAndGet();
                return Map.of("id", i, "name", "place " + i, "lon", (i % 360) - 180.0, "lat", (i % 180) - 90.0);
            }
        };

        Exchange sent = producer.request("direct:rows-" + S, e -> e.getIn().setBody(generated));

        assertThat(sent.getException()).isNull();
        String table = sent.getMessage().getHeader(TemplateImports.TABLE_NAME, String.class);
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo((long) total);
        assertThat(scalar("SELECT count(the_geom) FROM alice." + table)).isEqualTo((long) total);
        assertThat(scalar("SELECT name FROM alice." + table + " WHERE id = " + total)).isEqualTo("place " + total);
    }

    @Test
    void theSqlComponentsStreamedRowsKeepTheirTypesAndPostgisGeometry() throws Exception {
        Exchange sent = producer.request("direct:rows-sql-" + S, e -> { });

        assertThat(sent.getException()).isNull();
        String table = sent.getMessage().getHeader(TemplateImports.TABLE_NAME, String.class);
        assertThat(columns("alice", table)).containsEntry("id", "integer").containsEntry("name", "text")
                .containsEntry("opened", "date").containsEntry("price", "numeric")
                .containsEntry("seen", "timestamp without time zone").containsEntry("the_geom", "geometry(Geometry,4326)")
                .doesNotContainKey("geom");
        assertThat(rows("SELECT id, opened::text AS opened, price::text AS price, seen::text AS seen,"
                + " ST_AsText(the_geom) AS g FROM alice." + table + " ORDER BY id")).containsExactly(
                Map.of("id", 1, "opened", "2020-02-29", "price", "12.30", "seen", "2024-01-02 03:04:05.678",
                        "g", "POINT(-3.7 40.42)"),
                nulls(Map.of("id", 2, "price", "7.00"), "opened", "seen", "g"));
    }

    @Test
    void theJdbcComponentsStreamedRowsFromMariaDbMakePointsFromLonLat() throws Exception {
        Exchange sent = producer.request("direct:rows-jdbc-" + S, e -> { });

        assertThat(sent.getException()).isNull();
        String table = sent.getMessage().getHeader(TemplateImports.TABLE_NAME, String.class);
        assertThat(columns("alice", table)).containsEntry("id", "integer").containsEntry("name", "text")
                .containsEntry("lon", "double precision").containsEntry("opened_on", "date");
        assertThat(rows("SELECT name, opened_on::text AS d, ST_AsText(the_geom) AS g FROM alice." + table
                + " ORDER BY id")).extracting(r -> r.get("name") + " " + r.get("d") + " " + r.get("g"))
                .containsExactly("Centro 2020-02-29 POINT(-3.7 40.42)", "Norte null POINT(-3.69 40.47)",
                        "Sur 2021-06-01 POINT(-3.7 40.38)");
    }

    @Test
    void eachAggregatedBatchIsAnImportOfItsOwn() throws Exception {
        String marker = unique("agg");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            rows.add(Map.of("id", i, "marker", marker));
        }

        Object before = serviceScalar("SELECT now()");

        Exchange sent = producer.request("direct:rows-aggregated-" + S, e -> e.getIn().setBody(rows));

        assertThat(sent.getException()).isNull();
        // The aggregator sends each batch on from a thread of its own: its imports end after the request.
        String sql = "SELECT table_name, state FROM geoingest.imports WHERE source->>'route' = 'rows-" + S + "'"
                + " AND created_at > '" + before + "' ORDER BY created_at";
        Instant deadline = Instant.now().plusSeconds(60);
        while (rows(sql).stream().filter(r -> r.get("state").equals("complete")).count() < 2
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        List<Map<String, Object>> imports = rows(sql);
        assertThat(imports).hasSize(2).allSatisfy(r -> assertThat(r.get("state")).isEqualTo("complete"));
        for (Map<String, Object> r : imports) {
            assertThat(scalar("SELECT count(*) FROM alice." + r.get("table_name") + " WHERE marker = '" + marker + "'"))
                    .isEqualTo(2L);
        }
    }

    @Test
    void rowsThatCannotBecomeATableFailWithTheirCodeAndWriteNothing() throws Exception {
        Exchange first = producer.request("direct:kept-" + S, e -> e.getIn().setBody(List.of(Map.of("a", 1),
                Map.of("a", 2), Map.of("a", 3))));
        assertThat(first.getException()).isNull();
        String kept = "kept_" + S;
        Map<String, Object> nullB = new HashMap<>();
        nullB.put("a", 1);
        nullB.put("b", null);
        Map<Object, Object> numberedKey = new HashMap<>();
        numberedKey.put(7, "seven");
        List<Map<String, Object>> lateMismatch = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            lateMismatch.add(Map.of("a", i));
        }
        lateMismatch.set(2_100, Map.of("a", "two thousand one hundred"));

        assertRefused(List.of(), 1015, "no rows");
        assertRefused(List.<Map<String, Object>>of().iterator(), 1015, "no rows");
        assertRefused(Map.of("a", 1), 2013, "one Map, not a list of rows");
        assertRefused(List.of("a,b", "1,2"), 2013, "not a Map");
        assertRefused(List.of(Map.of("a", 1), Map.of("a", "x")), 2013, "holds values of different types");
        assertRefused(List.of(nullB, nullB), 2013, "holds only nulls");
        assertRefused(List.of(numberedKey), 2013, "not text");
        assertRefused(lateMismatch.iterator(), 2013, "in row 2101");

        assertThat(scalar("SELECT count(*) FROM alice." + kept)).as("the table they would have replaced").isEqualTo(3L);
        assertNoStagingTables("alice");
    }

    @Test
    void hostileColumnNamesAreNormalisedAsAnyImportsAre() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("'; DROP TABLE alice.x;--", "a");
        row.put("the_geom_webmercator", "b");
        row.put("cartodb_id", "c");
        row.put("", "d");
        row.put("select", "e");
        row.put("Ñandú Größe", "f");
        row.put("x".repeat(100), "g");
        row.put("\"quoted\"", "h");

        Exchange sent = producer.request("direct:rows-" + S, e -> e.getIn().setBody(List.of(row)));

        assertThat(sent.getException()).isNull();
        String table = sent.getMessage().getHeader(TemplateImports.TABLE_NAME, String.class);
        Map<String, String> columns = columns("alice", table);
        assertThat(columns.keySet()).allMatch(c -> c.matches("[a-z_][a-z0-9_]{0,62}"), "plain identifiers")
                .contains("drop_table_alice_x", "untitled_column", "_select", "nandu_grosse", "quoted", "x".repeat(63));
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo(1L);
        assertThat(rows("SELECT * FROM alice." + table).get(0).values()).contains("a", "d", "e", "f", "g", "h");
    }

    @Test
    void theOrphanSweepSparesARouteRowsImportWhileItsReplicaChecksIn() throws Exception {
        UUID here = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            for (UUID id : List.of(here, gone)) {
                String replica = id.equals(here) ? scheduler.getSchedulerInstanceId() : "a-replica-long-gone";
                s.execute("INSERT INTO geoingest.imports (id, username, state, data_type, source, options, updated_at)"
                        + " VALUES ('" + id + "', 'alice', 'importing', 'datasource', '{\"route\": \"r\", \"replica\": \""
                        + replica + "\"}', '{}', now() - interval '1 hour')");
            }
        }
        try {
            List<UUID> failed = imports.failOrphans(60);

            assertThat(failed).contains(gone).doesNotContain(here);
        } finally {
            try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
                s.execute("UPDATE geoingest.imports SET state = 'failure' WHERE id IN ('" + here + "', '" + gone + "')");
            }
        }
    }

    private void assertRefused(Object body, int code, String reason) throws Exception {
        Exchange sent = producer.request("direct:kept-" + S, e -> e.getIn().setBody(body));
        assertThat(sent.getException()).as("%s", body).isInstanceOfSatisfying(ImportException.class,
                e -> assertThat(e.code().code()).isEqualTo(code)).hasMessageContaining(reason);
        String id = sent.getMessage().getHeader(TemplateImports.IMPORT_ID).toString();
        assertFailure(get("/api/v1/imports/" + id + "?api_key=" + ALICE_KEY).getBody(), code);
    }

    private static Map<String, Object> nullName(Map<String, Object> row) {
        return nulls(row, "name");
    }

    private static Map<String, Object> nulls(Map<String, Object> row, String... columns) {
        Map<String, Object> out = new HashMap<>(row);
        for (String c : columns) {
            out.put(c, null);
        }
        return out;
    }
}
