package io.geoingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import io.geoingest.imports.SchedulerWakeUp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The schedule of one sync on a real Quartz scheduler (in memory here; the service's is the
 * clustered JDBC store): one trigger at a time, and a run missed while nothing ran fires once,
 * not once per missed period.
 */
class SyncSchedulerTest {
    private final AtomicInteger runs = new AtomicInteger();
    private Scheduler quartz;
    private SyncScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "sync-test-" + UUID.randomUUID());
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        quartz = new StdSchedulerFactory(p).getScheduler();
        quartz.setJobFactory((bundle, s) -> context -> runs.incrementAndGet());
        scheduler = new SyncScheduler(quartz, new SchedulerWakeUp(quartz));
    }

    @AfterEach
    void stop() throws Exception {
        quartz.shutdown(false);
    }

    @Test
    void aRunMissedForManyPeriodsFiresOnceWhenTheSchedulerComesBack() throws Exception {
        UUID sync = UUID.randomUUID();
        // Due an hour ago, with the scheduler down since: a misfire.
        scheduler.scheduleAt(sync, Instant.now().minus(Duration.ofHours(1)));
        quartz.start();
        Thread.sleep(2000);
        assertThat(runs.get()).isEqualTo(1);
        assertThat(quartz.getTriggersOfJob(JobKey.jobKey(sync.toString(), SyncScheduler.GROUP))).isEmpty();
        assertThat(quartz.checkExists(JobKey.jobKey(sync.toString(), SyncScheduler.GROUP))).as("durable job").isTrue();
    }

    @Test
    void reschedulingReplacesTheNextRunAndRemovingStopsIt() throws Exception {
        UUID sync = UUID.randomUUID();
        JobKey job = JobKey.jobKey(sync.toString(), SyncScheduler.GROUP);
        scheduler.scheduleAt(sync, Instant.now().plus(Duration.ofHours(1)));
        scheduler.scheduleAt(sync, Instant.now().plus(Duration.ofHours(2)));
        assertThat(quartz.getTriggersOfJob(job)).hasSize(1);
        assertThat(quartz.getTriggersOfJob(job).get(0).getStartTime().toInstant())
                .isAfter(Instant.now().plus(Duration.ofMinutes(119)));
        scheduler.remove(sync);
        assertThat(quartz.checkExists(job)).isFalse();
    }
}
