package io.geoingest.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.testing.PackagedService;
import io.geoingest.testing.TestDatabases;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one database load the same routes directory: a
 * quartz: route recording each of its fires (every 2 s) in a table, with the instance that ran
 * it, and a timer: route recording its own. Each quartz fire is recorded once, by one instance,
 * none is missed, and the fires go on once one instance is killed; the timer, by contrast,
 * fires on both.
 */
class OncePerClusterIT {
    private static final String KEY = "once-per-cluster-secret-key";
    private static final String GROUP = "once-per-cluster";
    private static final long PERIOD_MILLIS = 2000;
    private static final String QUARTZ_TICKS = "once_per_cluster_quartz";
    private static final String TIMER_TICKS = "once_per_cluster_timer";

    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, Process> instances = new TreeMap<>();

    @AfterEach
    void stop() throws Exception {
        instances.values().forEach(Process::destroyForcibly);
        for (Process p : instances.values()) {
            p.waitFor();
        }
        // Camel never removes a clustered trigger: what docs/declarative-routes.md says to do.
        sql("DELETE FROM geoingest.qrtz_cron_triggers WHERE sched_name = 'geoingest' AND trigger_group = '" + GROUP + "'");
        sql("DELETE FROM geoingest.qrtz_triggers WHERE sched_name = 'geoingest' AND trigger_group = '" + GROUP + "'");
        sql("DELETE FROM geoingest.qrtz_job_details WHERE sched_name = 'geoingest' AND job_group = '" + GROUP + "'");
        sql("DROP TABLE IF EXISTS public." + QUARTZ_TICKS + ", public." + TIMER_TICKS);
    }

    @Test
    void aQuartzRouteFiresOnceAcrossTheClusterAndGoesOnWhenAnInstanceDies() throws Exception {
        sql("DROP TABLE IF EXISTS public." + QUARTZ_TICKS + ", public." + TIMER_TICKS);
        sql("CREATE TABLE public." + QUARTZ_TICKS + " (scheduled bigint, instance text, at timestamptz DEFAULT now())");
        sql("CREATE TABLE public." + TIMER_TICKS + " (instance text, at timestamptz DEFAULT now())");
        Path routes = Files.createDirectories(Path.of("target", "once-per-cluster-routes").toAbsolutePath());
        Files.writeString(routes.resolve("ticks.camel.yaml"), """
                - beans:
                    - name: ticksDb
                      type: org.springframework.jdbc.datasource.DriverManagerDataSource
                      properties:
                        url: "%s"
                        username: %s
                        password: %s
                - route:
                    id: quartz-ticks
                    from:
                      uri: "quartz:%s/tick?cron=0/2+*+*+*+*+?&stateful=true"
                      steps:
                        - to: "sql:INSERT INTO public.%s (scheduled, instance) VALUES (:#${header.scheduledFireTime.time}, '{{geoingest.it.instance}}')?dataSource=#ticksDb"
                - route:
                    id: timer-ticks
                    from:
                      uri: "timer:ticks?period=%d"
                      steps:
                        - to: "sql:INSERT INTO public.%s (instance) VALUES ('{{geoingest.it.instance}}')?dataSource=#ticksDb"
                """.formatted(TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD, GROUP, QUARTZ_TICKS,
                PERIOD_MILLIS, TIMER_TICKS));
        int portA = freePort();
        int portB = freePort();
        start("a", portA, routes);
        start("b", portB, routes);
        awaitUp(portA, "a");
        awaitUp(portB, "b");
        awaitTwoSchedulersAndAFire(Duration.ofSeconds(90));
        long since = System.currentTimeMillis();

        Thread.sleep(8 * PERIOD_MILLIS);

        List<Fire> both = fires(since);
        System.out.println("fires with two instances: " + both);
        assertOncePerPeriod(both);
        assertThat(both).as("fires in %d ms", 8 * PERIOD_MILLIS).hasSizeBetween(6, 9);
        assertThat(timerInstances(since)).as("instances whose timer: route fired").containsExactly("a", "b");

        instances.remove("a").destroyForcibly().waitFor();
        long killed = System.currentTimeMillis();
        Thread.sleep(10 * PERIOD_MILLIS);

        List<Fire> after = fires(killed);
        System.out.println("fires after instance a was killed: " + after);
        assertThat(after).as("fires after the kill").isNotEmpty().allSatisfy(f -> assertThat(f.instance()).isEqualTo("b"));
        assertOncePerPeriod(fires(since));
        // Past the cluster's failover (a fire a held when it died waits for that), every period fires again.
        List<Fire> last = fires(killed + 16_000);
        assertThat(last).as("fires from 16 s after the kill").hasSizeGreaterThanOrEqualTo(1);
        for (int i = 1; i < last.size(); i++) {
            assertThat(last.get(i).scheduled() - last.get(i - 1).scheduled()).isEqualTo(PERIOD_MILLIS);
        }
    }

    /** A quartz fire as recorded: its scheduled time (epoch ms) and the instance that ran it. */
    private record Fire(long scheduled, String instance) {
        @Override
        public String toString() {
            return Instant.ofEpochMilli(scheduled) + " " + instance;
        }
    }

    /** No scheduled time recorded twice, each one a whole number of periods after the cron's grid. */
    private static void assertOncePerPeriod(List<Fire> fires) {
        Set<Long> seen = new TreeSet<>();
        for (Fire f : fires) {
            assertThat(seen.add(f.scheduled())).as("fire %s recorded once, in %s", f, fires).isTrue();
            assertThat(f.scheduled() % PERIOD_MILLIS).as("fire %s on the cron's grid", f).isZero();
        }
    }

    private static List<Fire> fires(long since) throws Exception {
        List<Fire> out = new ArrayList<>();
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT scheduled, instance FROM public." + QUARTZ_TICKS
                     + " WHERE scheduled >= " + since + " ORDER BY scheduled, instance")) {
            while (rs.next()) {
                out.add(new Fire(rs.getLong(1), rs.getString(2)));
            }
        }
        return out;
    }

    private static List<String> timerInstances(long since) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT instance FROM public." + TIMER_TICKS
                     + " WHERE at >= to_timestamp(" + since / 1000.0 + ") ORDER BY instance")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Waits until both schedulers check in (each starts once its routes are up) and the trigger has fired. */
    private static void awaitTwoSchedulersAndAFire(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM geoingest.qrtz_scheduler_state WHERE sched_name ="
                         + " 'geoingest' AND last_checkin_time > (extract(epoch FROM now()) * 1000)::bigint - 5000")) {
                rs.next();
                if (rs.getInt(1) >= 2 && !fires(0).isEmpty()) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("two schedulers did not check in and fire; see target/once-per-cluster-*.log");
    }

    private void start(String name, int port, Path routes) throws IOException {
        instances.put(name, PackagedService.start(port, TestDatabases.PG_URL, log(name), List.of(
                "--geoingest.routes.dir=" + routes,
                "--geoingest.it.instance=" + name,
                "--geoingest.imports.work-dir=" + Path.of("target", "once-per-cluster-work").toAbsolutePath(),
                "--geoingest.secret-key=once-per-cluster-secret-0123456789abcdefghij",
                "--geoingest.accounts[0].username=cluster",
                "--geoingest.accounts[0].api-key=" + KEY)));
    }

    private static Path log(String name) {
        return Path.of("target", "once-per-cluster-" + name + ".log");
    }

    private void awaitUp(int port, String name) throws InterruptedException {
        PackagedService.awaitUp(client, port, KEY, instances.get(name), log(name), Duration.ofSeconds(120));
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static int freePort() throws IOException {
        return PackagedService.freePort();
    }
}
