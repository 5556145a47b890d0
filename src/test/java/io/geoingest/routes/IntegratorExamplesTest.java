package io.geoingest.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.api.ApiTestSupport;
import io.geoingest.sync.FakeSource;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The examples of routes/examples/ that use Camel's own components with the COPY sink, copied
 * into the integrators' routes directory with their placeholders filled (the test MariaDB, a
 * fake HTTP source, account alice, a trigger every 3 s instead of every 15 minutes or hour) and
 * loaded at start: their quartz: timers fire on geoingest's clustered scheduler, and each fire
 * lands its table.
 */
class IntegratorExamplesTest extends ApiTestSupport {
    private static final String S = unique("").substring(1);
    private static final String STORES = "examples_stores_" + S;
    private static final String CITIES = "cities_" + S;
    private static final String EVERY_3_SECONDS = "cron=0/3+*+*+*+*+?";

    private static Path routes;
    private static FakeSource source;

    @Autowired
    private CamelContext camel;
    @Autowired
    private Scheduler scheduler;

    @DynamicPropertySource
    static void routesDirectory(DynamicPropertyRegistry registry) throws Exception {
        routes = Files.createTempDirectory("geoingest-examples");
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + STORES);
            s.execute("CREATE TABLE " + STORES + " (id INT PRIMARY KEY, name VARCHAR(40), opened_on DATE,"
                    + " lon DOUBLE, lat DOUBLE)");
            s.execute("INSERT INTO " + STORES + " VALUES (1, 'Centro', '2020-02-29', -3.70, 40.42),"
                    + " (2, 'Norte', NULL, -3.69, 40.47), (3, 'Sur', '2021-06-01', -3.70, 40.38)");
        }
        source = new FakeSource();
        source.serve(CITIES + ".geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-3.7038, 40.4168]},
                   "properties": {"name": "Madrid", "population": 3223334}},
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.3522, 48.8566]},
                   "properties": {"name": "Paris", "population": 2102650}}]}
                """, "\"g1\"");
        example("sql-stores-every-15-minutes", Map.of("value: demo", "value: alice",
                "cron=0+0/15+*+*+*+?", EVERY_3_SECONDS,
                "127.0.0.1:3306/shop", TestDatabases.MYSQL_HOST + ":" + TestDatabases.MYSQL_PORT + "/"
                        + TestDatabases.MYSQL_DATABASE,
                "username: reader", "username: " + TestDatabases.MYSQL_USER,
                "SHOP_PASSWORD:secret", "GEOINGEST_UNSET_SHOP_PASSWORD:" + TestDatabases.MYSQL_PASSWORD,
                "FROM shop.stores", "FROM " + TestDatabases.MYSQL_DATABASE + "." + STORES,
                "value: stores}", "value: " + STORES + "}"));
        example("http-geojson-hourly", Map.of("value: demo", "value: alice",
                "cron=0+0+*+*+*+?", EVERY_3_SECONDS,
                "http://127.0.0.1:8000/cities.geojson", source.url(CITIES + ".geojson"),
                "value: cities}", "value: " + CITIES + "}"));
        registry.add("geoingest.routes.dir", routes::toString);
    }

    /** Copies an example into the routes directory, with its placeholders filled. */
    private static void example(String name, Map<String, String> fill) throws IOException {
        String text = Files.readString(Path.of("routes", "examples", name + ".camel.yaml"));
        for (Map.Entry<String, String> e : fill.entrySet()) {
            assertThat(text).as("%s in example %s", e.getKey(), name).contains(e.getKey());
            text = text.replace(e.getKey(), e.getValue());
        }
        Files.writeString(routes.resolve(name + ".camel.yaml"), text);
    }

    @AfterAll
    static void stop() throws Exception {
        source.close();
        try (Connection c = TestDatabases.mysql(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + STORES);
        }
    }

    @Test
    void quartzEndpointsRunOnGeoingestsClusteredScheduler() throws Exception {
        assertThat(camel.getComponent("quartz", QuartzComponent.class).getScheduler()).isSameAs(scheduler);
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getTriggersOfJob(JobKey.jobKey("stores", "shop"))).as("in the job store").hasSize(1);
    }

    @Test
    void theSqlExampleStreamsTheStoresIntoATableTypedFromTheirValues() throws Exception {
        NotifyBuilder fired = new NotifyBuilder(camel).fromRoute("shop-stores").whenCompleted(1).create();

        assertThat(fired.matches(60, TimeUnit.SECONDS)).as("a fire of shop-stores, completed").isTrue();

        assertThat(columns("alice", STORES)).containsEntry("id", "integer").containsEntry("name", "text")
                .containsEntry("opened_on", "date").containsEntry("lon", "double precision")
                .containsKeys("cartodb_id", "the_geom", "the_geom_webmercator");
        assertThat(rows("SELECT name, opened_on::text AS d, ST_AsText(the_geom) AS g FROM alice." + STORES
                + " ORDER BY id")).extracting(r -> r.get("name") + " " + r.get("d") + " " + r.get("g"))
                .containsExactly("Centro 2020-02-29 POINT(-3.7 40.42)", "Norte null POINT(-3.69 40.47)",
                        "Sur 2021-06-01 POINT(-3.7 40.38)");
        assertThat(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'alice' AND tablename ~ '^"
                + STORES + "_[0-9]+$'")).as("each fire replaces the one table").isEqualTo(0L);
    }

    @Test
    void theHttpExampleLandsTheGeoJsonOfEachFire() throws Exception {
        NotifyBuilder fired = new NotifyBuilder(camel).fromRoute("cities-geojson").whenCompleted(1).create();

        assertThat(fired.matches(60, TimeUnit.SECONDS)).as("a fire of cities-geojson, completed").isTrue();

        assertThat(rows("SELECT name, population, ST_AsText(the_geom) AS g FROM alice." + CITIES + " ORDER BY name"))
                .extracting(r -> r.get("name") + " " + r.get("population") + " " + r.get("g"))
                .containsExactly("Madrid 3223334 POINT(-3.7038 40.4168)", "Paris 2102650 POINT(2.3522 48.8566)");
    }
}
